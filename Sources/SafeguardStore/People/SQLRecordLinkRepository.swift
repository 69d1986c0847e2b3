import Foundation
import SafeguardDomain
import SQLKit

/// Links between person records: the pair's state on `match_proposals`, every decision in `link_decisions`.
struct SQLRecordLinkRepository: RecordLinkRepository {
    let db: any SQLDatabase

    func decide(_ a: String, _ b: String, decision: LinkDecision, reason: String, by userID: String, at: Date) async throws {
        let (first, second) = (min(a, b), max(a, b))
        let status =
            switch decision {
            case .confirm: "confirmed"
            case .reject: "rejected"
            case .undo: "proposed"
            }
        try await db.raw(
            """
            INSERT INTO link_decisions (id, person_id, other_person_id, decision, reason, decided_by, decided_at)
            VALUES (\(bind: SafeguardService.newID(at: at)), \(bind: first), \(bind: second), \(bind: decision.rawValue), \(bind: reason), \(bind: userID), \(bind: at.epoch))
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO match_proposals (person_id, other_person_id, probability, reasons, status, source, created_at, decided_by, decided_at)
            VALUES (\(bind: first), \(bind: second), 0, '', \(bind: status), 'person', \(bind: at.epoch), \(bind: userID), \(bind: at.epoch))
            ON CONFLICT (person_id, other_person_id) DO UPDATE SET status = excluded.status, decided_by = excluded.decided_by, decided_at = excluded.decided_at
            """
        ).run()
    }

    func links(of personID: String) async throws -> [(otherID: String, status: String, probability: Double?, reasons: [String])] {
        try await db.raw(
            """
            SELECT CASE WHEN person_id = \(bind: personID) THEN other_person_id ELSE person_id END AS other_id, status, probability, reasons, source
            FROM match_proposals WHERE person_id = \(bind: personID) OR other_person_id = \(bind: personID)
            ORDER BY CASE status WHEN 'confirmed' THEN 0 WHEN 'proposed' THEN 1 ELSE 2 END, probability DESC
            """
        ).all().map { row in
            let reasons = try row.string("reasons")
            let byPerson = try row.string("source") == "person"
            return (
                try row.string("other_id"), try row.string("status"), byPerson ? nil : try row.decode(column: "probability", as: Double.self),
                reasons.isEmpty ? [] : reasons.components(separatedBy: "; ")
            )
        }
    }

    func status(_ a: String, _ b: String) async throws -> String? {
        try await db.raw("SELECT status FROM match_proposals WHERE person_id = \(bind: min(a, b)) AND other_person_id = \(bind: max(a, b))").first()?.string(
            "status")
    }

    func confirmedPartners(of ids: [String]) async throws -> [String: [String]] {
        guard !ids.isEmpty else { return [:] }
        // Two index reads (the key's first column, then match_proposals_other) rather than one OR, which may scan.
        let rows = try await db.raw(
            """
            SELECT person_id AS record_id, other_person_id AS partner_id FROM match_proposals
            WHERE person_id IN (\(binds: ids)) AND status = 'confirmed'
            UNION ALL
            SELECT other_person_id AS record_id, person_id AS partner_id FROM match_proposals
            WHERE other_person_id IN (\(binds: ids)) AND status = 'confirmed'
            """
        ).all()
        var partners: [String: [String]] = [:]
        for row in rows { partners[try row.string("record_id"), default: []].append(try row.string("partner_id")) }
        return partners
    }

    func proposed(limit: Int, offset: Int) async throws -> (pairs: [(personID: String, otherID: String, probability: Double?, reasons: [String])], total: Int) {
        let total = try await db.raw("SELECT COUNT(*) AS n FROM match_proposals WHERE status = 'proposed'").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await db.raw(
            """
            SELECT person_id, other_person_id, probability, reasons, source FROM match_proposals WHERE status = 'proposed'
            ORDER BY probability DESC, person_id, other_person_id
            LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """
        ).all()
        let pairs = try rows.map { row in
            let reasons = try row.string("reasons")
            // A pair a person created and then undid has no probability of its own (stored as 0).
            let byPerson = try row.string("source") == "person"
            return (
                personID: try row.string("person_id"), otherID: try row.string("other_person_id"),
                probability: byPerson ? nil : try row.decode(column: "probability", as: Double.self) as Double?,
                reasons: reasons.isEmpty ? [] : reasons.components(separatedBy: "; ")
            )
        }
        return (pairs, total)
    }
}
