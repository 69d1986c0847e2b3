import Foundation
import SafeguardDomain
import SQLKit

/// The orders register and its history in SQL.
struct SQLOrderRepository: OrderRepository {
    let db: any SQLDatabase

    /// When the order was recorded: the domain stamps it from its clock; the store never reads a clock of its own.
    static func recordedAt(_ order: ProtectiveOrder) throws -> Date {
        guard let at = order.createdAt else {
            throw DomainError.invalid([FieldError("created_at", "An order must carry when it was recorded (order \(order.id)).")])
        }
        return at
    }

    func create(_ o: ProtectiveOrder, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO protective_orders (id, kind, subject_person_id, protected_person_id, terms, starts_on, ends_on, created_at, incident_id,
              served_at, hearing_at, ended_on, breaches, recorded_by_username, version)
            VALUES (\(bind: o.id), \(bind: o.kind.rawValue), \(bind: o.subjectPersonID), \(bind: o.protectedPersonID), \(bind: o.terms), \(bind: o.startsOn),
              \(bind: o.endsOn), \(bind: try Self.recordedAt(o).epoch), \(bind: o.incidentID), \(bind: o.servedAt?.epoch), \(bind: o.hearingAt?.epoch),
              \(bind: o.endedOn), \(bind: o.breaches), \(bind: o.recordedBy), 1)
            """
        ).run()
        for event in o.history { try await insert(event, byUserID: byUserID) }
    }

    func find(id: String) async throws -> ProtectiveOrder? {
        try await withHistory(try await db.raw("SELECT * FROM protective_orders WHERE id = \(bind: id)").all().map(Self.order)).first
    }

    func involving(_ ids: [String]) async throws -> [ProtectiveOrder] {
        guard !ids.isEmpty else { return [] }
        return try await withHistory(
            try await db.raw(
                """
                SELECT * FROM protective_orders WHERE subject_person_id IN (\(binds: ids)) OR protected_person_id IN (\(binds: ids))
                ORDER BY starts_on DESC, id
                """
            ).all().map(Self.order))
    }

    func record(_ event: OrderEvent, byUserID: String, order o: ProtectiveOrder, expectedVersion: Int) async throws -> Bool {
        let updated = try await db.raw(
            """
            UPDATE protective_orders SET terms = \(bind: o.terms), ends_on = \(bind: o.endsOn), served_at = \(bind: o.servedAt?.epoch),
              hearing_at = \(bind: o.hearingAt?.epoch), ended_on = \(bind: o.endedOn), breaches = \(bind: o.breaches), version = version + 1
            WHERE id = \(bind: o.id) AND version = \(bind: expectedVersion) RETURNING id
            """
        ).first()
        guard updated != nil else { return false }
        try await insert(event, byUserID: byUserID)
        return true
    }

    func endingBetween(_ from: String, _ to: String, limit: Int) async throws -> [ProtectiveOrder] {
        try await withHistory(
            try await db.raw(
                """
                SELECT * FROM protective_orders o WHERE o.ended_on IS NULL AND o.ends_on >= \(bind: from) AND o.ends_on <= \(bind: to)
                  AND NOT EXISTS (SELECT 1 FROM triggers_fired f WHERE f.source = \(sqlTriggerKey(TriggerKeys.orderEnding, ["order_id": "o.id", "ends_on": "o.ends_on"])))
                ORDER BY o.ends_on, o.id LIMIT \(bind: limit)
                """
            ).all().map(Self.order))
    }

    func noticesWithoutHearing(madeBefore: Date, limit: Int) async throws -> [ProtectiveOrder] {
        try await withHistory(
            try await db.raw(
                """
                SELECT * FROM protective_orders o WHERE o.kind IN (\(binds: ProtectiveOrder.Kind.allCases.filter(\.isNotice).map(\.rawValue)))
                  AND o.hearing_at IS NULL AND o.ended_on IS NULL
                  AND COALESCE(o.served_at, o.created_at) <= \(bind: madeBefore.epoch)
                  AND COALESCE(o.served_at, o.created_at) > \(bind: madeBefore.epoch - Int64(TriggerKeys.noticeLookBackDays) * 86_400)
                  AND NOT EXISTS (SELECT 1 FROM triggers_fired f WHERE f.source = \(sqlTriggerKey(TriggerKeys.noticeWithoutHearing, ["order_id": "o.id"])))
                ORDER BY o.created_at, o.id LIMIT \(bind: limit)
                """
            ).all().map(Self.order))
    }

    private func insert(_ e: OrderEvent, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO order_events (id, order_id, kind, at, note, terms, ends_on, hearing_at, incident_id, recorded_by, recorded_by_username, recorded_at)
            VALUES (\(bind: e.id), \(bind: e.orderID), \(bind: e.kind.rawValue), \(bind: e.at.epoch), \(bind: e.note), \(bind: e.terms), \(bind: e.endsOn),
              \(bind: e.hearingAt?.epoch), \(bind: e.incidentID), \(bind: byUserID), \(bind: e.recordedBy), \(bind: e.recordedAt.epoch))
            """
        ).run()
    }

    private func withHistory(_ orders: [ProtectiveOrder]) async throws -> [ProtectiveOrder] {
        guard !orders.isEmpty else { return [] }
        let rows = try await db.raw("SELECT * FROM order_events WHERE order_id IN (\(binds: orders.map(\.id))) ORDER BY at, recorded_at, id").all()
        var history: [String: [OrderEvent]] = [:]
        for row in rows {
            let e = OrderEvent(
                id: try row.string("id"), orderID: try row.string("order_id"), kind: try row.choice(OrderEvent.Kind.self, "kind", in: "order_events"),
                at: try row.date("at"), note: try row.optionalString("note"), terms: try row.optionalString("terms"),
                endsOn: try row.optionalString("ends_on"), hearingAt: try row.optionalDate("hearing_at"), incidentID: try row.optionalString("incident_id"),
                recordedBy: try row.string("recorded_by_username"), recordedAt: try row.date("recorded_at"))
            history[e.orderID, default: []].append(e)
        }
        var requirements: [String: [OrderRequirement]] = [:]
        for row in try await db.raw(
            "SELECT * FROM order_requirements WHERE order_id IN (\(binds: orders.map(\.id))) ORDER BY due_on, recorded_at, id"
        ).all() {
            let r = try Self.requirement(row)
            requirements[r.orderID, default: []].append(r)
        }
        return orders.map {
            var o = $0
            o.history = history[o.id] ?? []
            o.requirements = requirements[o.id] ?? []
            return o
        }
    }

    static func requirement(_ row: any SQLRow) throws -> OrderRequirement {
        OrderRequirement(
            id: try row.string("id"), orderID: try row.string("order_id"), text: try row.string("text"), dueOn: try row.string("due_on"),
            status: try row.choice(OrderRequirement.Status.self, "status", in: "order_requirements"), note: try row.optionalString("note"),
            checkedBy: try row.optionalString("checked_by"), checkedAt: try row.optionalDate("checked_at"), recordedBy: try row.string("recorded_by"),
            recordedAt: try row.date("recorded_at"))
    }

    func addRequirement(_ r: OrderRequirement, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO order_requirements (id, order_id, text, due_on, status, recorded_by, recorded_by_user_id, recorded_at)
            VALUES (\(bind: r.id), \(bind: r.orderID), \(bind: r.text), \(bind: r.dueOn), \(bind: r.status.rawValue), \(bind: r.recordedBy),
              \(bind: byUserID), \(bind: r.recordedAt.epoch))
            """
        ).run()
    }

    func requirement(id: String) async throws -> OrderRequirement? {
        try await db.raw("SELECT * FROM order_requirements WHERE id = \(bind: id)").first().map(Self.requirement)
    }

    func updateRequirement(_ r: OrderRequirement) async throws -> Bool {
        !(try await db.raw(
            """
            UPDATE order_requirements SET status = \(bind: r.status.rawValue), note = \(bind: r.note), checked_by = \(bind: r.checkedBy),
              checked_at = \(bind: r.checkedAt?.epoch) WHERE id = \(bind: r.id) AND status = 'pending' RETURNING id
            """
        ).all().isEmpty)
    }

    func pendingRequirements(dueBefore day: String, limit: Int) async throws -> [OrderRequirement] {
        try await db.raw(
            "SELECT * FROM order_requirements WHERE status = 'pending' AND due_on < \(bind: day) ORDER BY due_on, id LIMIT \(bind: limit)"
        ).all().map(Self.requirement)
    }

    static func order(_ row: any SQLRow) throws -> ProtectiveOrder {
        ProtectiveOrder(
            id: try row.string("id"), kind: try row.choice(ProtectiveOrder.Kind.self, "kind", in: "protective_orders"),
            subjectPersonID: try row.string("subject_person_id"), protectedPersonID: try row.optionalString("protected_person_id"),
            terms: try row.string("terms"), startsOn: try row.string("starts_on"), endsOn: try row.optionalString("ends_on"),
            incidentID: try row.optionalString("incident_id"), servedAt: try row.optionalDate("served_at"), hearingAt: try row.optionalDate("hearing_at"),
            endedOn: try row.optionalString("ended_on"), breaches: try row.int("breaches"), recordedBy: try row.optionalString("recorded_by_username"),
            createdAt: try row.date("created_at"), version: try row.int("version"))
    }
}
