import Foundation

extension Migration {
    /// Legacy values a record could not use as given (a postcode that is not one, an impossible date of birth): kept
    /// exactly as the old system held them, beside the record, out of matching (rule 34: nothing is thrown away).
    static let m019PersonDataQuality = Migration(version: 19, name: "people: legacy values kept as given") { _ in
        [
            """
            CREATE TABLE person_data_quality (person_id TEXT NOT NULL REFERENCES people(id), field TEXT NOT NULL, value TEXT NOT NULL,
              problem TEXT NOT NULL, recorded_at BIGINT NOT NULL, PRIMARY KEY (person_id, field))
            """
        ]
    }
}
