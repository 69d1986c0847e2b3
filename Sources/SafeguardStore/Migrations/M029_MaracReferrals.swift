import Foundation

extension Migration {
    /// Issue 21 part 1: MARAC referrals — the criteria met, the referring agency, the research to share, who and when,
    /// and the repeat window. Append-only.
    static let m029MaracReferrals = Migration(version: 29, name: "MARAC referrals") { _ in
        [
            """
            CREATE TABLE marac_referrals (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), victim_person_id TEXT NOT NULL REFERENCES people (id),
              perpetrator_ids TEXT NOT NULL, criteria TEXT NOT NULL, referring_agency TEXT NOT NULL, research TEXT NOT NULL,
              referred_by TEXT NOT NULL, referred_by_user_id TEXT NOT NULL REFERENCES users (id), referred_at BIGINT NOT NULL,
              is_repeat BOOLEAN NOT NULL, window_ends BIGINT NOT NULL)
            """,
            "CREATE INDEX marac_referrals_victim ON marac_referrals (victim_person_id, referred_at)",
            "CREATE INDEX marac_referrals_time ON marac_referrals (referred_at)",
            "CREATE INDEX marac_referrals_window ON marac_referrals (window_ends)"
        ]
    }
}
