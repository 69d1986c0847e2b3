import Foundation

extension Migration {
    /// What the matching index was built with (`BlockingKeys.indexFingerprint`): one row. When the given-name groups
    /// or the keys change, the stored keys no longer meet a caller's, so `Migrator.migrate` rebuilds the index.
    static let m018MatchIndexState = Migration(version: 18, name: "matching: what the index was built with") { _ in
        ["CREATE TABLE match_index_state (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL)"]
    }
}
