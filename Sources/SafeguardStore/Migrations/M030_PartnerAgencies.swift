import Foundation

extension Migration {
    /// Issue 21: a partner's account belongs to one agency (IDVA, social care, health, housing, probation), and the
    /// IDVA offer every high-risk victim is made — accepted (with the IDVA allocated), declined or not possible, and why.
    static let m030PartnerAgencies = Migration(version: 30, name: "partner agencies and IDVA offers") { _ in
        [
            "ALTER TABLE users ADD COLUMN agency TEXT",
            """
            CREATE TABLE idva_offers (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id), outcome TEXT NOT NULL, reason TEXT,
              idva_user_id TEXT REFERENCES users (id), recorded_by TEXT NOT NULL, recorded_by_user_id TEXT NOT NULL REFERENCES users (id),
              recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX idva_offers_case ON idva_offers (case_id, recorded_at)",
            "CREATE INDEX idva_offers_idva ON idva_offers (idva_user_id, recorded_at)"
        ]
    }
}
