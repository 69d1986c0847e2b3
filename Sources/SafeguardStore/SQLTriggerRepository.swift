import Foundation
import SafeguardDomain
import SQLKit

/// Fired triggers, and the clocks' question about quiet victims, in SQL.
struct SQLTriggerRepository: TriggerRepository {
    let db: any SQLDatabase

    func recordFiring(source: String, caseID: String, kind: CaseTask.Kind, taskID: String, at: Date) async throws -> Bool {
        // On PostgreSQL a second deliverer waits on the first's uncommitted row, then finds the conflict and inserts nothing.
        try await db.raw("""
            INSERT INTO triggers_fired (source, case_id, kind, task_id, fired_at)
            VALUES (\(bind: source), \(bind: caseID), \(bind: kind.rawValue), \(bind: taskID), \(bind: at.epoch))
            ON CONFLICT DO NOTHING RETURNING case_id
            """).first() != nil
    }

    func quietCases(minIncidents: Int, quietSince: Date, limit: Int) async throws -> [QuietCase] {
        let rows = try await db.raw("""
            SELECT c.id, s.n, s.last_incident, (SELECT MAX(k.at) FROM contacts k WHERE k.case_id = c.id) AS last_contact
            FROM cases c JOIN (SELECT ci.case_id, COUNT(*) AS n, MAX(i.occurred_at) AS last_incident
                               FROM case_incidents ci JOIN incidents i ON i.id = ci.incident_id GROUP BY ci.case_id) s ON s.case_id = c.id
            WHERE c.status = 'open' AND s.n >= \(bind: minIncidents) AND s.last_incident < \(bind: quietSince.epoch)
            ORDER BY s.last_incident LIMIT \(bind: limit)
            """).all()
        return try rows.compactMap { row in
            let last = max(try row.int64("last_incident"), try row.decode(column: "last_contact", as: Int64?.self) ?? 0)
            guard last < quietSince.epoch else { return nil }
            return QuietCase(caseID: try row.string("id"), incidentCount: try row.int("n"), lastContact: Date(epoch: last))
        }
    }

    func firedSources(caseIDs: [String], kind: CaseTask.Kind) async throws -> Set<String> {
        guard !caseIDs.isEmpty else { return [] }
        return Set(try await db.raw("SELECT source FROM triggers_fired WHERE kind = \(bind: kind.rawValue) AND case_id IN (\(binds: caseIDs))")
            .all().map { try $0.string("source") })
    }
}
