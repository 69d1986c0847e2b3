import Foundation

extension Migration {
    /// Completed risk assessments: every answer (JSON), the yes count, the judged level and its rationale, why the
    /// reviewer should look first, the reviews, and every change of level. Answers are never edited; a later
    /// assessment is a new row, and a reviewer's change of level is a decision row beside the officer's level.
    static let m010RiskAssessments = Migration(version: 10, name: "risk assessments and their review") { _ in
        [
            """
            CREATE TABLE risk_assessments (id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents (id),
              person_id TEXT NOT NULL REFERENCES people (id), instrument_id TEXT NOT NULL, instrument_version BIGINT NOT NULL,
              answers TEXT NOT NULL, yes_count BIGINT NOT NULL, level TEXT NOT NULL, rationale TEXT NOT NULL, below_threshold_rationale TEXT,
              flag_reasons TEXT NOT NULL, assessed_by TEXT NOT NULL REFERENCES users (id), assessed_by_username TEXT NOT NULL,
              assessed_at BIGINT NOT NULL, current_level TEXT NOT NULL, dip_sample BOOLEAN NOT NULL,
              reviewed_by TEXT, reviewed_at BIGINT, review_note TEXT, dip_reviewed_by TEXT, dip_reviewed_at BIGINT, dip_review_note TEXT)
            """,
            // The sergeant's queue and the specialist's dip sample read these, oldest first.
            "CREATE INDEX risk_assessments_unreviewed ON risk_assessments (reviewed_at, assessed_at)",
            "CREATE INDEX risk_assessments_dip ON risk_assessments (dip_sample, dip_reviewed_at, assessed_at)",
            // Every change of level (rule 16): who, when, from, to, why, and what new information.
            """
            CREATE TABLE risk_level_decisions (id TEXT PRIMARY KEY, assessment_id TEXT NOT NULL REFERENCES risk_assessments (id),
              from_level TEXT NOT NULL, to_level TEXT NOT NULL, reason TEXT NOT NULL, explanation TEXT NOT NULL, new_information TEXT,
              flagged_for_scrutiny BOOLEAN NOT NULL, decided_by TEXT NOT NULL REFERENCES users (id), decided_by_username TEXT NOT NULL,
              decided_by_role TEXT NOT NULL, decided_at BIGINT NOT NULL, position BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX risk_level_decisions_assessment ON risk_level_decisions (assessment_id, position)",
            "CREATE INDEX risk_assessments_incident ON risk_assessments (incident_id, assessed_at)",
            "CREATE INDEX risk_assessments_person ON risk_assessments (person_id, assessed_at)"
        ]
    }
}
