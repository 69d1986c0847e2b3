import Foundation

extension Migration {
    /// Issue 23, part 6: dip samples (rule 29) — control-room calls, no-arrest decisions and case files drawn for a named
    /// reviewer, with their structured findings.
    static let m043QualitySamples = Migration(version: 43, name: "Quality samples") { _ in
        [
            """
            CREATE TABLE quality_samples (id TEXT PRIMARY KEY, kind TEXT NOT NULL, incident_id TEXT NOT NULL REFERENCES incidents (id),
              reference TEXT NOT NULL, worker TEXT NOT NULL, team TEXT NOT NULL, drawn_at BIGINT NOT NULL, drawn_by TEXT NOT NULL,
              reviewer TEXT NOT NULL, reviewer_user_id TEXT NOT NULL REFERENCES users (id), due_at BIGINT NOT NULL, reviewed_at BIGINT,
              answers TEXT NOT NULL DEFAULT '{}', note TEXT, UNIQUE (kind, incident_id))
            """,
            "CREATE INDEX quality_samples_drawn ON quality_samples (drawn_at)",
            "CREATE INDEX incident_calls_recorded_at ON incident_calls (recorded_at)",
            "CREATE INDEX scene_records_recorded_at ON scene_records (recorded_at)"
        ]
    }
}
