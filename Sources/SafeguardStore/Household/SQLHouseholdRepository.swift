import Foundation
import SafeguardDomain
import SQLKit

/// Links between the household's adults and children in `household_links`; ending one sets its last day.
struct SQLHouseholdRepository: HouseholdRepository {
    let db: any SQLDatabase

    private static let columns = "id, adult_person_id, child_person_id, role, from_date, to_date, note, recorded_by, recorded_at"

    func create(_ link: HouseholdLink) async throws -> Bool {
        let open = try await db.raw(
            """
            SELECT id FROM household_links WHERE adult_person_id = \(bind: link.adultID) AND child_person_id = \(bind: link.childID)
              AND role = \(bind: link.role.rawValue) AND to_date IS NULL
            """
        ).first()
        guard open == nil else { return false }
        try await db.raw(
            """
            INSERT INTO household_links (\(unsafeRaw: Self.columns))
            VALUES (\(bind: link.id), \(bind: link.adultID), \(bind: link.childID), \(bind: link.role.rawValue), \(bind: link.from), \(bind: link.to),
              \(bind: link.note), \(bind: link.recordedBy), \(bind: link.recordedAt.epoch))
            """
        ).run()
        return true
    }

    func links(adults: [String]) async throws -> [HouseholdLink] { try await read("adult_person_id", adults) }

    func links(children: [String]) async throws -> [HouseholdLink] { try await read("child_person_id", children) }

    func end(id: String, on day: String) async throws -> Bool {
        !(try await db.raw("UPDATE household_links SET to_date = \(bind: day) WHERE id = \(bind: id) AND to_date IS NULL RETURNING id").all().isEmpty)
    }

    private func read(_ column: String, _ ids: [String]) async throws -> [HouseholdLink] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw(
            "SELECT \(unsafeRaw: Self.columns) FROM household_links WHERE \(unsafeRaw: column) IN (\(binds: ids)) ORDER BY from_date, recorded_at, id"
        ).all().map { row in
            HouseholdLink(
                id: try row.string("id"), adultID: try row.string("adult_person_id"), childID: try row.string("child_person_id"),
                role: try row.choice(HouseholdRole.self, "role", in: "household_links"), from: try row.string("from_date"),
                to: try row.optionalString("to_date"), note: try row.optionalString("note"), recordedBy: try row.string("recorded_by"),
                recordedAt: try row.date("recorded_at"))
        }
    }
}
