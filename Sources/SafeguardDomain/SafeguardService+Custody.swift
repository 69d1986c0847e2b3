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
            var incidentID: String?
            if let id = trimmedNonEmpty(draft.incidentID) {
                guard let incident = try await tx.incidents.find(id: id), incident.suspects.contains(where: { $0.personID == suspectID }) else {
                    throw DomainError.invalid([FieldError("incident_id", "Choose an incident on which this person is a suspect.")])
                }
                incidentID = incident.id
            }
            let event = CustodyEvent(id: eventID, suspectPersonID: suspectID, incidentID: incidentID, kind: valid.kind, at: valid.at,
                                     conditions: valid.conditions, endsOn: valid.endsOn, note: valid.note, recordedBy: actor.user.username, recordedAt: now)
            try await tx.custody.create(event, byUserID: actor.user.id)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .recordCustodyEvent, recordType: "person", recordID: suspectID,
                                                 detail: valid.kind.rawValue))
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

    /// The suspect's custody and court events, newest first, across records confirmed to be him.
    public func custodyEvents(_ actor: Actor, personID: String) async throws -> [CustodyEvent] {
        try actor.require(.viewIncident)
        return try await repositories.read { tx in
            let records = try await recordsOfSamePerson(tx, personID)
            return try await tx.custody.forSuspects(records)
        }
    }

    private func fireTriggers(_ tx: any RepositoryTransaction, event: CustodyEvent, at now: Date) async throws -> [CaseTask] {
        let suspectRecords = try await recordsOfSamePerson(tx, event.suspectPersonID)
        var cases: [String: SafeguardingCase] = [:]
        for victimID in try await tx.incidents.victims(ofSuspectRecords: suspectRecords) {
            let victimRecords = try await recordsOfSamePerson(tx, victimID)
            if let open = try await tx.cases.openCase(forVictims: victimRecords) { cases[open.id] = open }
        }
        var created: [CaseTask] = []
        for found in cases.values.sorted(by: { $0.reference < $1.reference }) {
            for planned in TriggerRules.tasks(for: event, caseReference: found.reference, policy: policy, now: now) {
                let task = CaseTask(id: Self.newID(at: now), caseID: found.id, incidentID: event.incidentID, kind: planned.kind, title: planned.title,
                                    owner: found.owner, dueAt: planned.dueAt, createdAt: now, source: "custody:\(event.id)")
                guard try await tx.custody.recordFiring(eventID: event.id, caseID: found.id, kind: planned.kind, taskID: task.id, at: now) else { continue }
                try await createTask(tx, task, actor: nil, at: now)
                try await tx.audit.append(AuditEntry(at: now, user: nil, action: .fireTrigger, recordType: "case", recordID: found.id,
                                                     detail: "\(event.kind.rawValue) → \(planned.kind.rawValue)"))
                created.append(task)
            }
        }
        return created
    }
}
