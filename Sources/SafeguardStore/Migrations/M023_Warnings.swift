import Foundation

extension Migration {
    /// Issue 20: officer-safety warnings on a person, an address or a phone, added and ended with who, when and why
    /// (never deleted). The two marker tables move into one, their rows kept as warnings added before anyone
    /// recorded who added them. The below-threshold rationale goes: a level below high at the visible-high-risk count
    /// is now refused, never explained.
    static let m023Warnings = Migration(version: 23, name: "officer-safety warnings with their history") { _ in
        [
            """
            CREATE TABLE warnings (id TEXT PRIMARY KEY, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, kind TEXT NOT NULL,
              note TEXT NOT NULL, expires_on TEXT, added_by TEXT, added_at BIGINT NOT NULL, ended_at BIGINT, ended_by TEXT, end_reason TEXT)
            """,
            "CREATE INDEX warnings_subject ON warnings (subject_kind, subject_id)",
            "INSERT INTO warnings (id, subject_kind, subject_id, kind, note, added_at) SELECT id, 'person', person_id, kind, detail, created_at FROM person_markers",
            "INSERT INTO warnings (id, subject_kind, subject_id, kind, note, added_at) SELECT id, 'address', address_id, kind, detail, created_at FROM address_markers",
            "DROP TABLE person_markers",
            "DROP TABLE address_markers",
            "ALTER TABLE risk_assessments DROP COLUMN below_threshold_rationale"
        ]
    }
}
