import Foundation

extension Migration {
    /// Each person's comparable form in one row (`MatchRecord.encoded`), derived from the records like `match_keys`:
    /// a lookup reads its candidates by primary key instead of joining names, phones, emails and addresses for each.
    static let m009MatchRecords = Migration(version: 9, name: "matching: compact comparable records") { engine in
        ["CREATE TABLE match_records (person_id TEXT PRIMARY KEY REFERENCES people (id), data TEXT NOT NULL)" + withoutRowID(engine)]
    }
}
