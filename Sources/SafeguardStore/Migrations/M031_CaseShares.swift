import Foundation

extension Migration {
    /// Issue 21 part 4: a case shared with a partner agency — the field groups, her consent or its justified override,
    /// who shared it and when, and the last day it is seen. Append-only.
    static let m031CaseShares = Migration(version: 31, name: "cases shared with partner agencies") { _ in
        [
            """
            CREATE TABLE case_shares (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), agency TEXT NOT NULL, field_groups TEXT NOT NULL,
              consent TEXT NOT NULL, override_reason TEXT, ends_on TEXT NOT NULL, shared_by TEXT NOT NULL,
              shared_by_user_id TEXT NOT NULL REFERENCES users (id), shared_at BIGINT NOT NULL)
            """,
            "CREATE INDEX case_shares_case ON case_shares (case_id)",
            "CREATE INDEX case_shares_agency ON case_shares (agency, ends_on)"
        ]
    }
}
