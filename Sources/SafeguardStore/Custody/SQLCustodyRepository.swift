import Foundation
import SafeguardDomain
import SQLKit

/// Custody events in SQL.
struct SQLCustodyRepository: CustodyRepository {
    let db: any SQLDatabase

    func create(_ e: CustodyEvent, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO custody_events (id, suspect_person_id, incident_id, kind, at, conditions, ends_on, note, recorded_by, recorded_by_username, recorded_at)
            VALUES (\(bind: e.id), \(bind: e.suspectPersonID), \(bind: e.incidentID), \(bind: e.kind.rawValue), \(bind: e.at.epoch), \(bind: e.conditions),
              \(bind: e.endsOn), \(bind: e.note), \(bind: byUserID), \(bind: e.recordedBy), \(bind: e.recordedAt.epoch))
            """
        ).run()
    }

    func find(id: String) async throws -> CustodyEvent? {
        try await db.raw("SELECT * FROM custody_events WHERE id = \(bind: id)").first().map(Self.event)
    }

    func forSuspects(_ personIDs: [String]) async throws -> [CustodyEvent] {
        guard !personIDs.isEmpty else { return [] }
        return try await db.raw("SELECT * FROM custody_events WHERE suspect_person_id IN (\(binds: personIDs)) ORDER BY at DESC, id DESC").all().map(Self.event)
    }

    static func event(_ row: any SQLRow) throws -> CustodyEvent {
        CustodyEvent(
            id: try row.string("id"), suspectPersonID: try row.string("suspect_person_id"), incidentID: try row.optionalString("incident_id"),
            kind: try row.choice(CustodyEvent.Kind.self, "kind", in: "custody_events"), at: try row.date("at"),
            conditions: try row.optionalString("conditions"), endsOn: try row.optionalString("ends_on"), note: try row.optionalString("note"),
            recordedBy: try row.string("recorded_by_username"), recordedAt: try row.date("recorded_at"))
    }
}
