import Foundation

/// A victim's safe route and everything anyone has said to her, for the person about to make contact.
public struct ContactLog: Sendable, Equatable, Codable {
    public var safeContact: SafeContact?
    public var entries: [ContactEntry]
}

extension SafeguardService {
    /// The victim's safe-contact details and her one contact log (rule 19), across the records confirmed to be her.
    /// Audited as a read of her record.
    /// Roles that look back (analysts, auditors) must say why, as for her record itself (rule 33).
    public func contactLog(_ actor: Actor, personID: String, reason: String? = nil, limit: Int = 200) async throws -> ContactLog {
        try await readOfPersonRecord(actor, personID: personID, reason: reason, action: .viewContacts, detail: { "entries=\($0.entries.count)" }) {
            tx, records in
            ContactLog(safeContact: try await tx.contacts.safeContact(forPeople: records), entries: try await tx.contacts.log(forPeople: records, limit: limit))
        }
    }

    /// Sets how she may be reached safely. Kept on the record the details were typed on; read across her linked records.
    public func saveSafeContact(_ actor: Actor, personID: String, draft: SafeContactDraft) async throws -> SafeContact {
        try actor.require(.workCases)
        let now = clock.now()
        let safe = try draft.validated(personID: personID, by: actor.user.username, at: now)
        return try await repositories.transaction { tx in
            _ = try await visiblePerson(tx, actor, personID)
            try await tx.contacts.saveSafeContact(safe)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .saveSafeContact, recordType: "person", recordID: personID))
            return safe
        }
    }

    /// Logs a contact with the victim by anyone, any agency. Refused if it breaks her safe route (a message left where
    /// none may be). Filed on her open case, so the quiet-victim clock knows she has been heard from.
    public func logContact(_ actor: Actor, personID: String, draft: ContactDraft) async throws -> ContactEntry {
        try actor.require(.workCases)
        let now = clock.now()
        return try await repositories.transaction { tx in
            _ = try await visiblePerson(tx, actor, personID)
            let records = try await recordsOfSamePerson(tx, personID)
            let valid = try draft.validated(safe: try await tx.contacts.safeContact(forPeople: records), now: now)
            let entry = ContactEntry(
                id: Self.newID(at: now), personID: personID, caseID: try await tx.cases.openCase(forVictims: records)?.id, at: valid.at,
                team: valid.team, method: valid.method, reached: valid.reached, summary: valid.summary, taskID: nil,
                madeBy: actor.user.displayName)
            try await tx.contacts.add(entry, byUserID: actor.user.id, at: now)
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .logContact, recordType: "person", recordID: personID, detail: valid.team.rawValue))
            return entry
        }
    }

    /// Closes a "tell the victim" task (rule 19) the only way it may be closed: how and when she was told — through her
    /// safe route, logged as a contact — or why she was not.
    public func recordVictimTold(_ actor: Actor, taskID: String, draft: VictimToldDraft) async throws -> CaseTask {
        try actor.require(.workCases)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let task = try await tx.tasks.find(id: taskID) else { throw DomainError.notFound(kind: "task", id: taskID) }
            guard task.kind == .tellVictim else { throw DomainError.conflict("This is not a task to tell the victim; mark it done with what was done.") }
            try mayComplete(actor, task)
            guard let caseID = task.caseID, let found = try await tx.cases.find(id: caseID) else {
                throw DomainError.notFound(kind: "case of task", id: taskID)
            }
            let records = try await recordsOfSamePerson(tx, found.victimPersonID)
            let valid = try draft.validated(taskTitle: task.title, safe: try await tx.contacts.safeContact(forPeople: records), now: now)
            guard try await tx.tasks.complete(id: taskID, at: now, by: actor.user.username, outcome: valid.outcome) else {
                throw DomainError.conflict("This task was already completed.")
            }
            if let contact = valid.contact {
                try await tx.contacts.add(
                    ContactEntry(
                        id: Self.newID(at: now), personID: found.victimPersonID, caseID: caseID, at: contact.at, team: contact.team,
                        method: contact.method, reached: true, summary: contact.summary, taskID: taskID,
                        madeBy: actor.user.displayName), byUserID: actor.user.id, at: now)
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .completeTask, recordType: "task", recordID: taskID,
                    detail: valid.contact == nil ? "not told" : "told"))
            return try await tx.tasks.find(id: taskID) ?? task
        }
    }

    /// Who may close a task: its owner, the person it was escalated to, or a sergeant or specialist.
    func mayComplete(_ actor: Actor, _ task: CaseTask) throws {
        guard task.owner.id == actor.user.id || task.escalatedTo?.id == actor.user.id || actor.role.can(.manageCases) else {
            throw DomainError.forbidden("This task belongs to \(task.owner.displayName).")
        }
    }
}
