import Foundation

extension Migration {
    /// The blocking-key index matching searches: derived from the records (rebuilt by `MatchIndex.rebuildAll`),
    /// so its rows are replaced, not kept, when a record changes.
    static let m005MatchKeys = Migration(version: 5, name: "matching: blocking keys") { _ in
        [
            "CREATE TABLE match_keys (key TEXT NOT NULL, person_id TEXT NOT NULL REFERENCES people (id), PRIMARY KEY (key, person_id))",
            "CREATE INDEX match_keys_person ON match_keys (person_id)",
        ]
    }
}
