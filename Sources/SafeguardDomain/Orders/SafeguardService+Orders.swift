import Foundation

/// An order written to the register, or an event on one, and the tasks it set on victims' cases.
public struct OrderOutcome: Sendable, Equatable, Codable {
    public var order: ProtectiveOrder
    public var tasks: [CaseTask]
}

extension SafeguardService {
    /// Records an order binding `subjectID` (rule 25) and, in the same transaction, fires its triggers on the protected
    /// person's open case: review the plan, tell her the terms, and for a notice, get it before magistrates in 48 hours.
    public func recordOrder(_ actor: Actor, subjectID: String, draft: OrderDraft) async throws -> OrderOutcome {
        try actor.require(.recordCustody)
        let now = clock.now()
        let valid = try draft.validated(now: now)
        return try await repositories.transaction { tx in
            _ = try await visiblePerson(tx, actor, subjectID)
            guard valid.protectedPersonID != subjectID, try await tx.people.find(id: valid.protectedPersonID) != nil else {
                throw DomainError.invalid([FieldError("protected_person_id", "Choose the person the order protects (not the person it binds).")])
            }
            let incidentID = try await suspectIncident(tx, draft.incidentID, suspectID: subjectID)
            let id = Self.newID(at: now)
            let made = OrderEvent(
                id: Self.newID(at: now), orderID: id, kind: .made, at: now, note: nil, terms: valid.terms, endsOn: valid.endsOn,
                incidentID: incidentID, recordedBy: actor.user.username, recordedAt: now)
            let order = ProtectiveOrder(
                id: id, kind: valid.kind, subjectPersonID: subjectID, protectedPersonID: valid.protectedPersonID, terms: valid.terms,
                startsOn: valid.startsOn, endsOn: valid.endsOn, incidentID: incidentID, servedAt: valid.servedAt,
                recordedBy: actor.user.username, createdAt: now, history: [made])
            try await tx.orders.create(order, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .recordOrder, recordType: "person", recordID: subjectID, detail: valid.kind.rawValue))
            try await endReplacedNotices(tx, by: order, actor: actor, at: now)
            var tasks = try await fireOrderTriggers(tx, order: order, event: made, at: now)
            // A notice must reach magistrates within 48 hours whether or not the person it protects has a case (a
            // child, a relative never recorded as a victim): with no case to carry it, the task is the recorder's.
            if order.kind.isNotice, !tasks.contains(where: { $0.kind == .bookCourtHearing }),
                let hearing = TriggerRules.tasks(forOrder: order, event: made, caseReference: "Notice on \(valid.startsOn)", policy: policy, now: now)
                    .first(where: { $0.kind == .bookCourtHearing })
            {
                let task = CaseTask(
                    id: Self.newID(at: now), caseID: nil, incidentID: incidentID, kind: .bookCourtHearing, title: hearing.title,
                    owner: CaseUser(actor.user), dueAt: hearing.dueAt, createdAt: now, source: TriggerRules.source(orderEvent: made))
                try await createTask(tx, task, actor: actor, at: now)
                tasks.append(task)
            }
            return OrderOutcome(order: order, tasks: tasks)
        }
    }

    /// An order made at court takes over from the notice before it: the notice's entry ends, keeping why, so it no
    /// longer shows as in force nor sets off "no hearing booked" when the court has in fact decided. Its own triggers
    /// are the new order's.
    private func endReplacedNotices(_ tx: any RepositoryTransaction, by order: ProtectiveOrder, actor: Actor, at now: Date) async throws {
        guard let noticeKind = order.kind.replacesNotice else { return }
        let records = try await recordsOfSamePerson(tx, order.subjectPersonID)
        for notice in try await tx.orders.involving(records)
        where notice.kind == noticeKind && notice.endedOn == nil && records.contains(notice.subjectPersonID)
            && notice.protectedPersonID == order.protectedPersonID
        {
            let ending = OrderEvent(
                id: Self.newID(at: now), orderID: notice.id, kind: .ended, at: now,
                note: "Replaced by the \(order.kind.rawValue.uppercased()) made at court.", recordedBy: actor.user.username, recordedAt: now)
            guard try await tx.orders.record(ending, byUserID: actor.user.id, order: notice.applying(ending), expectedVersion: notice.version) else {
                throw DomainError.conflict("Someone else recorded something on the notice just now; record the order again.")
            }
        }
    }

    /// Records what happened to an order — served, hearing booked, varied, breached, ended — keeping its history, and
    /// fires the event's triggers: a breach reassesses her risk; a variation or an ending means she must be told.
    public func recordOrderEvent(_ actor: Actor, orderID: String, draft: OrderEventDraft) async throws -> OrderOutcome {
        try actor.require(.recordCustody)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let order = try await tx.orders.find(id: orderID) else { throw DomainError.notFound(kind: "order", id: orderID) }
            let kind = try draft.validated(order: order, now: now)
            var incidentID: String?
            if let id = trimmedNonEmpty(draft.incidentID) {
                guard try await tx.incidents.find(id: id) != nil else { throw DomainError.invalid([FieldError("incident_id", "No incident with id \(id).")]) }
                incidentID = id
            }
            let event = OrderEvent(
                id: Self.newID(at: now), orderID: orderID, kind: kind, at: trimmedNonEmpty(draft.at).flatMap(TypedDateTime.parse) ?? now,
                note: trimmedNonEmpty(draft.note), terms: trimmedNonEmpty(draft.terms), endsOn: trimmedNonEmpty(draft.endsOn).flatMap(CalendarDate.normalise),
                hearingAt: trimmedNonEmpty(draft.hearingAt).flatMap(TypedDateTime.parse), incidentID: incidentID,
                recordedBy: actor.user.username, recordedAt: now)
            let updated = order.applying(event)
            guard try await tx.orders.record(event, byUserID: actor.user.id, order: updated, expectedVersion: order.version) else {
                throw DomainError.conflict("Someone else recorded something on this order just now; look again and record it once more if still needed.")
            }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .recordOrder, recordType: "order", recordID: orderID, detail: kind.rawValue))
            let tasks = try await fireOrderTriggers(tx, order: updated, event: event, at: now)
            // Anyone who may record custody may record what happened to an order (a breach is reported at the scene);
            // what they are shown back follows rule 33.
            let people = [updated.subjectPersonID] + [updated.protectedPersonID].compactMap { $0 }
            let restricted = try await tx.people.summaries(ids: people).values.contains { $0.restricted }
            return OrderOutcome(order: Visibility(actor.role).order(updated, restricted: restricted), tasks: tasks)
        }
    }

    /// Orders binding or protecting a person, across the records confirmed to be them, each with its history.
    /// Audited as a read of the person's record; look-back roles give a reason (rule 33).
    public func orders(_ actor: Actor, personID: String, reason: String? = nil) async throws -> [ProtectiveOrder] {
        try await readOfPersonRecord(actor, personID: personID, reason: reason, action: .viewOrders, detail: { "orders=\($0.count)" }) { tx, records in
            try await tx.orders.involving(records)
        }
    }

    /// The people an order against this person might protect: the victims of the incidents he is a suspect in, across
    /// his confirmed records (the order form offers them by name).
    public func victimsOf(_ actor: Actor, suspectID: String) async throws -> [PersonSummary] {
        try actor.require(.viewIncident)
        let visibility = Visibility(actor.role)
        return try await repositories.read { tx in
            _ = try await visiblePerson(tx, actor, suspectID)
            let ids = try await tx.incidents.victims(ofSuspectRecords: try await recordsOfSamePerson(tx, suspectID))
            let found = try await tx.people.summaries(ids: ids)
            return ids.compactMap { found[$0].map(visibility.summary) }
        }
    }

    func fireOrderTriggers(_ tx: any RepositoryTransaction, order: ProtectiveOrder, event: OrderEvent, at now: Date) async throws -> [CaseTask] {
        var created: [CaseTask] = []
        for found in try await openCases(tx, protectedBy: order) {
            created += try await fire(
                tx, source: TriggerRules.source(orderEvent: event), on: found,
                tasks: TriggerRules.tasks(forOrder: order, event: event, caseReference: found.reference, policy: policy, now: now),
                incidentID: event.incidentID ?? order.incidentID, at: now)
        }
        return created
    }

    /// An incident chosen on a form about a suspect must be one in which they are a suspect.
    func suspectIncident(_ tx: any RepositoryTransaction, _ raw: String?, suspectID: String) async throws -> String? {
        guard let id = trimmedNonEmpty(raw) else { return nil }
        guard let incident = try await tx.incidents.find(id: id), incident.suspects.contains(where: { $0.personID == suspectID }) else {
            throw DomainError.invalid([FieldError("incident_id", "Choose an incident on which this person is a suspect.")])
        }
        return incident.id
    }
}
