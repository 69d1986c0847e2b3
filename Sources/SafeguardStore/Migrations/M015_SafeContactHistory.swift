import Foundation

extension Migration {
    /// Rule 34: corrections keep history. Safe-contact details are kept current in `safe_contacts`; each version a
    /// change replaces is copied here first, so who said she could be reached how, and when, is never lost.
    static let m015SafeContactHistory = Migration(version: 15, name: "safe-contact history") { _ in
        [
            """
            CREATE TABLE safe_contact_history (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id), safe_number TEXT,
              safe_times TEXT, may_leave_message BOOLEAN NOT NULL, language TEXT, via_idva_only BOOLEAN NOT NULL, notes TEXT,
              updated_by_username TEXT NOT NULL, updated_at BIGINT NOT NULL, replaced_at BIGINT NOT NULL)
            """,
            "CREATE INDEX safe_contact_history_person ON safe_contact_history (person_id, updated_at)"
        ]
    }
}
