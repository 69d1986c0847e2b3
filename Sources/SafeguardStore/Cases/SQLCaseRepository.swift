import Foundation
import SafeguardDomain
import SQLKit

/// Safeguarding cases and their ownership history in SQL.
struct SQLCaseRepository: CaseRepository {
    let db: any SQLDatabase

    /// Owner, investigator and handover recipient are read with the case, so a case always shows names, never ids.
    private static let select = """
        SELECT c.*, p.first_name, p.surname, p.restricted,
          o.display_name AS owner_name, o.role AS owner_role,
          i.display_name AS investigator_name, i.role AS investigator_role,
          h.display_name AS handover_name, h.role AS handover_role
        FROM cases c JOIN people p ON p.id = c.victim_person_id JOIN users o ON o.id = c.owner_user_id
          LEFT JOIN users i ON i.id = c.investigator_user_id LEFT JOIN users h ON h.id = c.handover_to
        """

    func nextReference(year: Int) async throws -> String {
        try await SQLCounters(db: db).next(prefix: "SG-\(year)-")
    }

    func create(_ c: SafeguardingCase, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO cases (id, reference, victim_person_id, status, risk_level, owner_user_id, investigator_user_id, needs_reallocation, opened_at, version, area_id)
            VALUES (\(bind: c.id), \(bind: c.reference), \(bind: c.victimPersonID), \(bind: c.status.rawValue), \(bind: c.riskLevel?.rawValue),
              \(bind: c.owner.id), \(bind: c.investigator?.id), \(bind: c.needsReallocation), \(bind: c.openedAt.epoch), 1, \(bind: c.areaID))
            """
        ).run()
        for incidentID in c.incidentIDs { try await addIncident(caseID: c.id, incidentID: incidentID) }
    }

    func find(id: String) async throws -> SafeguardingCase? {
        try await read(db.raw("\(unsafeRaw: Self.select) WHERE c.id = \(bind: id)").all()).first
    }

    func openCase(forVictims personIDs: [String]) async throws -> SafeguardingCase? {
        guard !personIDs.isEmpty else { return nil }
        return try await read(
            db.raw(
                """
                \(unsafeRaw: Self.select) WHERE c.victim_person_id IN (\(binds: personIDs)) AND c.status = 'open' ORDER BY c.opened_at LIMIT 1
                """
            ).all()
        ).first
    }

    func forIncident(_ incidentID: String) async throws -> [SafeguardingCase] {
        try await read(
            db.raw(
                """
                \(unsafeRaw: Self.select) WHERE c.id IN (SELECT case_id FROM case_incidents WHERE incident_id = \(bind: incidentID)) ORDER BY c.reference
                """
            ).all())
    }

    func addIncident(caseID: String, incidentID: String) async throws {
        try await db.raw("INSERT INTO case_incidents (case_id, incident_id) VALUES (\(bind: caseID), \(bind: incidentID)) ON CONFLICT DO NOTHING").run()
    }

    func incidentTimes(caseID: String) async throws -> [Date] {
        try await db.raw(
            """
            SELECT i.occurred_at FROM case_incidents ci JOIN incidents i ON i.id = ci.incident_id WHERE ci.case_id = \(bind: caseID)
            """
        ).all().map { try $0.date("occurred_at") }
    }

    func save(_ c: SafeguardingCase) async throws -> SafeguardingCase {
        let updated = try await db.raw(
            """
            UPDATE cases SET status = \(bind: c.status.rawValue), risk_level = \(bind: c.riskLevel?.rawValue), owner_user_id = \(bind: c.owner.id),
              investigator_user_id = \(bind: c.investigator?.id), handover_to = \(bind: c.pendingHandover?.to.id),
              handover_by = \(bind: c.pendingHandover?.offeredBy), handover_at = \(bind: c.pendingHandover?.offeredAt.epoch),
              handover_note = \(bind: c.pendingHandover?.note), needs_reallocation = \(bind: c.needsReallocation),
              closed_at = \(bind: c.closedAt?.epoch), version = version + 1
            WHERE id = \(bind: c.id) AND version = \(bind: Int64(c.version))
            RETURNING version
            """
        ).first()
        guard let updated else {
            let current = try await db.raw("SELECT version FROM cases WHERE id = \(bind: c.id)").first()
            guard let current else { throw DomainError.notFound(kind: "case", id: c.id) }
            throw DomainError.staleEdit(kind: "case", id: c.id, expectedVersion: c.version, currentVersion: try current.int("version"))
        }
        var saved = c
        saved.version = try updated.int("version")
        return saved
    }

    func latestClosedCase(forVictims personIDs: [String]) async throws -> SafeguardingCase? {
        guard !personIDs.isEmpty else { return nil }
        return try await read(
            db.raw(
                """
                \(unsafeRaw: Self.select) WHERE c.victim_person_id IN (\(binds: personIDs)) AND c.status = 'closed' ORDER BY c.closed_at DESC LIMIT 1
                """
            ).all()
        ).first
    }

    func recordState(caseID: String, open: Bool, level: RiskLevel?, at: Date) async throws {
        try await db.raw(
            """
            UPDATE case_spans SET to_at = \(bind: at.epoch), span_class = \(unsafeRaw: CaseSpanClass.sqlText(end: String(at.epoch)))
            WHERE case_id = \(bind: caseID) AND to_at IS NULL
            """
        ).run()
        guard open else { return }
        try await db.raw(
            "INSERT INTO case_spans (case_id, level, from_at, to_at) VALUES (\(bind: caseID), \(bind: level?.rawValue), \(bind: at.epoch), NULL)"
        ).run()
    }

    func openCounts(at moment: Date) async throws -> [RiskLevel?: Int] {
        // Only the spells that can contain the moment are read (see `CaseSpanClass`): about the answer, not the history.
        let query: SQLQueryString = "SELECT level, COUNT(*) AS n FROM (\(CaseSpanClass.containing(moment.epoch))) running GROUP BY level"
        var counts: [RiskLevel?: Int] = [:]
        for row in try await db.raw(query).all() {
            let level: RiskLevel? = try row.optionalString("level") == nil ? nil : try row.choice(RiskLevel.self, "level", in: "case_spans")
            counts[level, default: 0] += try row.int("n")
        }
        return counts
    }

    func addEvent(_ e: CaseOwnershipEvent) async throws {
        try await db.raw(
            """
            INSERT INTO case_events (id, case_id, kind, from_user_id, to_user_id, by_username, at, note)
            VALUES (\(bind: e.id), \(bind: e.caseID), \(bind: e.kind.rawValue), \(bind: e.fromUserID), \(bind: e.toUserID), \(bind: e.byUsername),
              \(bind: e.at.epoch), \(bind: e.note))
            """
        ).run()
    }

    func events(caseID: String) async throws -> [CaseOwnershipEvent] {
        try await db.raw("SELECT * FROM case_events WHERE case_id = \(bind: caseID) ORDER BY at, id").all().map { row in
            CaseOwnershipEvent(
                id: try row.string("id"), caseID: try row.string("case_id"),
                kind: try row.choice(CaseOwnershipEvent.Kind.self, "kind", in: "case_events"),
                fromUserID: try row.optionalString("from_user_id"), toUserID: try row.optionalString("to_user_id"),
                byUsername: try row.string("by_username"), at: try row.date("at"), note: try row.string("note"))
        }
    }

    func owned(by userID: String) async throws -> [SafeguardingCase] {
        try await read(
            db.raw(
                """
                \(unsafeRaw: Self.select) WHERE c.owner_user_id = \(bind: userID) AND c.status = 'open'
                ORDER BY CASE c.risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, c.opened_at
                """
            ).all())
    }

    func investigated(by userID: String) async throws -> [SafeguardingCase] {
        try await read(db.raw("\(unsafeRaw: Self.select) WHERE c.investigator_user_id = \(bind: userID) AND c.status = 'open' ORDER BY c.opened_at").all())
    }

    func offered(to userID: String) async throws -> [SafeguardingCase] {
        try await read(
            db.raw("\(unsafeRaw: Self.select) WHERE c.handover_to = \(bind: userID) AND c.status = 'open' ORDER BY c.handover_at")
                .all())
    }

    func awaitingOwner(limit: Int) async throws -> [SafeguardingCase] {
        try await read(
            db.raw(
                """
                \(unsafeRaw: Self.select) WHERE c.status = 'open' AND c.needs_reallocation = \(bind: true)
                ORDER BY CASE c.risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, c.opened_at LIMIT \(bind: limit)
                """
            ).all())
    }

    func openCasePlaces() async throws -> [(caseID: String, areaID: String?, victimPostcode: String?)] {
        let postcode = SQLPeopleRepository.currentAddress("postcode", of: "c.victim_person_id")
        return try await db.raw("SELECT c.id, c.area_id, \(unsafeRaw: postcode) AS postcode FROM cases c WHERE c.status = 'open'").all().map { row in
            (try row.string("id"), try row.optionalString("area_id"), try row.optionalString("postcode"))
        }
    }

    func place(_ moves: [(caseID: String, areaID: String?)]) async throws {
        // One statement per area, not per case: a redrawn area can move thousands of cases at once.
        for (areaID, group) in Dictionary(grouping: moves, by: \.areaID) {
            for chunk in stride(from: 0, to: group.count, by: 500).map({ Array(group[$0..<min($0 + 500, group.count)]) }) {
                try await db.raw("UPDATE cases SET area_id = \(bind: areaID) WHERE id IN (\(binds: chunk.map(\.caseID)))").run()
            }
        }
    }

    func awaitingOwnerCount() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM cases WHERE status = 'open' AND needs_reallocation = \(bind: true)").first()?.int("n") ?? 0
    }

    func openCaseCounts(owners userIDs: [String]) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        guard !userIDs.isEmpty else { return counts }
        // Counted from the owner index, so the cost follows the candidates' caseloads, not the whole force's cases.
        for row in try await db.raw(
            """
            SELECT owner_user_id, COUNT(*) AS n FROM cases WHERE owner_user_id IN (\(binds: userIDs)) AND status = 'open' GROUP BY owner_user_id
            """
        ).all() {
            counts[try row.string("owner_user_id")] = try row.int("n")
        }
        return counts
    }

    /// Cases from rows, each with its incidents (one query for all of them).
    private func read(_ rows: [any SQLRow]) async throws -> [SafeguardingCase] {
        var cases = try rows.map(Self.safeguardingCase)
        guard !cases.isEmpty else { return [] }
        var incidents: [String: [String]] = [:]
        for row in try await db.raw("SELECT case_id, incident_id FROM case_incidents WHERE case_id IN (\(binds: cases.map(\.id))) ORDER BY incident_id").all() {
            incidents[try row.string("case_id"), default: []].append(try row.string("incident_id"))
        }
        for index in cases.indices { cases[index].incidentIDs = incidents[cases[index].id] ?? [] }
        return cases
    }

    static func safeguardingCase(_ row: any SQLRow) throws -> SafeguardingCase {
        func user(_ idColumn: String, _ prefix: String) throws -> CaseUser? {
            guard let id = try row.optionalString(idColumn) else { return nil }
            return CaseUser(
                id: id, displayName: try row.optionalString("\(prefix)_name") ?? "",
                role: try row.choice(Role.self, "\(prefix)_role", in: "users (as \(prefix)_role)"))
        }
        var handover: PendingHandover?
        if let to = try user("handover_to", "handover") {
            handover = PendingHandover(
                to: to, offeredBy: try row.optionalString("handover_by") ?? "", offeredAt: try row.optionalDate("handover_at") ?? Date(epoch: 0),
                note: try row.optionalString("handover_note") ?? "")
        }
        let name = "\(try row.string("first_name")) \(try row.string("surname"))"
        return SafeguardingCase(
            id: try row.string("id"), reference: try row.string("reference"), victimPersonID: try row.string("victim_person_id"), victimName: name,
            status: try row.choice(SafeguardingCase.Status.self, "status", in: "cases"),
            riskLevel: try row.optionalString("risk_level") == nil ? nil : try row.choice(RiskLevel.self, "risk_level", in: "cases"),
            owner: try user("owner_user_id", "owner")!, investigator: try user("investigator_user_id", "investigator"), pendingHandover: handover,
            needsReallocation: try row.bool("needs_reallocation"), openedAt: try row.date("opened_at"),
            incidentIDs: [],
            version: try row.int("version"), victimRestricted: try row.bool("restricted"), closedAt: try row.optionalDate("closed_at"),
            areaID: try row.optionalString("area_id"))
    }
}

/// Named counters for human references, unique under concurrent writers on both engines.
struct SQLCounters {
    let db: any SQLDatabase

    /// `prefix` + the next number, six digits (`SG-2026-000001`).
    func next(prefix: String) async throws -> String {
        try await db.raw("INSERT INTO counters (name, last_number) VALUES (\(bind: prefix), 0) ON CONFLICT (name) DO NOTHING").run()
        // The UPDATE takes the row lock on PostgreSQL, and SQLite has one writer, so two calls never share a number.
        guard let row = try await db.raw("UPDATE counters SET last_number = last_number + 1 WHERE name = \(bind: prefix) RETURNING last_number").first() else {
            throw DomainError.conflict("Could not number the record; try again.")
        }
        let digits = String(try row.int64("last_number"))
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
