import Foundation
import SafeguardDomain
import SQLKit

/// Hotspot candidates read from `incidents` and `addresses`; neighbourhood tasks in `neighbourhood_tasks`; who was
/// briefed in `area_briefed` (names read from `users`).
struct SQLNeighbourhoodRepository: NeighbourhoodRepository {
    let db: any SQLDatabase

    func hotspotCandidates(since: Date, minIncidents: Int) async throws -> [(
        addressID: String, line1: String, postcode: String, incidents: Int, latestAt: Date
    )] {
        try await db.raw(
            """
            SELECT a.id, a.line1, a.postcode, h.n, h.latest FROM (
              SELECT address_id, COUNT(*) AS n, MAX(occurred_at) AS latest FROM incidents
              WHERE address_id IS NOT NULL AND occurred_at >= \(bind: since.epoch) GROUP BY address_id HAVING COUNT(*) >= \(bind: minIncidents)
            ) h JOIN addresses a ON a.id = h.address_id WHERE a.confidential = \(bind: false) ORDER BY h.n DESC, h.latest DESC, a.id
            """
        ).all().map { row in
            (try row.string("id"), try row.string("line1"), try row.string("postcode"), try row.int("n"), try row.date("latest"))
        }
    }

    func saveHotspots(runID: String, _ hotspots: [Hotspot]) async throws {
        try await db.raw("DELETE FROM area_hotspots").run()
        try await insertRows(
            db, into: "area_hotspots (run_id, address_id, area_id, street, incidents, latest_at, rank)",
            hotspots.enumerated().map { index, h in
                "(\(bind: runID), \(bind: h.addressID), \(bind: h.areaID), \(bind: h.street), \(bind: h.incidents), \(bind: h.latestAt.epoch), \(bind: index + 1))"
            })
    }

    func hotspots(areaID: String?, limit: Int) async throws -> [Hotspot] {
        // A place marked confidential since the run found it (a refuge) is left out at once, not at the next run.
        let area: SQLQueryString = areaID.map { "AND h.area_id = \(bind: $0)" } ?? ""
        return try await db.raw(
            """
            SELECT h.* FROM area_hotspots h JOIN addresses a ON a.id = h.address_id WHERE a.confidential = \(bind: false) \(area)
            ORDER BY h.rank LIMIT \(bind: limit)
            """
        ).all().map { row in
            Hotspot(
                addressID: try row.string("address_id"), street: try row.string("street"), areaID: try row.optionalString("area_id"),
                incidents: try row.int("incidents"), latestAt: try row.date("latest_at"))
        }
    }

    func highRiskCases(areaID: String, limit: Int) async throws -> [HighRiskCaseFacts] {
        try await db.raw(
            """
            SELECT c.id, c.reference, o.display_name, p.id AS person_id, p.first_name, p.surname, p.restricted,
              \(unsafeRaw: SQLPeopleRepository.currentAddress("postcode", of: "p.id")) AS postcode,
              \(unsafeRaw: SQLPeopleRepository.currentAddress("confidential", of: "p.id")) AS confidential
            FROM cases c JOIN people p ON p.id = c.victim_person_id JOIN users o ON o.id = c.owner_user_id
            WHERE c.status = 'open' AND c.area_id = \(bind: areaID) AND c.risk_level = \(bind: RiskLevel.high.rawValue)
            ORDER BY c.opened_at DESC, c.id LIMIT \(bind: limit)
            """
        ).all().map { row in
            HighRiskCaseFacts(
                caseID: try row.string("id"), caseReference: try row.string("reference"), owner: try row.string("display_name"),
                personID: try row.string("person_id"), firstName: try row.string("first_name"), surname: try row.string("surname"),
                restricted: try row.bool("restricted"), postcode: try row.optionalString("postcode"),
                postcodeConfidential: try row.decode(column: "confidential", as: Bool?.self) ?? false)
        }
    }

    private static let select = """
        SELECT t.*, u.display_name AS assignee_name, u.role AS assignee_role FROM neighbourhood_tasks t JOIN users u ON u.id = t.assignee_user_id
        """

    private static func task(_ row: any SQLRow) throws -> NeighbourhoodTask {
        NeighbourhoodTask(
            id: try row.string("id"), areaID: try row.string("area_id"), kind: try row.choice(NeighbourhoodTask.Kind.self, "kind", in: "neighbourhood_tasks"),
            personID: try row.optionalString("person_id"), addressID: try row.optionalString("address_id"), note: try row.string("note"),
            assignee: CaseUser(
                id: try row.string("assignee_user_id"), displayName: try row.string("assignee_name"),
                role: try row.choice(Role.self, "assignee_role", in: "users")),
            dueOn: try row.string("due_on"), setBy: try row.string("set_by"), setAt: try row.date("set_at"), result: try row.optionalString("result"),
            doneBy: try row.optionalString("done_by"), doneAt: try row.optionalDate("done_at"))
    }

    func createTask(_ t: NeighbourhoodTask, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO neighbourhood_tasks (id, area_id, kind, person_id, address_id, note, assignee_user_id, due_on, set_by, set_by_user_id, set_at)
            VALUES (\(bind: t.id), \(bind: t.areaID), \(bind: t.kind.rawValue), \(bind: t.personID), \(bind: t.addressID), \(bind: t.note),
              \(bind: t.assignee.id), \(bind: t.dueOn), \(bind: t.setBy), \(bind: byUserID), \(bind: t.setAt.epoch))
            """
        ).run()
    }

    func task(id: String) async throws -> NeighbourhoodTask? {
        try await db.raw("\(unsafeRaw: Self.select) WHERE t.id = \(bind: id)").first().map(Self.task)
    }

    func recordResult(taskID: String, result: String, by username: String, at: Date) async throws -> Bool {
        !(try await db.raw(
            """
            UPDATE neighbourhood_tasks SET result = \(bind: result), done_by = \(bind: username), done_at = \(bind: at.epoch)
            WHERE id = \(bind: taskID) AND result IS NULL RETURNING id
            """
        ).all().isEmpty)
    }

    func tasks(areaID: String, doneSince: Date) async throws -> [NeighbourhoodTask] {
        try await db.raw(
            """
            \(unsafeRaw: Self.select) WHERE t.area_id = \(bind: areaID) AND (t.result IS NULL OR t.done_at >= \(bind: doneSince.epoch))
            ORDER BY CASE WHEN t.result IS NULL THEN 0 ELSE 1 END, t.due_on, t.id
            """
        ).all().map(Self.task)
    }

    func recordBriefed(areaID: String, user: User, runID: String?, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO area_briefed (id, area_id, user_id, run_id, at)
            VALUES (\(bind: SafeguardService.newID(at: at)), \(bind: areaID), \(bind: user.id), \(bind: runID), \(bind: at.epoch))
            """
        ).run()
    }

    func briefed(areaID: String, since: Date) async throws -> [BriefedRecord] {
        try await db.raw(
            """
            SELECT b.run_id, b.at, u.username, u.display_name FROM area_briefed b JOIN users u ON u.id = b.user_id
            WHERE b.area_id = \(bind: areaID) AND b.at >= \(bind: since.epoch) ORDER BY b.at, b.id
            """
        ).all().map { row in
            BriefedRecord(
                username: try row.string("username"), displayName: try row.string("display_name"), at: try row.date("at"),
                runID: try row.optionalString("run_id"))
        }
    }
}
