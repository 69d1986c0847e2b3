import Foundation

/// A recorded custody event and the tasks it set off on victims' cases.
public struct CustodyOutcome: Sendable, Equatable, Codable {
    public var event: CustodyEvent
    public var tasks: [CaseTask]
}

extension SafeguardService {
    /// Records a custody or court event for a suspect (issue 5 part 1) and, in the same transaction, fires its triggers
    /// (part 2): every open case of every victim of the suspect — across the records confirmed to be him, so his other
    /// victims anywhere in the force are reached too — gets its tasks (reassess, review the plan, tell the victim),
    /// owned by the case's owner, with deadlines from policy.
    public func recordCustodyEvent(_ actor: Actor, suspectID: String, draft: CustodyDraft) async throws -> CustodyOutcome {
        try actor.require(.recordCustody)
        let now = clock.now()
        let valid = try draft.validated(now: now)
        let eventID = Self.newID(at: now)
        return try await repositories.transaction { tx in
            guard try await tx.people.find(id: suspectID) != nil else { throw DomainError.notFound(kind: "person", id: suspectID) }
            let incidentID = try await suspectIncident(tx, draft.incidentID, suspectID: suspectID)
            let event = CustodyEvent(
                id: eventID, suspectPersonID: suspectID, incidentID: incidentID, kind: valid.kind, at: valid.at,
                conditions: valid.conditions, endsOn: valid.endsOn, note: valid.note, recordedBy: actor.user.username, recordedAt: now)
            try await tx.custody.create(event, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordCustodyEvent, recordType: "person", recordID: suspectID,
                    detail: valid.kind.rawValue))
            try await endSupersededBail(tx, event: event, actor: actor, at: now)
            try await registerBail(tx, event: event, actor: actor, at: now)
            let tasks = try await fireTriggers(tx, event: event, at: now)
            return CustodyOutcome(event: event, tasks: tasks)
        }
    }

    /// Delivers an event's triggers again (after a failure, or from another server): whatever has already fired is
    /// skipped, so each (event, case, task kind) fires once however often or concurrently it is delivered.
    /// Returns the tasks this delivery created.
    @discardableResult
    public func redeliverTriggers(eventID: String) async throws -> [CaseTask] {
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let event = try await tx.custody.find(id: eventID) else { throw DomainError.notFound(kind: "custody event", id: eventID) }
            return try await fireTriggers(tx, event: event, at: now)
        }
    }

    /// The suspect's custody and court events, newest first, across records confirmed to be him. A read of his record:
    /// audited, refused on a restricted record to roles without restricted access, and look-back roles give a reason.
    public func custodyEvents(_ actor: Actor, personID: String, reason: String? = nil) async throws -> [CustodyEvent] {
        try await readOfPersonRecord(actor, personID: personID, reason: reason, action: .viewCustody, detail: { "events=\($0.count)" }) { tx, records in
            try await tx.custody.forSuspects(records)
        }
    }

    private func fireTriggers(_ tx: any RepositoryTransaction, event: CustodyEvent, at now: Date) async throws -> [CaseTask] {
        var created: [CaseTask] = []
        for found in try await openCasesOfVictims(tx, ofSuspect: event.suspectPersonID) {
            created += try await fire(
                tx, source: TriggerRules.source(custody: event), on: found,
                tasks: TriggerRules.tasks(
                    for: event, caseReference: found.reference, policy: policy, now: now,
                    caseIsThisMatter: event.incidentID.map(found.incidentIDs.contains) ?? true),
                incidentID: event.incidentID, at: now)
        }
        return created
    }

    /// Ends the suspect's bail entries that this event brings to an end (`BailRules`), keeping the ending in each one's
    /// history. The custody event's own triggers already reassess and tell her, so the endings fire nothing more.
    private func endSupersededBail(_ tx: any RepositoryTransaction, event: CustodyEvent, actor: Actor, at now: Date) async throws {
        let records = try await recordsOfSamePerson(tx, event.suspectPersonID)
        for bail in try await tx.orders.involving(records) where records.contains(bail.subjectPersonID) && BailRules.ends(bail, by: event) {
            let ending = BailRules.ending(bail, by: event, id: Self.newID(at: now), recordedBy: actor.user.username, at: now)
            guard try await tx.orders.record(ending, byUserID: actor.user.id, order: bail.applying(ending), expectedVersion: bail.version) else {
                throw DomainError.conflict("Someone else recorded something on his bail conditions just now; record this event again.")
            }
        }
    }

    /// Bail conditions go into the orders register too (rule 25), so a variation, a breach or the bail's end is
    /// recorded and triggers like any order's. Whom they protect is the incident's victim, when the event names one.
    private func registerBail(_ tx: any RepositoryTransaction, event: CustodyEvent, actor: Actor, at now: Date) async throws {
        guard event.kind.needsConditions, let conditions = event.conditions else { return }
        var protected: String?
        // One victim on the incident: the conditions protect her. Several (or none named): every victim of the suspect.
        if let incidentID = event.incidentID, let victims = try await tx.incidents.find(id: incidentID)?.victims, victims.count == 1 {
            protected = victims[0].personID
        }
        let id = Self.newID(at: now)
        let order = ProtectiveOrder(
            id: id, kind: event.kind == .policeBail ? .policeBail : .courtBail, subjectPersonID: event.suspectPersonID,
            protectedPersonID: protected, terms: conditions, startsOn: CalendarDate.string(event.at), endsOn: event.endsOn,
            incidentID: event.incidentID, recordedBy: actor.user.username, createdAt: now,
            history: [
                OrderEvent(
                    id: Self.newID(at: now), orderID: id, kind: .made, at: event.at, note: "from custody record",
                    recordedBy: actor.user.username, recordedAt: now)
            ])
        try await tx.orders.create(order, byUserID: actor.user.id)
    }
}
