import Foundation

extension Migration {
    /// Issue 23, part 7: domestic homicide reviews and their recommendations (rule 30), each with its owner, due date,
    /// status and evidence of implementation.
    static let m040HomicideReviews = Migration(version: 40, name: "Homicide reviews") { _ in
        [
            """
            CREATE TABLE homicide_reviews (id TEXT PRIMARY KEY, title TEXT NOT NULL, published_on TEXT NOT NULL, area_code TEXT,
              lead_username TEXT NOT NULL, lead_user_id TEXT NOT NULL REFERENCES users (id), recorded_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE homicide_review_recommendations (id TEXT PRIMARY KEY, review_id TEXT NOT NULL REFERENCES homicide_reviews (id),
              number INTEGER NOT NULL, text TEXT NOT NULL, owner_agency TEXT NOT NULL, owner_name TEXT NOT NULL, due_on TEXT NOT NULL,
              status TEXT NOT NULL, evidence TEXT, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (review_id, number))
            """
        ]
    }
}
