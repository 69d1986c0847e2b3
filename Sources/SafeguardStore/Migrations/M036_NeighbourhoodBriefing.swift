import Foundation

extension Migration {
    /// Issue 22: the area briefing's neighbourhood tasks (a visit, a patrol, a bail check, with the result) and who was
    /// briefed on an area's list, from which run.
    static let m036NeighbourhoodBriefing = Migration(version: 36, name: "Neighbourhood briefing") { _ in
        [
            """
            CREATE TABLE neighbourhood_tasks (id TEXT PRIMARY KEY, area_id TEXT NOT NULL REFERENCES areas (id), kind TEXT NOT NULL,
              person_id TEXT REFERENCES people (id), address_id TEXT REFERENCES addresses (id), note TEXT NOT NULL,
              assignee_user_id TEXT NOT NULL REFERENCES users (id), due_on TEXT NOT NULL, set_by TEXT NOT NULL, set_by_user_id TEXT NOT NULL,
              set_at BIGINT NOT NULL, result TEXT, done_by TEXT, done_at BIGINT)
            """,
            "CREATE INDEX neighbourhood_tasks_area ON neighbourhood_tasks (area_id, due_on)",
            """
            CREATE TABLE area_briefed (id TEXT PRIMARY KEY, area_id TEXT NOT NULL REFERENCES areas (id), user_id TEXT NOT NULL REFERENCES users (id),
              run_id TEXT, at BIGINT NOT NULL)
            """,
            "CREATE INDEX area_briefed_area ON area_briefed (area_id, at)",
            // Hotspots count incidents per address within a window.
            "CREATE INDEX incidents_address_time ON incidents (address_id, occurred_at)"
        ]
    }
}
