import Foundation

extension Migration {
    /// Each spell a case is open at one level, from one moment to the next (rule 31: the caseload at every level on any
    /// date, counted from the record). Cases from before are given one spell each, at the level they hold now.
    static let m020CaseSpans = Migration(version: 20, name: "cases: dated spells at each level") { _ in
        [
            "CREATE TABLE case_spans (case_id TEXT NOT NULL REFERENCES cases (id), level TEXT, from_at BIGINT NOT NULL, to_at BIGINT)",
            "CREATE INDEX case_spans_open ON case_spans (case_id) WHERE to_at IS NULL",
            "CREATE INDEX case_spans_from ON case_spans (from_at, to_at)",
            "INSERT INTO case_spans (case_id, level, from_at, to_at) SELECT id, risk_level, opened_at, closed_at FROM cases"
        ]
    }
}
