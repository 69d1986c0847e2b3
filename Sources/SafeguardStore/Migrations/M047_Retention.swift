import Foundation

extension Migration {
    /// Issue 24, part 3 (rule 34): each retention review decision, kept for ever; when a record was disposed of; and
    /// the log of subject access and disclosure requests with what was disclosed.
    static let m047Retention = Migration(version: 47, name: "Retention reviews, disposal and information requests") { _ in
        [
            "ALTER TABLE people ADD COLUMN disposed_at BIGINT",
            """
            CREATE TABLE retention_decisions (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id), number BIGINT NOT NULL,
              kind TEXT NOT NULL,
              group_key TEXT NOT NULL, reason TEXT NOT NULL, decided_by TEXT NOT NULL, decided_by_user_id TEXT NOT NULL REFERENCES users (id),
              decided_at BIGINT NOT NULL, next_review_on TEXT)
            """,
            "CREATE UNIQUE INDEX retention_decisions_person ON retention_decisions (person_id, number)",
            """
            CREATE TABLE information_requests (id TEXT PRIMARY KEY, kind TEXT NOT NULL, person_id TEXT NOT NULL REFERENCES people (id),
              requester TEXT NOT NULL, basis TEXT NOT NULL, received_on TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT NOT NULL,
              disclosed TEXT, withheld TEXT, logged_by TEXT NOT NULL, logged_by_user_id TEXT NOT NULL REFERENCES users (id),
              logged_at BIGINT NOT NULL, answered_by TEXT, answered_on TEXT)
            """,
            "CREATE INDEX information_requests_person ON information_requests (person_id, received_on)"
        ]
    }
}
