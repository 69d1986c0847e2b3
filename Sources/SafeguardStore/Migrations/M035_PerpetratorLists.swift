import Foundation

extension Migration {
    /// Issue 22: the cross-victim lists (rule 24). Each run's findings replace the last (scores, and the areas each
    /// man's incidents were in, for an area's ranked list); the entries onto and off each list are kept for good, as
    /// is every version of the weights a run ranked with.
    static let m035PerpetratorLists = Migration(version: 35, name: "Perpetrator lists") { _ in
        [
            "CREATE TABLE perpetrator_weights (version BIGINT PRIMARY KEY, weights TEXT NOT NULL UNIQUE, first_used_at BIGINT NOT NULL)",
            """
            CREATE TABLE perpetrator_runs (id TEXT PRIMARY KEY, seq BIGINT NOT NULL UNIQUE, at BIGINT NOT NULL, trigger_by TEXT NOT NULL,
              weights_version BIGINT NOT NULL REFERENCES perpetrator_weights (version), window_days BIGINT NOT NULL, perpetrators BIGINT NOT NULL,
              serial BIGINT NOT NULL, entered BIGINT NOT NULL, left_count BIGINT NOT NULL)
            """,
            // Runs in the order kept (`seq`): two in the same second are still told apart. One daily run a day, whichever server's clock gets there first.
            "CREATE TABLE perpetrator_daily_runs (day TEXT PRIMARY KEY, run_id TEXT NOT NULL)",
            """
            CREATE TABLE perpetrator_scores (person_id TEXT PRIMARY KEY REFERENCES people (id), run_id TEXT NOT NULL, rank BIGINT NOT NULL,
              record_ids TEXT NOT NULL, area_ids TEXT NOT NULL, lists TEXT NOT NULL, incidents BIGINT NOT NULL, crimes BIGINT NOT NULL,
              victims BIGINT NOT NULL, crime_victims BIGINT NOT NULL, latest_at BIGINT NOT NULL, days_since_latest BIGINT NOT NULL,
              recency DOUBLE PRECISION NOT NULL, gravity DOUBLE PRECISION NOT NULL, victim_multiplier DOUBLE PRECISION NOT NULL,
              score DOUBLE PRECISION NOT NULL, on_repeat BOOLEAN NOT NULL, on_serial BOOLEAN NOT NULL, on_many_victims BOOLEAN NOT NULL)
            """,
            "CREATE INDEX perpetrator_scores_rank ON perpetrator_scores (rank)",
            "CREATE TABLE perpetrator_areas (area_id TEXT NOT NULL, rank BIGINT NOT NULL, person_id TEXT NOT NULL, PRIMARY KEY (area_id, rank))",
            """
            CREATE TABLE perpetrator_list_entries (id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people (id), list TEXT NOT NULL,
              entered_at BIGINT NOT NULL, entered_reason TEXT NOT NULL, left_at BIGINT, left_reason TEXT)
            """,
            "CREATE INDEX perpetrator_list_entries_person ON perpetrator_list_entries (person_id)",
            "CREATE INDEX perpetrator_list_entries_open ON perpetrator_list_entries (list, entered_at) WHERE left_at IS NULL"
        ]
    }
}
