import Foundation

/// One task a trigger puts on a victim's case (issue 5 part 2), before it has an id or an owner.
public struct TriggeredTask: Sendable, Equatable {
    public var kind: CaseTask.Kind
    public var title: String
    public var dueAt: Date
    /// For the case's investigator (its owner when none is named) rather than its owner.
    public var forInvestigator = false
}

/// What each event sets off on a victim's case (rule 18), with deadlines from policy, on a fixed clock. Each trigger
/// has a `source` naming the event that set it off; the store records each (source, case, task kind) once, so an
/// event delivered twice — or a clock that looks at the same order twice — never fires twice.
public enum TriggerRules {
    // MARK: Custody and court

    public static func source(custody event: CustodyEvent) -> String { "custody:\(event.id)" }

    /// Deadlines run from when the event happened, not when it was typed in: a release recorded two days late is
    /// already late, and shows so, instead of getting fresh deadlines.
    ///
    /// `caseIsThisMatter`: whether the case is that of a victim of the event's incident. His release puts every victim
    /// of his at risk, so every one of their cases is reassessed and she is told; but his arrest, charge or sentence
    /// for what he did to another woman is that woman's to be told, not his other victims' (it would tell them of
    /// her case).
    public static func tasks(
        for event: CustodyEvent, caseReference: String, policy: ForcePolicy, now recordedAt: Date,
        caseIsThisMatter: Bool = true
    ) -> [TriggeredTask] {
        guard caseIsThisMatter || event.kind.isRelease || event.kind == .prisonReleaseExpected else { return [] }
        var tasks: [TriggeredTask] = []
        let what = event.kind.label.lowercased()
        let now = min(event.at, recordedAt)
        if event.kind.reopensRisk {
            tasks += reassessAndReview(caseReference, because: "suspect \(what)", policy: policy, now: now)
        }
        if event.kind == .prisonReleaseExpected {
            // Weeks ahead, not the morning of: the plan must be ready before he is out.
            let ahead = event.at.addingTimeInterval(-Double(policy.prisonReleaseNoticeDays) * 86_400)
            let due = max(recordedAt, ahead)
            tasks.append(
                TriggeredTask(kind: .safetyPlanReview, title: "\(caseReference): suspect due out of prison — review the safety plan before release", dueAt: due)
            )
            tasks.append(TriggeredTask(kind: .tellVictim, title: "\(caseReference): tell the victim the expected prison release date", dueAt: due))
        }
        if event.kind.victimMustBeTold {
            let conditions = event.kind.needsConditions ? " and the bail conditions" : ""
            tasks.append(tell(caseReference, "suspect \(what)\(conditions)", policy: policy, now: now))
        }
        return tasks
    }

    // MARK: Orders and bail conditions (rule 25)

    public static func source(orderEvent event: OrderEvent) -> String { "order:\(event.id)" }

    /// An order made, served, varied, breached or ended. A notice also needs its court hearing booked within 48 hours.
    /// Bail conditions are made from the custody record, whose own triggers already tell the victim.
    public static func tasks(forOrder order: ProtectiveOrder, event: OrderEvent, caseReference: String, policy: ForcePolicy, now: Date) -> [TriggeredTask] {
        let name = order.kind.label.lowercased()
        switch event.kind {
        case .made:
            guard !order.kind.isBail else { return [] }
            var tasks = [
                review(caseReference, because: "\(name) made", policy: policy, now: now),
                tell(caseReference, "\(name) made: its terms, and to call 999 if he breaks them", policy: policy, now: now)
            ]
            if order.kind.isNotice {
                tasks.append(
                    TriggeredTask(
                        kind: .bookCourtHearing,
                        title: "\(caseReference): put the \(name) before magistrates — the hearing must be within \(policy.noticeHearingHours) hours",
                        dueAt: (order.servedAt ?? event.at).addingTimeInterval(Double(policy.noticeHearingHours) * 3600)))
            }
            return tasks
        case .served, .hearingBooked:
            return [tell(caseReference, "\(name) \(event.kind.label.lowercased())", policy: policy, now: now)]
        case .varied:
            return [
                review(caseReference, because: "\(name) varied", policy: policy, now: now),
                tell(caseReference, "\(name) varied: the new terms and end date", policy: policy, now: now)
            ]
        case .breached:
            return reassessAndReview(caseReference, because: "\(name) breached", policy: policy, now: now)
                + [tell(caseReference, "\(name) breached, and what is being done", policy: policy, now: now)]
        case .possibleBreach:
            // Rule 25: an incident between them while the order is in force may be a breach — her risk is looked at
            // again at once, she is told, and the investigator looks into it (arrest for a breach is an offence's).
            return reassessAndReview(caseReference, because: "possible breach of the \(name)", policy: policy, now: now)
                + [
                    tell(caseReference, "a possible breach of the \(name), and what is being done", policy: policy, now: now),
                    TriggeredTask(
                        kind: .investigateBreach,
                        title: "\(caseReference): investigate a possible breach of the \(name) — confirm it (record the breach) or say why not",
                        dueAt: now.addingTimeInterval(Double(policy.reassessAfterReleaseHours) * 3600), forInvestigator: true)
                ]
        case .ended:
            return [
                review(caseReference, because: "\(name) ended", policy: policy, now: now),
                tell(caseReference, "\(name) has ended: she is no longer protected by it", policy: policy, now: now)
            ]
        }
    }

    public static func source(requirementDue requirement: OrderRequirement) -> String { "requirement-due:\(requirement.id)" }

    /// A DAPO's positive requirement past its due day with nobody having checked: find out whether he did it (not
    /// doing it is a breach). Nil while it is not yet due or once compliance is recorded.
    public static func requirementDueTasks(_ requirement: OrderRequirement, caseReference: String, now: Date) -> [TriggeredTask]? {
        guard requirement.overdue(on: CalendarDate.string(now)) else { return nil }
        return [
            TriggeredTask(
                kind: .checkRequirement,
                title: "\(caseReference): check whether he complied with the order's requirement — \(requirement.text) (due \(requirement.dueOn))",
                dueAt: now.addingTimeInterval(86_400), forInvestigator: true)
        ]
    }

    public static func source(ending order: ProtectiveOrder) -> String {
        TriggerKeys.spell(TriggerKeys.orderEnding, ["order_id": order.id, "ends_on": order.endsOn ?? ""])
    }

    /// An order or bail nearing its end: within `orderEndingNoticeDays` of the end date the plan is reviewed and the
    /// victim told, before the day she loses its protection. Nil while the end is further off (or the order has ended).
    public static func endingTasks(order: ProtectiveOrder, caseReference: String, policy: ForcePolicy, now: Date) -> [TriggeredTask]? {
        guard order.endedOn == nil, let ends = order.endsOn, let endDay = CalendarDate.date(ends) else { return nil }
        let today = CalendarDate.string(now)
        guard ends >= today, endDay.timeIntervalSince(now) <= Double(policy.orderEndingNoticeDays) * 86_400 else { return nil }
        let due = max(now.addingTimeInterval(3600), min(endDay, now.addingTimeInterval(Double(policy.reassessAfterReleaseHours) * 3600)))
        let name = order.kind.label.lowercased()
        return [
            TriggeredTask(kind: .safetyPlanReview, title: "\(caseReference): \(name) ends on \(ends) — review the safety plan", dueAt: due),
            TriggeredTask(kind: .tellVictim, title: "\(caseReference): tell the victim the \(name) ends on \(ends)", dueAt: due)
        ]
    }

    public static func source(noticeWithoutHearing order: ProtectiveOrder) -> String {
        TriggerKeys.spell(TriggerKeys.noticeWithoutHearing, ["order_id": order.id])
    }

    /// A DVPN or DAPN with no court hearing booked once `noticeHearingHours` have passed since it was made: the
    /// notice has lapsed and she is unprotected. Nil while there is still time, or once a hearing is booked.
    public static func noticeWithoutHearingTasks(order: ProtectiveOrder, madeAt: Date, caseReference: String, policy: ForcePolicy, now: Date)
        -> [TriggeredTask]?
    {
        guard order.kind.isNotice, order.hearingAt == nil, order.endedOn == nil,
            now >= madeAt.addingTimeInterval(Double(policy.noticeHearingHours) * 3600)
        else { return nil }
        return reassessAndReview(
            caseReference, because: "\(order.kind.label.lowercased()) has no court hearing after \(policy.noticeHearingHours) hours", policy: policy, now: now)
            + [tell(caseReference, "the notice has lapsed without a court hearing", policy: policy, now: now)]
    }

    // MARK: New incidents and patterns

    public static func source(incident incidentID: String) -> String { "incident:\(incidentID)" }

    /// A new incident on the victim's own open case (another call, perhaps from another address or about another
    /// suspect): her owner reviews the plan and reassesses with what is new.
    /// Rule 7: every DA incident's victim is assessed, crime or not. A new case starts with that task on its owner's
    /// list, due within the review clock's first hours, so an incident nobody assesses shows late and escalates.
    public static func firstAssessment(incidentReference: String, caseReference: String, policy: ForcePolicy, now: Date) -> [TriggeredTask] {
        [
            TriggeredTask(
                kind: .reassessRisk,
                title: "\(caseReference): assess the victim's risk for incident \(incidentReference) (every domestic abuse incident, crime or not)",
                dueAt: now.addingTimeInterval(Double(policy.reassessAfterReleaseHours) * 3600))
        ]
    }

    public static func newIncidentOnCase(incidentReference: String, caseReference: String, policy: ForcePolicy, now: Date) -> [TriggeredTask] {
        reassessAndReview(caseReference, because: "new incident \(incidentReference)", policy: policy, now: now)
    }

    /// The perpetrator named in a new incident with another victim, anywhere in the force: each earlier victim's risk
    /// is reassessed, because he is active again.
    public static func suspectInNewIncident(incidentReference: String, caseReference: String, policy: ForcePolicy, now: Date) -> [TriggeredTask] {
        [
            TriggeredTask(
                kind: .reassessRisk,
                title: "\(caseReference): the suspect is named in new incident \(incidentReference) with another victim — reassess her risk",
                dueAt: now.addingTimeInterval(Double(policy.reassessAfterReleaseHours) * 3600))
        ]
    }

    /// A repeat pattern on a case (fired under the new incident's source, its reassessment replacing the plain one) worked at standard or medium (or not yet assessed): `repeatPatternIncidents` or more
    /// incidents within `repeatPatternMonths` reopens the level (SafeLives' "potential escalation"). Nil below the threshold
    /// or on a high-risk case, which is already worked at the top.
    public static func repeatPattern(incidentDates: [Date], level: RiskLevel?, caseReference: String, policy: ForcePolicy, now: Date) -> [TriggeredTask]? {
        guard level != .high else { return nil }
        let start = Calendar.utc.date(byAdding: .month, value: -policy.repeatPatternMonths, to: now) ?? now
        let count = incidentDates.filter { $0 >= start && $0 <= now.addingTimeInterval(300) }.count
        guard count >= policy.repeatPatternIncidents else { return nil }
        return [
            TriggeredTask(
                kind: .reassessRisk,
                title:
                    "\(caseReference): \(count) incidents in \(policy.repeatPatternMonths) months on a \((level ?? .standard).rawValue)-risk case — reassess, and consider MARAC (potential escalation)",
                dueAt: now.addingTimeInterval(Double(policy.reassessAfterReleaseHours) * 3600))
        ]
    }

    // MARK: Quiet repeat victims (Lancashire recommendation 9)

    /// One quiet spell, and how many quiet periods into it: she is checked on once each period she stays unheard
    /// from (an unanswered check must not be the last anyone tries), and a new spell starts after she is reached.
    /// The store asks the same question in SQL (`quietCases`) from the same `TriggerKeys.quiet`: whole periods, in
    /// epoch seconds.
    public static func source(quiet caseID: String, lastContact: Date, now: Date, policy: ForcePolicy) -> String {
        let last = Int64(lastContact.timeIntervalSince1970.rounded(.down))
        let periods = (Int64(now.timeIntervalSince1970.rounded(.down)) - last) / Int64(policy.quietPeriodDays * 86_400)
        return TriggerKeys.spell(TriggerKeys.quiet, ["case_id": caseID, "last_seen": "\(last)", "periods": "\(periods)"])
    }

    /// A victim who has been a victim `quietCheckMinIncidents` times or more, whose open case has heard nothing from her
    /// — no incident, no contact in which she was reached — for longer than `quietPeriodDays`: someone finds out why,
    /// safely. Once per quiet period while the spell lasts; a new spell (after she is reached) starts afresh.
    public static func quietVictim(incidentCount: Int, lastContact: Date, caseReference: String, policy: ForcePolicy, now: Date) -> [TriggeredTask]? {
        let quietDays = Int(now.timeIntervalSince(lastContact) / 86_400)
        guard incidentCount >= policy.quietCheckMinIncidents, quietDays > policy.quietPeriodDays else { return nil }
        return [
            TriggeredTask(
                kind: .checkOnVictim,
                title:
                    "\(caseReference): a repeat victim (\(incidentCount) incidents) not heard from for \(quietDays) days — find out why, through her safe contact route",
                dueAt: WorkingCalendar(policy: policy).adding(workingDays: policy.victimNotificationWorkingDays + 2, to: now))
        ]
    }

    // MARK: The tasks triggers share

    static func reassessAndReview(_ caseReference: String, because: String, policy: ForcePolicy, now: Date) -> [TriggeredTask] {
        let due = now.addingTimeInterval(Double(policy.reassessAfterReleaseHours) * 3600)
        return [
            TriggeredTask(kind: .reassessRisk, title: "\(caseReference): \(because) — reassess the victim's risk", dueAt: due),
            TriggeredTask(kind: .safetyPlanReview, title: "\(caseReference): \(because) — review the safety plan", dueAt: due)
        ]
    }

    static func review(_ caseReference: String, because: String, policy: ForcePolicy, now: Date) -> TriggeredTask {
        TriggeredTask(
            kind: .safetyPlanReview, title: "\(caseReference): \(because) — review the safety plan",
            dueAt: now.addingTimeInterval(Double(policy.reassessAfterReleaseHours) * 3600))
    }

    /// A Victims' Code notification: within `victimNotificationWorkingDays` working days (weekends and bank holidays skipped).
    static func tell(_ caseReference: String, _ what: String, policy: ForcePolicy, now: Date) -> TriggeredTask {
        TriggeredTask(
            kind: .tellVictim, title: "\(caseReference): tell the victim — \(what)",
            dueAt: WorkingCalendar(policy: policy).adding(workingDays: policy.victimNotificationWorkingDays, to: now))
    }
}
