import Foundation

/// One task a trigger puts on a victim's case (issue 5 part 2), before it has an id or an owner.
public struct TriggeredTask: Sendable, Equatable {
    public var kind: CaseTask.Kind
    public var title: String
    public var dueAt: Date
}

/// What a custody event sets off on each victim's case, with deadlines from policy, on a fixed clock. The same event
/// and case always give the same tasks, and the store records each (event, case, kind) once, so a trigger delivered
/// twice never fires twice.
public enum TriggerRules {
    public static func tasks(for event: CustodyEvent, caseReference: String, policy: ForcePolicy, now: Date) -> [TriggeredTask] {
        var tasks: [TriggeredTask] = []
        let calendar = WorkingCalendar(policy: policy)
        let what = event.kind.label.lowercased()
        if event.kind.isRelease {
            let due = now.addingTimeInterval(Double(policy.reassessAfterReleaseHours) * 3600)
            tasks.append(TriggeredTask(kind: .reassessRisk, title: "\(caseReference): suspect \(what) — reassess the victim's risk", dueAt: due))
            tasks.append(TriggeredTask(kind: .safetyPlanReview, title: "\(caseReference): suspect \(what) — review the safety plan", dueAt: due))
        }
        if event.kind == .prisonReleaseExpected {
            // Weeks ahead, not the morning of: the plan must be ready before he is out.
            let ahead = event.at.addingTimeInterval(-Double(policy.prisonReleaseNoticeDays) * 86_400)
            let due = max(now, ahead)
            tasks.append(TriggeredTask(kind: .safetyPlanReview, title: "\(caseReference): suspect due out of prison — review the safety plan before release", dueAt: due))
            tasks.append(TriggeredTask(kind: .tellVictim, title: "\(caseReference): tell the victim the expected prison release date", dueAt: due))
        }
        if event.kind.victimMustBeTold {
            let conditions = event.kind.needsConditions ? " and the bail conditions" : ""
            tasks.append(TriggeredTask(kind: .tellVictim, title: "\(caseReference): tell the victim — suspect \(what)\(conditions)",
                                       dueAt: calendar.adding(workingDays: policy.victimNotificationWorkingDays, to: now)))
        }
        return tasks
    }
}
