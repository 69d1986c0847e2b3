import Foundation
import SafeguardDomain
import SQLKit

/// IDVA offers in `idva_offers`, the allocated IDVA's name read from `users`.
struct SQLIdvaRepository: IdvaRepository {
    let db: any SQLDatabase

    func create(_ o: IdvaOffer, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO idva_offers (id, case_id, outcome, reason, idva_user_id, recorded_by, recorded_by_user_id, recorded_at)
            VALUES (\(bind: o.id), \(bind: o.caseID), \(bind: o.outcome.rawValue), \(bind: o.reason), \(bind: o.idva?.id), \(bind: o.recordedBy),
              \(bind: byUserID), \(bind: o.recordedAt.epoch))
            """
        ).run()
    }

    func offers(caseID: String) async throws -> [IdvaOffer] {
        try await db.raw(
            """
            SELECT o.*, u.display_name AS idva_name, u.role AS idva_role FROM idva_offers o LEFT JOIN users u ON u.id = o.idva_user_id
            WHERE o.case_id = \(bind: caseID) ORDER BY o.recorded_at DESC, o.id DESC
            """
        ).all().map { row in
            let idva = try row.optionalString("idva_user_id").map {
                CaseUser(id: $0, displayName: try row.optionalString("idva_name") ?? "", role: try row.choice(Role.self, "idva_role", in: "users"))
            }
            return IdvaOffer(
                id: try row.string("id"), caseID: try row.string("case_id"), outcome: try row.choice(IdvaOfferOutcome.self, "outcome", in: "idva_offers"),
                reason: try row.optionalString("reason"), idva: idva, recordedBy: try row.string("recorded_by"), recordedAt: try row.date("recorded_at"))
        }
    }

    /// Each case's newest offer: what the case's IDVA is now.
    private static let newest = """
        SELECT o.case_id, o.outcome, o.idva_user_id, o.recorded_at FROM idva_offers o
        WHERE NOT EXISTS (SELECT 1 FROM idva_offers later WHERE later.case_id = o.case_id
          AND (later.recorded_at > o.recorded_at OR (later.recorded_at = o.recorded_at AND later.id > o.id)))
        """

    func loads(since: Date) async throws -> [(idvaUserID: String, caseload: Int, referrals: Int)] {
        var caseloads: [String: Int] = [:]
        for row in try await db.raw(
            """
            SELECT n.idva_user_id, COUNT(*) AS n FROM (\(unsafeRaw: Self.newest)) n JOIN cases c ON c.id = n.case_id
            WHERE c.status = 'open' AND n.outcome = 'accepted' AND n.idva_user_id IS NOT NULL GROUP BY n.idva_user_id
            """
        ).all() {
            caseloads[try row.string("idva_user_id")] = try row.int("n")
        }
        var referrals: [String: Int] = [:]
        for row in try await db.raw(
            """
            SELECT idva_user_id, COUNT(*) AS n FROM idva_offers WHERE outcome = 'accepted' AND idva_user_id IS NOT NULL
              AND recorded_at >= \(bind: since.epoch) GROUP BY idva_user_id
            """
        ).all() {
            referrals[try row.string("idva_user_id")] = try row.int("n")
        }
        return Set(caseloads.keys).union(referrals.keys).sorted().map { ($0, caseloads[$0] ?? 0, referrals[$0] ?? 0) }
    }

    func waitingForAnIdva() async throws -> Int {
        try await db.raw(
            """
            SELECT COUNT(*) AS n FROM (\(unsafeRaw: Self.newest)) n JOIN cases c ON c.id = n.case_id
            WHERE c.status = 'open' AND n.outcome = 'accepted' AND n.idva_user_id IS NULL
            """
        ).first()?.int("n") ?? 0
    }

    func offers(from: Date, to: Date) async throws -> (offered: Int, accepted: Int) {
        let row = try await db.raw(
            """
            SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END), 0) AS accepted FROM idva_offers
            WHERE recorded_at >= \(bind: from.epoch) AND recorded_at < \(bind: to.epoch)
            """
        ).first()
        return (try row?.int("n") ?? 0, try row?.int("accepted") ?? 0)
    }

    func highRiskOffered() async throws -> (open: Int, offered: Int) {
        let row = try await db.raw(
            """
            SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM idva_offers o WHERE o.case_id = c.id) THEN 1 ELSE 0 END), 0) AS offered
            FROM cases c WHERE c.status = 'open' AND c.risk_level = 'high'
            """
        ).first()
        return (try row?.int("n") ?? 0, try row?.int("offered") ?? 0)
    }
}
