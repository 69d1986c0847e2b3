import Foundation
import SafeguardDomain
import SQLKit

/// Fired triggers, and the clocks' question about quiet victims, in SQL.
struct SQLTriggerRepository: TriggerRepository {
    let db: any SQLDatabase

    func recordFiring(source: String, caseID: String, kind: CaseTask.Kind, taskID: String, at: Date) async throws -> Bool {
        // On PostgreSQL a second deliverer waits on the first's uncommitted row, then finds the conflict and inserts nothing.
        try await db.raw(
            """
            INSERT INTO triggers_fired (source, case_id, kind, task_id, fired_at)
            VALUES (\(bind: source), \(bind: caseID), \(bind: kind.rawValue), \(bind: taskID), \(bind: at.epoch))
            ON CONFLICT DO NOTHING RETURNING case_id
            """
        ).first() != nil
    }

    func quietCases(minIncidents: Int, quietSince: Date, now: Date, limit: Int) async throws -> [QuietCase] {
        // Everything is decided here, not after the LIMIT: a case heard from lately, or checked on already in this
        // period of its quiet spell, must not take a place that a newly quiet victim needs. The source is spelt from
        // `TriggerKeys.quiet`, as `TriggerRules.source(quiet:…)` spells it. Only contacts in which she was reached end a spell;
        // an imported case's spell starts no earlier than its import (nobody could check on her before the force had it).
        let period = max(1, now.epoch - quietSince.epoch)
        let rows = try await db.raw(
            """
            SELECT q.id, q.n, q.last_seen FROM (
              SELECT c.id, s.n, CASE WHEN COALESCE(c.imported_at, 0) > COALESCE(k.last_contact, 0) AND COALESCE(c.imported_at, 0) > s.last_incident
                THEN c.imported_at WHEN COALESCE(k.last_contact, 0) > s.last_incident THEN k.last_contact ELSE s.last_incident END AS last_seen
              FROM cases c
              JOIN (SELECT ci.case_id, COUNT(*) AS n, MAX(i.occurred_at) AS last_incident
                    FROM case_incidents ci JOIN incidents i ON i.id = ci.incident_id GROUP BY ci.case_id) s ON s.case_id = c.id
              LEFT JOIN (SELECT case_id, MAX(at) AS last_contact FROM contacts WHERE reached GROUP BY case_id) k ON k.case_id = c.id
              WHERE c.status = 'open' AND s.n >= \(bind: minIncidents)) q
            WHERE q.last_seen < \(bind: quietSince.epoch)
              AND NOT EXISTS (SELECT 1 FROM triggers_fired f WHERE f.source = \(sqlTriggerKey(TriggerKeys.quiet, [
                    "case_id": "q.id", "last_seen": "q.last_seen", "periods": "(\(bind: now.epoch) - q.last_seen) / \(bind: period)"])))
            ORDER BY q.last_seen DESC LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map { row in
            QuietCase(caseID: try row.string("id"), incidentCount: try row.int("n"), lastContact: Date(epoch: try row.int64("last_seen")))
        }
    }
}
