import Foundation

extension Migration {
    /// Links the matcher proposes between two person records, for a person to confirm or reject (nothing is merged
    /// silently), and where the batch clean-up got to, so a stopped run resumes.
    static let m006MatchProposals = Migration(version: 6, name: "matching: proposals and batch progress") { _ in
        [
            """
            CREATE TABLE match_proposals (person_id TEXT NOT NULL REFERENCES people (id), other_person_id TEXT NOT NULL REFERENCES people (id),
              probability DOUBLE PRECISION NOT NULL, reasons TEXT NOT NULL, status TEXT NOT NULL, source TEXT NOT NULL,
              created_at BIGINT NOT NULL, decided_by TEXT, decided_at BIGINT, PRIMARY KEY (person_id, other_person_id))
            """,
            "CREATE INDEX match_proposals_other ON match_proposals (other_person_id)",
            "CREATE INDEX match_proposals_status ON match_proposals (status)",
            "CREATE TABLE dedupe_progress (id BIGINT PRIMARY KEY, last_person_id TEXT NOT NULL, started_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)"
        ]
    }
}
