import Foundation

extension Migration {
    /// Custody and court events for suspects (issue 5 part 1), and each trigger an event has fired on a case: the
    /// primary key makes "never twice for one event" a fact of the database, whoever delivers the event again.
    static let m013CustodyEvents = Migration(version: 13, name: "custody events and trigger firings") { _ in
        [
            """
            CREATE TABLE custody_events (id TEXT PRIMARY KEY, suspect_person_id TEXT NOT NULL REFERENCES people (id),
              incident_id TEXT REFERENCES incidents (id), kind TEXT NOT NULL, at BIGINT NOT NULL, conditions TEXT, ends_on TEXT, note TEXT,
              recorded_by TEXT NOT NULL REFERENCES users (id), recorded_by_username TEXT NOT NULL, recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX custody_events_suspect ON custody_events (suspect_person_id, at)",
            """
            CREATE TABLE trigger_firings (event_id TEXT NOT NULL REFERENCES custody_events (id), case_id TEXT NOT NULL REFERENCES cases (id),
              kind TEXT NOT NULL, task_id TEXT NOT NULL, fired_at BIGINT NOT NULL, PRIMARY KEY (event_id, case_id, kind))
            """
        ]
    }
}
