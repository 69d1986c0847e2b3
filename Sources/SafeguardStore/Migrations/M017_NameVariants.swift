import Foundation

extension Migration {
    /// The spelling neighbourhood of every name on record (`NameVariants`): each variant row points at a real name
    /// key, so a lookup can turn a mistyped name into the names the force holds one slip away. Filled from the names
    /// already stored; `MatchIndex` keeps it up to date as records are written.
    static let m017NameVariants = Migration(version: 17, name: "matching: name spelling neighbourhood") { engine in
        [
            "CREATE TABLE match_name_variants (variant TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (variant, name))" + withoutRowID(engine),
            MatchIndex.refreshNameVariantsSQL
        ]
    }
}
