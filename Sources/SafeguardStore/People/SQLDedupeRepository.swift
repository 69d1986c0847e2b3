import Foundation
import SafeguardDomain
import SafeguardMatching
import SQLKit

/// The batch clean-up's storage: records in id order, proposals, and the resume cursor.
struct SQLDedupeRepository: DedupeRepository {
    let db: any SQLDatabase

    func personIDs(after: String, limit: Int) async throws -> [String] {
        try await db.raw("SELECT id FROM people WHERE id > \(bind: after) ORDER BY id LIMIT \(unsafeRaw: String(max(1, limit)))").all().map {
            try $0.string("id")
        }
    }

    func matchRecords(ids: [String]) async throws -> [MatchRecord] {
        var records: [MatchRecord] = []
        // Chunked: SQLite allows 32,766 bound values per statement.
        for start in stride(from: 0, to: ids.count, by: 5_000) {
            records += try await MatchIndex(db: db).records(ids: Array(ids[start..<min(start + 5_000, ids.count)]))
        }
        return records
    }

    func propose(_ proposals: [MatchProposal], at: Date) async throws {
        for start in stride(from: 0, to: proposals.count, by: 500) {
            let values = proposals[start..<min(start + 500, proposals.count)].map { p -> SQLQueryString in
                "(\(bind: p.personID), \(bind: p.otherPersonID), \(bind: p.probability), \(bind: p.reasons.joined(separator: "; ")), 'proposed', 'batch', \(bind: at.epoch))"
            }
            try await db.raw(
                """
                INSERT INTO match_proposals (person_id, other_person_id, probability, reasons, status, source, created_at)
                VALUES \(values.joined(separator: ", ")) ON CONFLICT DO NOTHING
                """
            ).run()
        }
    }

    func cursor() async throws -> String {
        try await db.raw("SELECT last_person_id FROM dedupe_progress WHERE id = 1").first()?.string("last_person_id") ?? ""
    }

    func setCursor(_ personID: String, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO dedupe_progress (id, last_person_id, started_at, updated_at) VALUES (1, \(bind: personID), \(bind: at.epoch), \(bind: at.epoch))
            ON CONFLICT (id) DO UPDATE SET last_person_id = excluded.last_person_id, updated_at = excluded.updated_at
            """
        ).run()
    }
}
