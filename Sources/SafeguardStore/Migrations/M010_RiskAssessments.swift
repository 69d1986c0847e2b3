import Foundation

extension Migration {
    /// Completed risk assessments: every answer (JSON), the yes count, the judged level and its rationale, and why
    /// the reviewer should look first. Rows are never edited; a later assessment is a new row.
    static let m010RiskAssessments = Migration(version: 10, name: "risk assessments") { _ in
        [
            """
            CREATE TABLE risk_assessments (id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents (id),
              person_id TEXT NOT NULL REFERENCES people (id), instrument_id TEXT NOT NULL, instrument_version BIGINT NOT NULL,
              answers TEXT NOT NULL, yes_count BIGINT NOT NULL, level TEXT NOT NULL, rationale TEXT NOT NULL, below_threshold_rationale TEXT,
              flag_reasons TEXT NOT NULL, assessed_by TEXT NOT NULL REFERENCES users (id), assessed_by_username TEXT NOT NULL,
              assessed_at BIGINT NOT NULL)
            """,
            "CREATE INDEX risk_assessments_incident ON risk_assessments (incident_id, assessed_at)",
            "CREATE INDEX risk_assessments_person ON risk_assessments (person_id, assessed_at)",
        ]
    }
}
