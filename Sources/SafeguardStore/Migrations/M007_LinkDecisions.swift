import Foundation

extension Migration {
    /// Every decision a person makes about whether two records are one person: confirm, reject, or undo.
    /// Append-only; the pair's current state is kept on `match_proposals.status`.
    static let m007LinkDecisions = Migration(version: 7, name: "matching: link decisions") { _ in
        [
            """
            CREATE TABLE link_decisions (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id),
              other_person_id TEXT NOT NULL REFERENCES people (id), decision TEXT NOT NULL, reason TEXT NOT NULL,
              decided_by TEXT NOT NULL REFERENCES users (id), decided_at BIGINT NOT NULL)
            """,
            "CREATE INDEX link_decisions_pair ON link_decisions (person_id, other_person_id)"
        ]
    }
}
