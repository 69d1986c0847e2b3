import Foundation

extension Migration {
    /// Issue 22: Clare's Law applications and their steps (rule 26). The applicant's details live only here, read only
    /// by those who run the scheme.
    static let m038DisclosureScheme = Migration(version: 38, name: "Disclosure scheme") { _ in
        [
            """
            CREATE TABLE dvds_applications (id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, route TEXT NOT NULL, applicant_name TEXT NOT NULL,
              applicant_relationship TEXT NOT NULL, applicant_contact TEXT, at_risk_person_id TEXT REFERENCES people (id),
              subject_person_id TEXT NOT NULL REFERENCES people (id), received_at BIGINT NOT NULL, received_by TEXT NOT NULL,
              received_by_user_id TEXT NOT NULL REFERENCES users (id), initial_checks_due_at BIGINT NOT NULL, decision_due_at BIGINT NOT NULL,
              closed BOOLEAN NOT NULL DEFAULT FALSE)
            """,
            "CREATE INDEX dvds_applications_received ON dvds_applications (received_at)",
            """
            CREATE TABLE dvds_steps (id TEXT PRIMARY KEY, application_id TEXT NOT NULL REFERENCES dvds_applications (id), kind TEXT NOT NULL,
              at BIGINT NOT NULL, by_username TEXT NOT NULL, by_user_id TEXT NOT NULL REFERENCES users (id), note TEXT, immediate_risk BOOLEAN,
              pressing_need BOOLEAN, lawful BOOLEAN, necessary BOOLEAN, proportionate BOOLEAN, disclose BOOLEAN, reasons TEXT, method TEXT,
              safety_plan TEXT)
            """,
            "CREATE INDEX dvds_steps_application ON dvds_steps (application_id, at)"
        ]
    }
}
