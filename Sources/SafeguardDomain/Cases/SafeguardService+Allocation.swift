import Foundation

/// The reallocation queue: open cases waiting for a supervisor to give them an owner — those the history import brought
/// in (owned meanwhile by its account) and those moved from an owner who is away — with whom each could go to.
public struct AwaitingOwner: Sendable, Codable {
    public var cases: [SafeguardingCase]
    /// Who may be given a case now: here, and working cases.
    public var choices: [CaseUser]
    /// How many cases wait in all (the list shows the first `cases.count`, highest risk first).
    public var total: Int
}

extension CaseAllocationRules {
    /// Whether `user` may be given a case: here now, and in a role that works cases.
    public static func mayOwn(_ user: User) -> Bool { user.canTakeWork && user.role.can(.workCases) }
}

extension SafeguardService {
    /// The queue of cases waiting for an owner (rule 15: never a case without one). Sergeants and DA specialists work it.
    public func awaitingOwner(_ actor: Actor, limit: Int = 200) async throws -> AwaitingOwner {
        try actor.require(.manageCases)
        let now = clock.now()
        let (cases, total, users) = try await repositories.read { tx in
            (try await tx.cases.awaitingOwner(limit: limit), try await tx.cases.awaitingOwnerCount(), try await tx.users.all())
        }
        try await repositories.transaction { tx in
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewCase, recordType: "case", detail: "reallocation queue; shown=\(cases.count)"))
        }
        let visibility = Visibility(actor.role)
        return AwaitingOwner(
            cases: cases.map(visibility.safeguardingCase), choices: users.filter(CaseAllocationRules.mayOwn).map(CaseUser.init), total: total)
    }

    /// A supervisor gives a case waiting for an owner (or any open case) to a named colleague who is here and works
    /// cases. From this moment they own it; its reallocation task is done and the tasks that follow the owner move.
    public func allocateCase(_ actor: Actor, caseID: String, ownerID: String, expectedVersion: Int? = nil) async throws -> SafeguardingCase {
        try actor.require(.manageCases)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var found = try await tx.cases.find(id: caseID) else { throw DomainError.notFound(kind: "case", id: caseID) }
            try found.requireVersion(expectedVersion)
            guard found.status == .open else { throw DomainError.conflict("\(found.reference) is closed; a new incident reopens it.") }
            guard let owner = try await tx.users.find(id: ownerID), CaseAllocationRules.mayOwn(owner) else {
                throw DomainError.invalid([FieldError("owner_id", "Choose a colleague who is here and works cases.")])
            }
            let previous = found.owner
            found.owner = CaseUser(owner)
            found.needsReallocation = false
            if found.pendingHandover != nil { found.pendingHandover = nil }
            let saved = try await tx.cases.save(found)
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: caseID, kind: .allocated, fromUserID: previous.id, toUserID: owner.id,
                    byUsername: actor.user.username, at: now, note: "Allocated by \(actor.user.displayName)"))
            for task in try await tx.tasks.forCase(caseID) where task.completedAt == nil {
                if task.kind == .reallocateCase {
                    _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: "Case allocated to \(owner.displayName).")
                } else if task.kind.followsCaseOwner && task.owner.id == previous.id {
                    _ = try await tx.tasks.reassign(id: task.id, from: previous.id, to: owner.id)
                }
            }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .allocateCase, recordType: "case", recordID: caseID, detail: "to=\(owner.username)"))
            return Visibility(actor.role).safeguardingCase(saved)
        }
    }
}
