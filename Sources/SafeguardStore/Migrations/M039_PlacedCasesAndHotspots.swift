import Foundation

extension Migration {
    /// Issue 22: the area each open case is placed in (where she lives; kept current by the domain), so an area's
    /// briefing reads its own high-risk cases from an index instead of every open case in the force; and the hotspot
    /// addresses each run finds, so the briefing reads them instead of counting a year of incidents on every load.
    static let m039PlacedCasesAndHotspots = Migration(version: 39, name: "Placed cases and hotspots") { _ in
        [
            "ALTER TABLE cases ADD COLUMN area_id TEXT REFERENCES areas (id)",
            "CREATE INDEX cases_area_level ON cases (area_id, risk_level, opened_at) WHERE status = 'open'",
            """
            CREATE TABLE area_hotspots (run_id TEXT NOT NULL REFERENCES perpetrator_runs (id), address_id TEXT NOT NULL REFERENCES addresses (id),
              area_id TEXT REFERENCES areas (id), street TEXT NOT NULL, incidents BIGINT NOT NULL, latest_at BIGINT NOT NULL, rank BIGINT NOT NULL)
            """,
            "CREATE INDEX area_hotspots_area ON area_hotspots (area_id, rank)",
            "CREATE INDEX area_hotspots_rank ON area_hotspots (rank)"
        ]
    }
}
