import Foundation

extension Migration {
    /// Issue 19: the caseload on any date within 100 ms at ten years of history. Ended spells are filed by how long they
    /// lasted (`CaseSpanClass`), so a date reads about the spells that contain it; the two indexes that served the
    /// old half-of-everything scans go (every imported spell paid to write them).
    static let m028CaseSpanClasses = Migration(version: 28, name: "case spells filed by length") { _ in
        [
            "ALTER TABLE case_spans ADD COLUMN span_class INTEGER",
            "UPDATE case_spans SET span_class = \(CaseSpanClass.sqlText(end: "to_at")) WHERE to_at IS NOT NULL",
            "CREATE INDEX case_spans_classes ON case_spans (span_class, from_at, to_at, level)",
            "DROP INDEX case_spans_levels",
            "DROP INDEX case_spans_ends"
        ]
    }
}
