import Foundation

extension Migration {
    /// Issue 23, part 5: the satisfaction survey set when a case closes, the calls made to offer it through her safe
    /// route, and her answers (rule 28).
    static let m041SatisfactionSurveys = Migration(version: 41, name: "Satisfaction surveys") { _ in
        [
            """
            CREATE TABLE satisfaction_surveys (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), case_reference TEXT NOT NULL,
              person_id TEXT NOT NULL REFERENCES people (id), offered_at BIGINT NOT NULL, status TEXT NOT NULL, answers TEXT NOT NULL DEFAULT '{}')
            """,
            "CREATE INDEX satisfaction_surveys_status ON satisfaction_surveys (status, offered_at)",
            "CREATE INDEX satisfaction_surveys_offered ON satisfaction_surveys (offered_at)",
            """
            CREATE TABLE survey_attempts (id TEXT PRIMARY KEY, survey_id TEXT NOT NULL REFERENCES satisfaction_surveys (id), at BIGINT NOT NULL,
              by_username TEXT NOT NULL, outcome TEXT NOT NULL, left_message BOOLEAN NOT NULL, note TEXT)
            """,
            "CREATE INDEX survey_attempts_survey ON survey_attempts (survey_id, at)"
        ]
    }
}
