import Foundation

extension Migration {
    /// Issue 24, part 2: the force's staff list, whose members' records as victims or perpetrators are restricted.
    /// `match_key` is the domain's exact key (names and date of birth), so a new record is checked with one lookup.
    static let m046StaffList = Migration(version: 46, name: "Staff list") { _ in
        [
            """
            CREATE TABLE staff_members (staff_number TEXT PRIMARY KEY, first_name TEXT NOT NULL, surname TEXT NOT NULL,
              date_of_birth TEXT NOT NULL, match_key TEXT NOT NULL, loaded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX staff_members_match_key ON staff_members (match_key)"
        ]
    }
}
