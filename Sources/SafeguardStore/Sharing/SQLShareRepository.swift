import Foundation
import SafeguardDomain
import SQLKit

/// Case shares with partner agencies in `case_shares`.
struct SQLShareRepository: ShareRepository {
    let db: any SQLDatabase

    func create(_ s: CaseShare, byUserID: String) async throws {
        let groups = String(decoding: try JSONEncoder().encode(s.fieldGroups.map(\.rawValue)), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO case_shares (id, case_id, agency, field_groups, consent, override_reason, ends_on, shared_by, shared_by_user_id, shared_at)
            VALUES (\(bind: s.id), \(bind: s.caseID), \(bind: s.agency.rawValue), \(bind: groups), \(bind: s.consent.rawValue), \(bind: s.overrideReason),
              \(bind: s.endsOn), \(bind: s.sharedBy), \(bind: byUserID), \(bind: s.sharedAt.epoch))
            """
        ).run()
    }

    func forCase(_ caseID: String) async throws -> [CaseShare] {
        try await db.raw("SELECT * FROM case_shares WHERE case_id = \(bind: caseID) ORDER BY shared_at DESC, id DESC").all().map(Self.share)
    }

    func inForce(agency: Agency, on day: String, limit: Int) async throws -> [CaseShare] {
        try await db.raw(
            """
            SELECT * FROM case_shares WHERE agency = \(bind: agency.rawValue) AND ends_on >= \(bind: day) ORDER BY shared_at DESC, id DESC LIMIT \(bind: limit)
            """
        ).all().map(Self.share)
    }

    static func share(_ row: any SQLRow) throws -> CaseShare {
        let groups = try JSONDecoder().decode([String].self, from: Data(try row.string("field_groups").utf8)).map { raw in
            guard let group = FieldGroup(rawValue: raw) else {
                throw UnreadableValue(table: "case_shares", column: "field_groups", value: raw, type: "FieldGroup")
            }
            return group
        }
        return CaseShare(
            id: try row.string("id"), caseID: try row.string("case_id"), agency: try row.choice(Agency.self, "agency", in: "case_shares"),
            fieldGroups: groups, consent: try row.choice(ShareConsent.self, "consent", in: "case_shares"),
            overrideReason: try row.optionalString("override_reason"), endsOn: try row.string("ends_on"), sharedBy: try row.string("shared_by"),
            sharedAt: try row.date("shared_at"))
    }
}
