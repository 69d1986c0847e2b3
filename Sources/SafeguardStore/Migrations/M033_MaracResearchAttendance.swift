import Foundation

extension Migration {
    /// Issue 21 part 2: what each member agency adds to a case's research before the meeting, and each agency's
    /// attendance (or apologies and whether its information was sent) with who signed the confidentiality statement.
    static let m033MaracResearchAttendance = Migration(version: 33, name: "MARAC research from members, attendance") { _ in
        [
            """
            CREATE TABLE marac_research (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES marac_meetings (id), case_id TEXT NOT NULL REFERENCES cases (id),
              agency TEXT NOT NULL, body TEXT NOT NULL, added_by TEXT NOT NULL, added_by_user_id TEXT NOT NULL REFERENCES users (id), added_at BIGINT NOT NULL)
            """,
            "CREATE INDEX marac_research_meeting ON marac_research (meeting_id)",
            """
            CREATE TABLE marac_attendance (meeting_id TEXT NOT NULL REFERENCES marac_meetings (id), agency TEXT NOT NULL, kind TEXT NOT NULL,
              information_sent BOOLEAN NOT NULL, attendee TEXT, confidentiality_signed BOOLEAN NOT NULL, recorded_by TEXT NOT NULL, recorded_at BIGINT NOT NULL,
              PRIMARY KEY (meeting_id, agency))
            """
        ]
    }
}
