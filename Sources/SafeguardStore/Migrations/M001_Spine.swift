import Foundation

extension Migration {
    /// People, addresses, incidents and their parties: the spine every later feature hangs from.
    /// Times are epoch seconds (BIGINT) and dates `YYYY-MM-DD` text, so both engines store them alike.
    static let m001Spine = Migration(version: 1, name: "spine: people, addresses, incidents") { _ in
        [
            "CREATE TABLE areas (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL)",
            """
            CREATE TABLE addresses (id TEXT PRIMARY KEY, line1 TEXT NOT NULL, line2 TEXT, town TEXT NOT NULL,
              postcode TEXT NOT NULL, confidential BOOLEAN NOT NULL DEFAULT FALSE, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX addresses_postcode ON addresses (postcode)",
            """
            CREATE TABLE address_markers (id TEXT PRIMARY KEY, address_id TEXT NOT NULL REFERENCES addresses (id),
              kind TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX address_markers_address ON address_markers (address_id)",
            """
            CREATE TABLE people (id TEXT PRIMARY KEY, source_id TEXT UNIQUE, first_name TEXT NOT NULL, middle_names TEXT,
              surname TEXT NOT NULL, date_of_birth TEXT, sex TEXT NOT NULL, ethnicity TEXT, interpreter_language TEXT,
              restricted BOOLEAN NOT NULL DEFAULT FALSE, vulnerabilities TEXT NOT NULL DEFAULT '[]',
              version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX people_date_of_birth ON people (date_of_birth)",
            // Every name a person is known by, the primary one included, with search keys; removed names are kept, dated.
            """
            CREATE TABLE person_names (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id), kind TEXT NOT NULL,
              first_name TEXT NOT NULL, surname TEXT NOT NULL, first_key TEXT NOT NULL, surname_key TEXT NOT NULL,
              added_at BIGINT NOT NULL, removed_at BIGINT)
            """,
            "CREATE INDEX person_names_surname ON person_names (surname_key, first_key)",
            "CREATE INDEX person_names_first ON person_names (first_key)",
            "CREATE INDEX person_names_person ON person_names (person_id)",
            """
            CREATE TABLE person_phones (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id), number TEXT NOT NULL,
              added_at BIGINT NOT NULL, removed_at BIGINT)
            """,
            "CREATE INDEX person_phones_number ON person_phones (number)",
            "CREATE INDEX person_phones_person ON person_phones (person_id)",
            """
            CREATE TABLE person_emails (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id), email TEXT NOT NULL,
              added_at BIGINT NOT NULL, removed_at BIGINT)
            """,
            "CREATE INDEX person_emails_email ON person_emails (email)",
            "CREATE INDEX person_emails_person ON person_emails (person_id)",
            """
            CREATE TABLE person_addresses (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id),
              address_id TEXT NOT NULL REFERENCES addresses (id), from_date TEXT, to_date TEXT, position BIGINT NOT NULL)
            """,
            "CREATE INDEX person_addresses_person ON person_addresses (person_id)",
            "CREATE INDEX person_addresses_address ON person_addresses (address_id)",
            """
            CREATE TABLE person_markers (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id),
              kind TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX person_markers_person ON person_markers (person_id)",
            """
            CREATE TABLE person_relationships (person_id TEXT NOT NULL REFERENCES people (id),
              other_person_id TEXT NOT NULL REFERENCES people (id), relationship TEXT NOT NULL,
              PRIMARY KEY (person_id, other_person_id, relationship))
            """,
            "CREATE INDEX person_relationships_other ON person_relationships (other_person_id)",
            """
            CREATE TABLE incidents (id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, occurred_at BIGINT NOT NULL,
              reported_at BIGINT NOT NULL, channel TEXT NOT NULL, address_id TEXT REFERENCES addresses (id),
              relationship TEXT NOT NULL, abuse_types TEXT NOT NULL, is_crime BOOLEAN NOT NULL, summary TEXT NOT NULL,
              version BIGINT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX incidents_occurred_at ON incidents (occurred_at)",
            "CREATE INDEX incidents_address ON incidents (address_id)",
            """
            CREATE TABLE incident_parties (incident_id TEXT NOT NULL REFERENCES incidents (id),
              person_id TEXT NOT NULL REFERENCES people (id), role TEXT NOT NULL, PRIMARY KEY (incident_id, person_id, role))
            """,
            "CREATE INDEX incident_parties_person ON incident_parties (person_id)",
            // Corrections keep history (rule 34): the state before each edit, as JSON.
            """
            CREATE TABLE record_history (id TEXT PRIMARY KEY, record_type TEXT NOT NULL, record_id TEXT NOT NULL,
              version BIGINT NOT NULL, snapshot TEXT NOT NULL, changed_by TEXT NOT NULL, changed_at BIGINT NOT NULL)
            """,
            "CREATE INDEX record_history_record ON record_history (record_type, record_id)"
        ]
    }
}
