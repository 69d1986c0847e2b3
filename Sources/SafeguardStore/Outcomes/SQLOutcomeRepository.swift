import Foundation
import SafeguardDomain
import SQLKit

/// Crime outcomes in SQL.
struct SQLOutcomeRepository: OutcomeRepository {
    let db: any SQLDatabase

    func create(_ o: CrimeOutcome, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO crime_outcomes (id, incident_id, suspect_person_id, kind, decided_on, decided_by, reason, authorised_by, recorded_by,
              recorded_by_username, recorded_at)
            VALUES (\(bind: o.id), \(bind: o.incidentID), \(bind: o.suspectPersonID), \(bind: o.kind.rawValue), \(bind: o.decidedOn), \(bind: o.decidedBy.rawValue),
              \(bind: o.reason), \(bind: o.authorisedBy), \(bind: byUserID), \(bind: o.recordedBy), \(bind: o.recordedAt.epoch))
            """
        ).run()
    }

    func forIncidents(_ ids: [String]) async throws -> [CrimeOutcome] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw("SELECT * FROM crime_outcomes WHERE incident_id IN (\(binds: ids)) ORDER BY recorded_at, id").all().map { row in
            CrimeOutcome(
                id: try row.string("id"), incidentID: try row.string("incident_id"), suspectPersonID: try row.optionalString("suspect_person_id"),
                kind: try row.choice(CrimeOutcome.Kind.self, "kind", in: "crime_outcomes"), decidedOn: try row.string("decided_on"),
                decidedBy: try row.choice(CrimeOutcome.Decider.self, "decided_by", in: "crime_outcomes"), reason: try row.string("reason"),
                authorisedBy: try row.optionalString("authorised_by"), recordedBy: try row.string("recorded_by_username"),
                recordedAt: try row.date("recorded_at"))
        }
    }
}
