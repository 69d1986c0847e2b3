import Foundation

extension Migration {
    /// The blocking-key index matching searches: derived from the records (rebuilt by `MatchIndex.rebuildAll`),
    /// so its rows are replaced, not kept, when a record changes.
    static let m005MatchKeys = Migration(version: 5, name: "matching: blocking keys") { engine in
        [
            "CREATE TABLE match_keys (key TEXT NOT NULL, person_id TEXT NOT NULL REFERENCES people (id), PRIMARY KEY (key, person_id))"
                + withoutRowID(engine),
            "CREATE INDEX match_keys_person ON match_keys (person_id)"
        ]
    }

    /// SQLite keeps a table with a text primary key twice (rows by rowid, plus the key's index) unless told
    /// otherwise; for an index-only table that doubles the writes of every load.
    static func withoutRowID(_ engine: SQLEngine) -> String {
        switch engine {
        case .sqlite: " WITHOUT ROWID"
        case .postgres: ""
        }
    }
}
