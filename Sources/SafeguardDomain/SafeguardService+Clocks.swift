import Foundation

/// What one run of the clocks did.
public struct ClockRun: Sendable, Equatable, Codable {
    /// Overdue tasks escalated to the owner's supervisor by this run.
    public var escalated: Int = 0
    /// Tasks moved off owners who are away by this run.
    public var reassigned: Int = 0
    public init(escalated: Int = 0, reassigned: Int = 0) {
        self.escalated = escalated
        self.reassigned = reassigned
    }
}

extension SafeguardService {
    /// Fires the task clocks at the injected clock's time (rule 20): a task owned by someone away moves to whoever covers
    /// them; an overdue task is escalated, once, to its owner's supervisor (up the chain to someone here). Each change is
    /// its own small transaction whose conditional update says whether this run made it, so several servers may run
    /// the clocks at once against PostgreSQL and no task is ever fired twice.
    @discardableResult
    public func runClocks(batch: Int = 500) async throws -> ClockRun {
        let now = clock.now()
        var run = ClockRun()
        // Who is here is read once per run: a change made during the run is seen by the next one, and the conditional
        // updates below still make each change at most once.
        let (users, away, escalatedAway, overdue) = try await repositories.read { tx in
            (try await usersByID(tx), try await tx.tasks.ownedByUnavailable(limit: batch), try await tx.tasks.escalatedToUnavailable(limit: batch),
             try await tx.tasks.overdueUnescalated(at: now, limit: batch))
        }
        // An escalation that reached someone now away goes on up (Essex: the patrol request in the inbox of an inspector on leave).
        for task in escalatedAway {
            let moved: Bool = try await repositories.transaction { tx in
                guard let holder = task.escalatedTo.flatMap({ users[$0.id] }), !holder.canTakeWork,
                      let cover = CaseAllocationRules.cover(for: holder, users: users),
                      try await tx.tasks.reescalate(id: task.id, from: holder.id, to: cover.id) else { return false }
                try await tx.audit.append(AuditEntry(at: now, user: nil, action: .escalateTask, recordType: "task", recordID: task.id, detail: "to=\(cover.username) (escalated to someone away)"))
                return true
            }
            if moved { run.reassigned += 1 }
        }
        for task in away {
            let moved: Bool = try await repositories.transaction { tx in
                guard let owner = users[task.owner.id], !owner.canTakeWork, let cover = CaseAllocationRules.cover(for: owner, users: users),
                      try await tx.tasks.reassign(id: task.id, from: owner.id, to: cover.id) else { return false }
                try await tx.audit.append(AuditEntry(at: now, user: nil, action: .reassignTask, recordType: "task", recordID: task.id, detail: "to=\(cover.username) (owner away)"))
                return true
            }
            if moved { run.reassigned += 1 }
        }
        for task in overdue {
            let escalated: Bool = try await repositories.transaction { tx in
                guard let owner = users[task.owner.id], let supervisor = CaseAllocationRules.cover(for: owner, users: users),
                      try await tx.tasks.escalate(id: task.id, to: supervisor.id, at: now) else { return false }
                try await tx.audit.append(AuditEntry(at: now, user: nil, action: .escalateTask, recordType: "task", recordID: task.id,
                                                     detail: "to=\(supervisor.username); due \(ISO8601DateFormatter().string(from: task.dueAt))"))
                return true
            }
            if escalated { run.escalated += 1 }
        }
        return run
    }
}
