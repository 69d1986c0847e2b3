import Foundation

/// Account operations on a team (rule 20): who is away, and whom each person reports to, which escalation and cover
/// walk up. Going away moves the person's cases and tasks to whoever covers them.
extension SafeguardService {
    /// Marks a user away or back (rule 20). The user themself, their supervisor, a sergeant or specialist, or an
    /// administrator may do it. Going away moves every case they own to the person covering them — their supervisor,
    /// up the chain — flagged for reallocation with a task to find a new owner; their open tasks move too, and
    /// handovers waiting on them are withdrawn so no case waits on someone who is not there.
    public func setAvailability(_ actor: Actor, userID: String, available asked: Bool?) async throws -> User {
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var user = try await tx.users.find(id: userID) else { throw DomainError.notFound(kind: "user", id: userID) }
            guard actor.user.id == userID || user.supervisorID == actor.user.id || actor.role.can(.manageCases) || actor.role.can(.manageUsers) else {
                throw DomainError.forbidden("Only the user, their supervisor, a sergeant, a DA specialist or an administrator can mark them away.")
            }
            guard let available = asked else { throw DomainError.invalid([FieldError("available", "is required: true or false.")]) }
            try await tx.users.setAvailability(userID: userID, available: available)
            user.available = available
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .setAvailability, recordType: "user", recordID: userID,
                    detail: available ? "available" : "away"))
            if !available { try await moveWorkOfAwayUser(tx, user, by: actor.user.username, at: now) }
            return user
        }
    }

    /// Sets or clears who a user reports to (rule 20: late work escalates to them, and they cover the user's cases when
    /// the user is away). An administrator does it (`by`), or the operator at the command line and the demo (nil).
    /// A chain that would come back round to the user is refused: escalation and cover walk up the chain, and a loop
    /// would hand an away user's cases back to them, or to no one who is there.
    @discardableResult
    public func setSupervisor(userID: String, supervisorID: String?, by actor: Actor?) async throws -> User {
        if let actor { try actor.require(.manageUsers) }
        let now = clock.now()
        return try await repositories.transaction { tx in
            // One read of every account answers all three questions: the user, the supervisor, and the chain above.
            let users = Dictionary(try await tx.users.all().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            guard var user = users[userID] else { throw DomainError.notFound(kind: "user", id: userID) }
            if let supervisorID {
                guard supervisorID != userID, users[supervisorID] != nil else {
                    throw DomainError.invalid([FieldError("supervisor", "Choose another existing user as supervisor.")])
                }
                var above: String? = supervisorID
                var seen: Set<String> = []
                while let next = above, seen.insert(next).inserted {
                    if next == userID {
                        throw DomainError.invalid([
                            FieldError("supervisor", "That user already reports to this one, directly or through others: choose someone above them both.")
                        ])
                    }
                    above = users[next]?.supervisorID
                }
            }
            try await tx.users.setSupervisor(userID: userID, supervisorID: supervisorID)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor?.user, action: .setSupervisor, recordType: "user", recordID: userID, detail: "supervisor=\(supervisorID ?? "none")"))
            user.supervisorID = supervisorID
            return user
        }
    }

    private func moveWorkOfAwayUser(_ tx: any RepositoryTransaction, _ user: User, by username: String, at now: Date) async throws {
        // Offers waiting on them are withdrawn whatever happens next: no case waits on someone who is not there.
        for var offered in try await tx.cases.offered(to: user.id) {
            offered.pendingHandover = nil
            _ = try await tx.cases.save(offered)
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: offered.id, kind: .handoverDeclined, fromUserID: offered.owner.id,
                    toUserID: user.id, byUsername: username, at: now, note: "\(user.displayName) is away"))
        }
        let users = try await usersByID(tx)
        guard let cover = CaseAllocationRules.cover(for: user, users: users) else { return }
        for var owned in try await tx.cases.owned(by: user.id) {
            owned.owner = CaseUser(cover)
            owned.needsReallocation = true
            if owned.pendingHandover?.to.id == cover.id { owned.pendingHandover = nil }
            _ = try await tx.cases.save(owned)
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: owned.id, kind: .reallocatedOwnerAway, fromUserID: user.id,
                    toUserID: cover.id, byUsername: username, at: now, note: "\(user.displayName) is away"))
            try await createTask(
                tx,
                CaseTask(
                    id: Self.newID(at: now), caseID: owned.id, incidentID: owned.incidentIDs.last, kind: .reallocateCase,
                    title: "\(owned.reference): \(user.displayName) is away — give this case a new owner or keep it",
                    owner: CaseUser(cover), dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600),
                    createdAt: now, source: "away:\(user.id)"), actor: nil, at: now)
            try await tx.audit.append(
                AuditEntry(at: now, user: nil, action: .reallocateCase, recordType: "case", recordID: owned.id, detail: "to=\(cover.username)"))
        }
        // An investigation is not the safeguarding owner's to take over: her case keeps its investigator's name on
        // record, and the supervisor is set a task to name a new one, which late escalates like any other (rule 20).
        for investigated in try await tx.cases.investigated(by: user.id) {
            try await createTask(
                tx,
                CaseTask(
                    id: Self.newID(at: now), caseID: investigated.id, incidentID: investigated.incidentIDs.last, kind: .nameInvestigator,
                    title: "\(investigated.reference): its investigator \(user.displayName) is away — name another",
                    owner: CaseUser(cover), dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600),
                    createdAt: now, source: "away:\(user.id)"), actor: nil, at: now)
        }
        for task in try await tx.tasks.open(for: user.id) {
            // Their own tasks move to cover; tasks escalated to them (Essex: the inspector on leave) are re-escalated to cover.
            let moved =
                task.owner.id == user.id
                ? try await tx.tasks.reassign(id: task.id, from: user.id, to: cover.id)
                : try await tx.tasks.reescalate(id: task.id, from: user.id, to: cover.id)
            if moved {
                try await tx.audit.append(
                    AuditEntry(at: now, user: nil, action: .reassignTask, recordType: "task", recordID: task.id, detail: "to=\(cover.username)"))
            }
        }
    }
}
