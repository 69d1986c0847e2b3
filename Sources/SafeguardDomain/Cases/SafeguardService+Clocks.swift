import Foundation

/// What one run of the clocks did.
public struct ClockRun: Sendable, Equatable, Codable {
    /// Overdue tasks escalated to the owner's supervisor by this run.
    public var escalated: Int = 0
    /// Tasks moved off owners who are away by this run.
    public var reassigned: Int = 0
    /// Tasks the date-driven triggers set by this run (orders ending, notices without a hearing, quiet victims).
    public var triggered: Int = 0
    /// Quiet repeat victims this run found (each once per quiet spell).
    public var quietVictims: Int = 0
    public init(escalated: Int = 0, reassigned: Int = 0, triggered: Int = 0, quietVictims: Int = 0) {
        self.escalated = escalated
        self.reassigned = reassigned
        self.triggered = triggered
        self.quietVictims = quietVictims
    }
}

extension SafeguardService {
    /// Fires the task clocks at the injected clock's time (rule 20): a task owned by someone away moves to whoever covers
    /// them; an overdue task is escalated to its owner's supervisor (up the chain to someone here), and if it is still
    /// not done `escalateAgainAfterHours` later, to theirs, and so on to the top of the chain. Each change is
    /// its own small transaction whose conditional update says whether this run made it, so several servers may run
    /// the clocks at once against PostgreSQL and no task is ever fired twice.
    @discardableResult
    public func runClocks(batch: Int = 500) async throws -> ClockRun {
        let now = clock.now()
        var run = ClockRun()
        // Who is here is read once per run: a change made during the run is seen by the next one, and the conditional
        // updates below still make each change at most once.
        let stale = now.addingTimeInterval(-Double(policy.escalateAgainAfterHours) * 3600)
        let (users, away, escalatedAway, overdue, ignored) = try await repositories.read { tx in
            (
                try await usersByID(tx), try await tx.tasks.ownedByUnavailable(limit: batch), try await tx.tasks.escalatedToUnavailable(limit: batch),
                try await tx.tasks.overdueUnescalated(at: now, limit: batch), try await tx.tasks.escalatedAndStillOpen(before: stale, limit: batch)
            )
        }
        // An escalation that reached someone now away goes on up (Essex: the patrol request in the inbox of an inspector on leave).
        for task in escalatedAway {
            let moved: Bool = try await repositories.transaction { tx in
                guard let holder = task.escalatedTo.flatMap({ users[$0.id] }), !holder.canTakeWork,
                    let cover = CaseAllocationRules.cover(for: holder, users: users),
                    try await tx.tasks.reescalate(id: task.id, from: holder.id, to: cover.id)
                else { return false }
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: nil, action: .escalateTask, recordType: "task", recordID: task.id,
                        detail: "to=\(cover.username) (escalated to someone away)"))
                return true
            }
            if moved { run.reassigned += 1 }
        }
        for task in away {
            let moved: Bool = try await repositories.transaction { tx in
                guard let owner = users[task.owner.id], !owner.canTakeWork, let cover = CaseAllocationRules.cover(for: owner, users: users),
                    try await tx.tasks.reassign(id: task.id, from: owner.id, to: cover.id)
                else { return false }
                try await tx.audit.append(
                    AuditEntry(at: now, user: nil, action: .reassignTask, recordType: "task", recordID: task.id, detail: "to=\(cover.username) (owner away)"))
                return true
            }
            if moved { run.reassigned += 1 }
        }
        // Escalations go a hundred to a transaction: each is still a conditional update that only one run can make.
        for chunk in stride(from: 0, to: overdue.count, by: 100).map({ Array(overdue[$0..<min($0 + 100, overdue.count)]) }) {
            run.escalated += try await repositories.transaction { tx in
                var count = 0
                for task in chunk {
                    guard let owner = users[task.owner.id], let supervisor = CaseAllocationRules.cover(for: owner, users: users),
                        try await tx.tasks.escalate(id: task.id, to: supervisor.id, at: now)
                    else { continue }
                    try await tx.audit.append(
                        AuditEntry(
                            at: now, user: nil, action: .escalateTask, recordType: "task", recordID: task.id,
                            detail: "to=\(supervisor.username); due \(TypedDateTime.format(task.dueAt))"))
                    count += 1
                }
                return count
            }
        }
        // Escalated and still not done a day later: up again, to the next supervisor in the chain (none above: it stays).
        for chunk in stride(from: 0, to: ignored.count, by: 100).map({ Array(ignored[$0..<min($0 + 100, ignored.count)]) }) {
            run.escalated += try await repositories.transaction { tx in
                var count = 0
                for task in chunk {
                    guard let holder = task.escalatedTo.flatMap({ users[$0.id] }), let above = CaseAllocationRules.cover(for: holder, users: users),
                        above.id != holder.id, above.id != task.owner.id,
                        try await tx.tasks.escalateFurther(id: task.id, from: holder.id, to: above.id, at: now)
                    else { continue }
                    try await tx.audit.append(
                        AuditEntry(
                            at: now, user: nil, action: .escalateTask, recordType: "task", recordID: task.id,
                            detail: "to=\(above.username) (escalated to \(holder.username) and still not done)"))
                    count += 1
                }
                return count
            }
        }
        try await runTriggerClocks(now: now, batch: batch, into: &run)
        // Rule 21: a MARAC action past its date is raised with the coordinator (Norfolk: actions never reported back).
        run.triggered += try await chaseMaracActions(now: now, batch: batch)
        // Rule 24: the cross-victim lists are found afresh each day, on the first run after midnight.
        _ = try await runDailyPerpetratorLists(now: now)
        return run
    }

    /// The triggers that fire on a date rather than an event (rules 18 and 25): an order or bail nearing its end, a
    /// notice with no court hearing after 48 hours, a repeat victim gone quiet. Each firing is keyed by its source, so
    /// a second server's clock, or the next run, finds it already fired.
    private func runTriggerClocks(now: Date, batch: Int, into run: inout ClockRun) async throws {
        let today = CalendarDate.string(now)
        let horizon = CalendarDate.string(now.addingTimeInterval(Double(policy.orderEndingNoticeDays) * 86_400))
        let quietSince = now.addingTimeInterval(-Double(policy.quietPeriodDays) * 86_400)
        let (ending, notices, quiet) = try await repositories.read { tx in
            (
                try await tx.orders.endingBetween(today, horizon, limit: batch),
                try await tx.orders.noticesWithoutHearing(madeBefore: now.addingTimeInterval(-Double(policy.noticeHearingHours) * 3600), limit: batch),
                try await tx.triggers.quietCases(minIncidents: policy.quietCheckMinIncidents, quietSince: quietSince, now: now, limit: batch)
            )
        }
        for order in ending {
            run.triggered += try await repositories.transaction { tx in
                var count = 0
                for found in try await openCases(tx, protectedBy: order) {
                    guard let tasks = TriggerRules.endingTasks(order: order, caseReference: found.reference, policy: policy, now: now) else { continue }
                    count += try await fire(tx, source: TriggerRules.source(ending: order), on: found, tasks: tasks, incidentID: order.incidentID, at: now)
                        .count
                }
                return count
            }
        }
        for order in notices {
            run.triggered += try await repositories.transaction { tx in
                var count = 0
                for found in try await openCases(tx, protectedBy: order) {
                    guard
                        let tasks = TriggerRules.noticeWithoutHearingTasks(
                            order: order, madeAt: order.servedAt ?? order.createdAt ?? now, caseReference: found.reference,
                            policy: policy, now: now)
                    else { continue }
                    count += try await fire(
                        tx, source: TriggerRules.source(noticeWithoutHearing: order), on: found, tasks: tasks, incidentID: order.incidentID, at: now
                    ).count
                }
                return count
            }
        }
        // Rule 25: a DAPO's positive requirement past its day with nobody having checked whether he did it.
        let dueRequirements = try await repositories.read { tx in try await tx.orders.pendingRequirements(dueBefore: today, limit: batch) }
        for requirement in dueRequirements {
            run.triggered += try await repositories.transaction { tx in
                guard let order = try await tx.orders.find(id: requirement.orderID), order.endedOn == nil else { return 0 }
                var count = 0
                for found in try await openCases(tx, protectedBy: order) {
                    guard let tasks = TriggerRules.requirementDueTasks(requirement, caseReference: found.reference, now: now) else { continue }
                    count += try await fire(
                        tx, source: TriggerRules.source(requirementDue: requirement), on: found, tasks: tasks, incidentID: order.incidentID, at: now
                    )
                    .count
                }
                return count
            }
        }
        for candidate in quiet {
            let count: Int = try await repositories.transaction { tx in
                guard let found = try await tx.cases.find(id: candidate.caseID), found.status == .open,
                    let tasks = TriggerRules.quietVictim(
                        incidentCount: candidate.incidentCount, lastContact: candidate.lastContact,
                        caseReference: found.reference, policy: policy, now: now)
                else { return 0 }
                return try await fire(
                    tx, source: TriggerRules.source(quiet: candidate.caseID, lastContact: candidate.lastContact, now: now, policy: policy), on: found,
                    tasks: tasks, incidentID: nil, at: now
                ).count
            }
            run.triggered += count
            if count > 0 { run.quietVictims += 1 }
        }
    }
}
