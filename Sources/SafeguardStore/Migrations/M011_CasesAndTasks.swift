import Foundation

extension Migration {
    /// Safeguarding cases with one owner each (rule 15), their ownership history, and the task engine (rules 17, 20).
    /// `owner_user_id` is NOT NULL: a case without an owner cannot be written. One open case per victim record.
    static let m011CasesAndTasks = Migration(version: 11, name: "cases, owners, tasks and supervisors") { _ in
        [
            "ALTER TABLE users ADD COLUMN supervisor_id TEXT REFERENCES users (id)",
            "ALTER TABLE users ADD COLUMN available BOOLEAN NOT NULL DEFAULT TRUE",
            // Named counters (`SG-2026`) for references other than incidents'.
            "CREATE TABLE counters (name TEXT PRIMARY KEY, last_number BIGINT NOT NULL)",
            """
            CREATE TABLE cases (id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, victim_person_id TEXT NOT NULL REFERENCES people (id),
              status TEXT NOT NULL, risk_level TEXT, owner_user_id TEXT NOT NULL REFERENCES users (id), investigator_user_id TEXT REFERENCES users (id),
              handover_to TEXT REFERENCES users (id), handover_by TEXT, handover_at BIGINT, handover_note TEXT,
              needs_reallocation BOOLEAN NOT NULL, opened_at BIGINT NOT NULL, closed_at BIGINT, version BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX cases_one_open_per_victim ON cases (victim_person_id) WHERE status = 'open'",
            "CREATE INDEX cases_owner ON cases (owner_user_id, status)",
            "CREATE INDEX cases_handover ON cases (handover_to)",
            "CREATE TABLE case_incidents (case_id TEXT NOT NULL REFERENCES cases (id), incident_id TEXT NOT NULL REFERENCES incidents (id), PRIMARY KEY (case_id, incident_id))",
            "CREATE INDEX case_incidents_incident ON case_incidents (incident_id)",
            """
            CREATE TABLE case_events (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), kind TEXT NOT NULL,
              from_user_id TEXT, to_user_id TEXT, by_username TEXT NOT NULL, at BIGINT NOT NULL, note TEXT NOT NULL)
            """,
            "CREATE INDEX case_events_case ON case_events (case_id, at)",
            """
            CREATE TABLE tasks (id TEXT PRIMARY KEY, case_id TEXT REFERENCES cases (id), incident_id TEXT REFERENCES incidents (id),
              kind TEXT NOT NULL, title TEXT NOT NULL, owner_user_id TEXT NOT NULL REFERENCES users (id), due_at BIGINT NOT NULL,
              created_at BIGINT NOT NULL, created_by TEXT, source TEXT NOT NULL, completed_at BIGINT, completed_by TEXT, outcome TEXT,
              escalated_at BIGINT, escalated_to TEXT REFERENCES users (id))
            """,
            "CREATE INDEX tasks_owner_open ON tasks (owner_user_id, completed_at, due_at)",
            "CREATE INDEX tasks_escalated_to ON tasks (escalated_to, completed_at)",
            "CREATE INDEX tasks_due_open ON tasks (completed_at, escalated_at, due_at)",
            "CREATE INDEX tasks_case ON tasks (case_id, due_at)"
        ]
    }
}
