import Foundation

extension Migration {
    /// Issue 5: the orders register with its history (rule 25), one table of fired triggers for every kind of event
    /// (custody, orders, incidents, clocks — replacing the custody-only one), each victim's safe-contact details and
    /// contact log (rule 19), and the outcome of each crime (rule 27).
    static let m014OrdersContactsOutcomes = Migration(version: 14, name: "orders register, triggers, contact log and outcomes") { _ in
        [
            "ALTER TABLE protective_orders ADD COLUMN incident_id TEXT REFERENCES incidents (id)",
            "ALTER TABLE protective_orders ADD COLUMN served_at BIGINT",
            "ALTER TABLE protective_orders ADD COLUMN hearing_at BIGINT",
            "ALTER TABLE protective_orders ADD COLUMN ended_on TEXT",
            "ALTER TABLE protective_orders ADD COLUMN breaches BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE protective_orders ADD COLUMN recorded_by_username TEXT",
            "ALTER TABLE protective_orders ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
            "CREATE INDEX protective_orders_ends ON protective_orders (ends_on)",
            """
            CREATE TABLE order_events (id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES protective_orders (id), kind TEXT NOT NULL,
              at BIGINT NOT NULL, note TEXT, terms TEXT, ends_on TEXT, hearing_at BIGINT, incident_id TEXT REFERENCES incidents (id),
              recorded_by TEXT NOT NULL REFERENCES users (id), recorded_by_username TEXT NOT NULL, recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX order_events_order ON order_events (order_id, at)",
            // `source` names the event (custody:<id>, order:<id>, incident:<id>, order-ending:<id>:<date>, quiet:<case>:<t> …).
            """
            CREATE TABLE triggers_fired (source TEXT NOT NULL, case_id TEXT NOT NULL REFERENCES cases (id), kind TEXT NOT NULL,
              task_id TEXT NOT NULL, fired_at BIGINT NOT NULL, PRIMARY KEY (source, case_id, kind))
            """,
            "CREATE INDEX triggers_fired_case ON triggers_fired (case_id, kind)",
            "INSERT INTO triggers_fired (source, case_id, kind, task_id, fired_at) SELECT 'custody:' || event_id, case_id, kind, task_id, fired_at FROM trigger_firings",
            "DROP TABLE trigger_firings",
            """
            CREATE TABLE safe_contacts (person_id TEXT PRIMARY KEY REFERENCES people (id), safe_number TEXT, safe_times TEXT,
              may_leave_message BOOLEAN NOT NULL, language TEXT, via_idva_only BOOLEAN NOT NULL, notes TEXT,
              updated_by_username TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE contacts (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id), case_id TEXT REFERENCES cases (id),
              at BIGINT NOT NULL, team TEXT NOT NULL, method TEXT NOT NULL, reached BOOLEAN NOT NULL, summary TEXT NOT NULL, task_id TEXT,
              made_by TEXT NOT NULL, recorded_by TEXT NOT NULL REFERENCES users (id), recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX contacts_person ON contacts (person_id, at)",
            "CREATE INDEX contacts_case ON contacts (case_id, at)",
            """
            CREATE TABLE crime_outcomes (id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents (id),
              suspect_person_id TEXT REFERENCES people (id), kind TEXT NOT NULL, decided_on TEXT NOT NULL, decided_by TEXT NOT NULL,
              reason TEXT NOT NULL, authorised_by TEXT, recorded_by TEXT NOT NULL REFERENCES users (id), recorded_by_username TEXT NOT NULL,
              recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX crime_outcomes_incident ON crime_outcomes (incident_id, recorded_at)"
        ]
    }
}
