import Foundation

extension Migration {
    /// What the officer records at the scene (rules 9–14): one row per incident; the children (who are also parties to
    /// the incident, role `child`) with presence and school; the evidence checklist and actions as JSON.
    static let m012SceneRecords = Migration(version: 12, name: "scene records: children, evidence, arrest, interpreter") { _ in
        [
            """
            CREATE TABLE scene_records (incident_id TEXT PRIMARY KEY REFERENCES incidents (id), evidence TEXT NOT NULL,
              victim_supports_action TEXT NOT NULL, counter_allegation BOOLEAN NOT NULL, crime_recorded BOOLEAN NOT NULL,
              suspect_identified BOOLEAN NOT NULL, arrested BOOLEAN NOT NULL, no_arrest_rationale TEXT,
              interpreter_needed BOOLEAN NOT NULL, interpreter_language TEXT, interpreter_kind TEXT, interpreter_person_id TEXT REFERENCES people (id),
              safety_actions TEXT NOT NULL, recorded_by TEXT NOT NULL REFERENCES users (id), recorded_by_username TEXT NOT NULL, recorded_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE scene_children (incident_id TEXT NOT NULL REFERENCES incidents (id), person_id TEXT NOT NULL REFERENCES people (id),
              present BOOLEAN NOT NULL, school TEXT, PRIMARY KEY (incident_id, person_id))
            """,
            // The sergeant's no-arrest queue reads open tasks of one kind.
            "CREATE INDEX tasks_kind_open ON tasks (kind, completed_at, due_at)"
        ]
    }
}
