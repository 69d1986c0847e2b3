import Foundation

extension Migration {
    /// Issue 21 part 2: MARAC meetings — the agenda (each referral heard at one), what the meeting said of each case,
    /// its actions with an agency, a named owner, a due date and what became of them, and when the minutes went out.
    static let m032MaracMeetings = Migration(version: 32, name: "MARAC meetings, outcomes and actions") { _ in
        [
            """
            CREATE TABLE marac_meetings (id TEXT PRIMARY KEY, held_on TEXT NOT NULL, chair TEXT NOT NULL, agencies TEXT NOT NULL,
              scheduled_by TEXT NOT NULL, scheduled_by_user_id TEXT NOT NULL REFERENCES users (id), scheduled_at BIGINT NOT NULL, minutes_sent_at BIGINT)
            """,
            "ALTER TABLE marac_referrals ADD COLUMN meeting_id TEXT REFERENCES marac_meetings (id)",
            "CREATE INDEX marac_referrals_meeting ON marac_referrals (meeting_id)",
            """
            CREATE TABLE marac_outcomes (meeting_id TEXT NOT NULL REFERENCES marac_meetings (id), case_id TEXT NOT NULL REFERENCES cases (id),
              summary TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at BIGINT NOT NULL, PRIMARY KEY (meeting_id, case_id))
            """,
            """
            CREATE TABLE marac_actions (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES marac_meetings (id), case_id TEXT NOT NULL REFERENCES cases (id),
              agency TEXT NOT NULL, owner TEXT NOT NULL, description TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT NOT NULL, status_note TEXT,
              updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL, chased_at BIGINT, created_by_user_id TEXT NOT NULL REFERENCES users (id))
            """,
            "CREATE INDEX marac_actions_meeting ON marac_actions (meeting_id)",
            "CREATE INDEX marac_actions_open ON marac_actions (status, due_on)"
        ]
    }
}
