import Foundation

extension Migration {
    /// The control room (issue 3): the call's structured answers, the response and its grading decisions, a
    /// reference counter, and the two things the officer's briefing reads that later issues write in full —
    /// risk levels and protective orders / bail conditions.
    static let m008CallsAndResponse = Migration(version: 8, name: "control room: calls, responses, grading, briefing sources") { _ in
        [
            """
            CREATE TABLE incident_calls (incident_id TEXT PRIMARY KEY REFERENCES incidents (id), caller TEXT NOT NULL,
              immediate_danger TEXT NOT NULL, suspect_location TEXT NOT NULL, injuries TEXT NOT NULL, injuries_detail TEXT,
              weapons TEXT NOT NULL, weapons_detail TEXT, children_present TEXT NOT NULL, children_count BIGINT, fear TEXT NOT NULL,
              fear_in_their_words TEXT, handler_concern BOOLEAN NOT NULL, recorded_by TEXT NOT NULL REFERENCES users (id),
              recorded_by_username TEXT NOT NULL, recorded_at BIGINT NOT NULL)
            """,
            // One row per incident the control room handles; `open` marks rows that may still raise an alert,
            // so the live queue reads a short index range instead of every incident ever graded.
            """
            CREATE TABLE incident_responses (incident_id TEXT PRIMARY KEY REFERENCES incidents (id), grade TEXT NOT NULL,
              recommended_grade TEXT NOT NULL, setting TEXT NOT NULL, graded_at BIGINT NOT NULL, target_at BIGINT, appointment_at BIGINT,
              pending_grade TEXT, pending_reason TEXT, pending_requested_by TEXT, pending_requested_at BIGINT,
              potential_high_risk BOOLEAN NOT NULL, high_risk_reasons TEXT NOT NULL, high_risk_ack_by TEXT, high_risk_ack_at BIGINT,
              dispatched_at BIGINT, arrived_at BIGINT, open BOOLEAN NOT NULL)
            """,
            "CREATE INDEX incident_responses_open ON incident_responses (open, graded_at)",
            """
            CREATE TABLE grading_decisions (id TEXT PRIMARY KEY, incident_id TEXT NOT NULL REFERENCES incidents (id), from_grade TEXT,
              to_grade TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT, by_user_id TEXT NOT NULL REFERENCES users (id),
              by_username TEXT NOT NULL, decided_at BIGINT NOT NULL, position BIGINT NOT NULL)
            """,
            // Several decisions can fall in one second: `position` keeps the order they were made in.
            "CREATE UNIQUE INDEX grading_decisions_incident ON grading_decisions (incident_id, position)",
            "CREATE TABLE reference_counters (year BIGINT PRIMARY KEY, last_number BIGINT NOT NULL)",
            """
            CREATE TABLE risk_levels (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id),
              incident_id TEXT NOT NULL REFERENCES incidents (id), level TEXT NOT NULL, assessed_at BIGINT NOT NULL,
              source TEXT NOT NULL, assessed_by TEXT REFERENCES users (id))
            """,
            "CREATE INDEX risk_levels_person ON risk_levels (person_id, assessed_at)",
            """
            CREATE TABLE protective_orders (id TEXT PRIMARY KEY, kind TEXT NOT NULL, subject_person_id TEXT NOT NULL REFERENCES people (id),
              protected_person_id TEXT REFERENCES people (id), terms TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT,
              created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX protective_orders_subject ON protective_orders (subject_person_id)",
            "CREATE INDEX protective_orders_protected ON protective_orders (protected_person_id)"
        ]
    }
}
