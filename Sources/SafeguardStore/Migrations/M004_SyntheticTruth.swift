import Foundation

extension Migration {
    /// Which generated records are the same synthetic individual, kept apart from the records themselves
    /// so matching can be measured against it and never read it.
    static let m004SyntheticTruth = Migration(version: 4, name: "synthetic ground truth") { _ in
        [
            "CREATE TABLE synthetic_truth (record_id TEXT PRIMARY KEY, identity_id TEXT NOT NULL)",
            "CREATE INDEX synthetic_truth_identity ON synthetic_truth (identity_id)"
        ]
    }
}
