import Foundation

extension Migration {
    /// Issue 20 part 3: children are people in the household. Each link between an adult and a child has its role and
    /// dates, who recorded it and when; ended, never deleted. Parent-and-child ties already held (the synthetic force's,
    /// a legacy import's) become links from the child's birth (or, unknown, from 1900-01-01), recorded before Safeguard.
    static let m025Households = Migration(version: 25, name: "children linked to the household's adults, with dates") { _ in
        [
            """
            CREATE TABLE household_links (id TEXT PRIMARY KEY, adult_person_id TEXT NOT NULL REFERENCES people (id),
              child_person_id TEXT NOT NULL REFERENCES people (id), role TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT,
              note TEXT, recorded_by TEXT NOT NULL, recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX household_links_adult ON household_links (adult_person_id)",
            "CREATE INDEX household_links_child ON household_links (child_person_id)",
            """
            INSERT INTO household_links (id, adult_person_id, child_person_id, role, from_date, recorded_by, recorded_at)
            SELECT r.person_id || '-hh-' || r.other_person_id, r.person_id, r.other_person_id, 'parent', COALESCE(c.date_of_birth, '1900-01-01'),
              'before Safeguard', 0
            FROM person_relationships r JOIN people c ON c.id = r.other_person_id WHERE r.relationship = 'parent_of_child'
            """
        ]
    }
}
