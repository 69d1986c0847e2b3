import Foundation

extension Migration {
    /// Issue 19's history import: staged lines (applied once, in time order, whatever order the file held them in),
    /// each incident's legacy ref and crime classification, and when a case came in by import (its quiet spell is
    /// counted from then: nobody could check on her before the force had the record), and a covering index for the
    /// caseload on any date.
    static let m022History = Migration(version: 22, name: "history import: staging, crime classification, legacy refs") { _ in
        [
            """
            CREATE TABLE history_staging (line_key TEXT PRIMARY KEY, kind TEXT NOT NULL, victim TEXT, at BIGINT NOT NULL, line BIGINT NOT NULL,
              body TEXT NOT NULL, applied BOOLEAN NOT NULL, problem TEXT)
            """,
            "CREATE INDEX history_staging_victims ON history_staging (applied, victim)",
            "CREATE INDEX history_staging_attachments ON history_staging (applied, kind, line_key)",
            "ALTER TABLE incidents ADD COLUMN crime_class TEXT",
            "ALTER TABLE incidents ADD COLUMN source_ref TEXT",
            "CREATE UNIQUE INDEX incidents_source_ref ON incidents (source_ref)",
            "ALTER TABLE cases ADD COLUMN imported_at BIGINT",
            "CREATE INDEX cases_awaiting_owner ON cases (needs_reallocation, status)",
            // Her cases, open or closed (a new incident may reopen the last one; the import walks from it). The partial
            // index of open cases could not answer for closed ones, so each such read scanned every case.
            "CREATE INDEX cases_victim ON cases (victim_person_id, status)",
            // The caseload on a date reads only this index: every spell begun by then, its end and its level.
            "DROP INDEX case_spans_from",
            "CREATE INDEX case_spans_levels ON case_spans (from_at, to_at, level)",
            "CREATE INDEX case_spans_ends ON case_spans (to_at, from_at, level)",
            "CREATE INDEX case_spans_running ON case_spans (from_at, level) WHERE to_at IS NULL"
        ]
    }
}
