import Foundation

extension SafeguardService {
    /// The coordinator schedules a MARAC (rule 21): its area, date, chair, the agencies at the table. Every referral of
    /// its area waiting for a meeting joins its agenda; the coordinator is set the minutes, due
    /// `maracMinutesWorkingDays` after it.
    public func scheduleMaracMeeting(_ actor: Actor, draft: MaracMeetingDraft) async throws -> MaracMeeting {
        try actor.require(.runMarac)
        let now = clock.now()
        let checked = try MaracMeetingRules.check(draft)
        let policy = policy
        return try await repositories.transaction { tx in
            let areaID = try MaracMeetingRules.area(code: draft.area, own: actor.user.areaID, areas: try await tx.areas.all())
            let meeting = MaracMeeting(
                id: Self.newID(at: now), heldOn: checked.heldOn, chair: checked.chair, agencies: checked.agencies, scheduledBy: actor.user.username,
                scheduledAt: now, areaID: areaID)
            try await tx.marac.createMeeting(meeting, byUserID: actor.user.id)
            let waiting = try await tx.marac.waitingReferrals(before: now).filter { MaracMeetingRules.hears($0, at: meeting) }
            let heard = try await tx.marac.placeOnAgenda(meetingID: meeting.id, referralIDs: waiting.map(\.id))
            try await self.createTask(
                tx,
                CaseTask(
                    id: Self.newID(at: now), caseID: nil, incidentID: nil, kind: .sendMaracMinutes,
                    title: "Send the minutes of the MARAC on \(meeting.heldOn)", owner: CaseUser(actor.user),
                    dueAt: Self.minutesDue(meeting, policy: policy), createdAt: now, source: Self.minutesSource(meeting.id)),
                actor: actor, at: now)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .scheduleMarac, recordType: "marac_meeting", recordID: meeting.id,
                    detail: "held=\(meeting.heldOn); cases=\(heard)"))
            return meeting
        }
    }

    /// Meetings, newest first (the coordinator's list).
    public func maracMeetings(_ actor: Actor) async throws -> [MaracMeeting] {
        if actor.role == .partnerAgency {
            // A partner sees the meetings its agency sits at, to read and add to the research before the day.
            guard actor.user.agency != nil else { throw DomainError.forbidden("A partner account names its agency.") }
            return try await repositories.read { tx in try await tx.marac.meetings(limit: 100) }.filter { MaracMeetingRules.mayRead($0, actor) }
        }
        try actor.require(.viewMaracReferrals)
        return try await repositories.read { tx in try await tx.marac.meetings(limit: 100) }
    }

    /// A meeting with its agenda and research, the unfinished actions it opens with, its actions and outcomes (audited).
    /// A partner account of an agency at the table reads it too: the research is shared with the members before the
    /// meeting (Essex), and only with them.
    public func maracMeeting(_ actor: Actor, meetingID: String) async throws -> MaracMeetingView {
        guard MaracMeetingRules.mayReadAny(actor.role) else { throw DomainError.forbidden("The MARAC's meetings are for the agencies at its table.") }
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let meeting = try await tx.marac.meeting(id: meetingID) else { throw DomainError.notFound(kind: "MARAC meeting", id: meetingID) }
            guard MaracMeetingRules.mayRead(meeting, actor) else {
                throw DomainError.forbidden("This meeting's papers are for the agencies at its table.")
            }
            let referrals = try await self.maskedResearch(tx, try await tx.marac.agenda(meetingID: meetingID), visibility: Visibility(actor.role))
            let outcomes = try await tx.marac.outcomes(meetingID: meetingID)
            // Norfolk: actions never reported back. Every action still open from an earlier meeting of this MARAC opens this one.
            let carried = try await tx.marac.openActions(heldBefore: meeting.heldOn, caseIDs: nil).filter {
                MaracMeetingRules.sameMarac($0.meetingAreaID, meeting.areaID)
            }
            let notes = Dictionary(grouping: try await tx.marac.research(meetingID: meetingID), by: \.caseID)
            let view = MaracMeetingView(
                meeting: meeting,
                agenda: referrals.map { MaracAgendaItem(referral: $0, outcome: outcomes[$0.caseID], research: notes[$0.caseID] ?? []) },
                carried: carried, actions: try await tx.marac.actions(meetingID: meetingID),
                minutesDueOn: CalendarDate.string(Self.minutesDue(meeting, policy: self.policy)),
                attendance: try await tx.marac.attendance(meetingID: meetingID))
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewMaracMeeting, recordType: "marac_meeting", recordID: meetingID, detail: "cases=\(referrals.count)"))
            return view
        }
    }

    /// An action the meeting agreed for a case on its agenda: an agency at the table, a named owner, a due date.
    public func addMaracAction(_ actor: Actor, meetingID: String, draft: MaracActionDraft) async throws -> MaracAction {
        try actor.require(.runMarac)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let meeting = try await tx.marac.meeting(id: meetingID) else { throw DomainError.notFound(kind: "MARAC meeting", id: meetingID) }
            let checked = try MaracMeetingRules.check(draft, meeting: meeting)
            guard let item = try await tx.marac.agenda(meetingID: meetingID).first(where: { $0.caseID == trimmedNonEmpty(draft.caseID) }) else {
                throw DomainError.invalid([FieldError("case_id", "Choose a case on this meeting's agenda.")])
            }
            let action = MaracAction(
                id: Self.newID(at: now), meetingID: meetingID, caseID: item.caseID, caseReference: item.caseReference, agency: checked.agency,
                owner: checked.owner, description: checked.description, dueOn: checked.dueOn, status: .open, statusNote: nil,
                updatedBy: actor.user.username, updatedAt: now)
            try await tx.marac.addAction(action, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordMaracAction, recordType: "case", recordID: item.caseID,
                    detail: "action=\(action.id); agency=\(checked.agency.rawValue); due=\(checked.dueOn)"))
            return action
        }
    }

    /// What became of an action: done, not possible because circumstances changed, or not done (each but done says
    /// why). The coordinator, or a partner of the action's own agency, reports it back.
    public func setMaracActionStatus(_ actor: Actor, actionID: String, status raw: String?, note: String?) async throws -> MaracAction {
        guard MaracMeetingRules.mayEverReportBack(actor.role) else {
            throw DomainError.forbidden("Only the MARAC coordinator or the action's own agency reports it back.")
        }
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var action = try await tx.marac.action(id: actionID) else { throw DomainError.notFound(kind: "MARAC action", id: actionID) }
            guard MaracMeetingRules.mayReportBack(action, actor) else {
                throw DomainError.forbidden("Only the MARAC coordinator or the action's own agency reports it back.")
            }
            let (status, text) = try MaracMeetingRules.checkStatus(raw, note: note)
            action.status = status
            action.statusNote = text
            action.updatedBy = actor.user.username
            action.updatedAt = now
            try await tx.marac.updateAction(action)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordMaracAction, recordType: "case", recordID: action.caseID,
                    detail: "action=\(action.id); status=\(status.rawValue)"))
            return action
        }
    }

    /// What the meeting said of a case on its agenda. Rule 18: a MARAC outcome re-opens her plan — her case's owner is
    /// set a safety-plan review.
    public func recordMaracOutcome(_ actor: Actor, meetingID: String, caseID: String, summary raw: String?) async throws {
        try actor.require(.runMarac)
        guard let summary = trimmedNonEmpty(raw) else {
            throw DomainError.invalid([FieldError("summary", "Say what the meeting decided for her, so her case's owner can act on it.")])
        }
        if summary.count > 10_000 { throw DomainError.invalid([FieldError("summary", "must be 10,000 characters or fewer.")]) }
        let now = clock.now()
        let policy = policy
        try await repositories.transaction { tx in
            guard let meeting = try await tx.marac.meeting(id: meetingID) else { throw DomainError.notFound(kind: "MARAC meeting", id: meetingID) }
            guard try await tx.marac.agenda(meetingID: meetingID).contains(where: { $0.caseID == caseID }) else {
                throw DomainError.invalid([FieldError("case_id", "That case is not on this meeting's agenda.")])
            }
            guard try await tx.marac.outcomes(meetingID: meetingID)[caseID] == nil else {
                throw DomainError.conflict("The meeting's outcome for this case is already recorded.")
            }
            try await tx.marac.recordOutcome(meetingID: meetingID, caseID: caseID, summary: summary, by: actor.user.username, at: now)
            if let found = try await tx.cases.find(id: caseID), found.status == .open {
                try await self.createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: found.id, incidentID: nil, kind: .safetyPlanReview,
                        title: "Review the safety plan after the MARAC on \(meeting.heldOn)", owner: found.owner,
                        dueAt: now.addingTimeInterval(Double(policy.safetyPlanFirstReviewHours["high"] ?? 24) * 3600), createdAt: now,
                        source: "marac-outcome:\(meetingID):\(caseID)"),
                    actor: actor, at: now)
            }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .recordMaracOutcome, recordType: "case", recordID: caseID, detail: "meeting=\(meetingID)"))
        }
    }

    /// The minutes went out: the coordinator's task is done (once).
    public func sendMaracMinutes(_ actor: Actor, meetingID: String) async throws -> MaracMeeting {
        try actor.require(.runMarac)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard try await tx.marac.setMinutesSent(meetingID: meetingID, at: now), let meeting = try await tx.marac.meeting(id: meetingID) else {
                throw DomainError.conflict("No such meeting, or its minutes have already gone out.")
            }
            for task in try await tx.tasks.open(source: Self.minutesSource(meetingID)) {
                _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: "Minutes sent.")
            }
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .sendMaracMinutes, recordType: "marac_meeting", recordID: meetingID))
            return meeting
        }
    }

    /// The clocks chase every open action past its due date, once: a task for the coordinator who ran the meeting,
    /// naming the agency and owner (Norfolk: actions were not reported back). Returns how many were chased.
    func chaseMaracActions(now: Date, batch: Int) async throws -> Int {
        let today = CalendarDate.string(now)
        let (late, users) = try await repositories.read { tx in
            (try await tx.marac.unchasedOpenActions(dueBefore: today, limit: batch), try await tx.users.all())
        }
        guard !late.isEmpty else { return 0 }
        var chased = 0
        for action in late where action.overdue(on: today) {
            chased += try await repositories.transaction { tx in
                guard let meeting = try await tx.marac.meeting(id: action.meetingID),
                    let coordinator = users.first(where: { $0.username == meeting.scheduledBy }),
                    try await tx.marac.markChased(actionID: action.id, at: now)
                else { return 0 }
                try await self.createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: action.caseID, incidentID: nil, kind: .chaseMaracAction,
                        title: "Chase \(action.agency.label) (\(action.owner)) on \(action.caseReference): due \(action.dueOn) — \(action.description)",
                        owner: CaseUser(coordinator), dueAt: now.addingTimeInterval(86_400), createdAt: now, source: "marac-action:\(action.id)"),
                    actor: nil, at: now)
                return 1
            }
        }
        return chased
    }

    static func minutesDue(_ meeting: MaracMeeting, policy: ForcePolicy) -> Date {
        let held = CalendarDate.date(meeting.heldOn) ?? meeting.scheduledAt
        // The end of the working day the minutes fall due (17:00 on the force's clock).
        let due = WorkingCalendar(policy: policy).adding(workingDays: policy.maracMinutesWorkingDays, to: held)
        return Calendar.forceLocal.date(bySettingHour: 17, minute: 0, second: 0, of: due) ?? due
    }

    static func minutesSource(_ meetingID: String) -> String { "marac-minutes:\(meetingID)" }

    /// A member agency adds its own information to a case's research before the meeting (Essex): a partner account of
    /// an agency at the table, or the coordinator for an agency that sent it by other means.
    public func addMaracResearch(_ actor: Actor, meetingID: String, caseID: String, agency raw: String?, text: String?) async throws -> MaracResearchNote {
        guard MaracMeetingRules.mayEverAddResearch(actor.role) else {
            throw DomainError.forbidden("Research is added by the agencies at the meeting's table.")
        }
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let meeting = try await tx.marac.meeting(id: meetingID) else { throw DomainError.notFound(kind: "MARAC meeting", id: meetingID) }
            guard MaracMeetingRules.mayAddResearch(meeting, actor) else {
                throw DomainError.forbidden("Research is added by the agencies at the meeting's table.")
            }
            guard let body = trimmedNonEmpty(text) else { throw DomainError.invalid([FieldError("text", "Add what your agency knows about her and him.")]) }
            if body.count > 10_000 { throw DomainError.invalid([FieldError("text", "must be 10,000 characters or fewer.")]) }
            let agency: Agency
            if actor.role == .partnerAgency, let own = actor.user.agency {
                agency = own
            } else {
                var errors: [FieldError] = []
                guard let chosen: Agency = choice(raw, "agency", &errors, what: "whose information it is"), meeting.agencies.contains(chosen) else {
                    throw DomainError.invalid(errors.isEmpty ? [FieldError("agency", "That agency does not sit at this meeting.")] : errors)
                }
                agency = chosen
            }
            guard try await tx.marac.agenda(meetingID: meetingID).contains(where: { $0.caseID == caseID }) else {
                throw DomainError.invalid([FieldError("case_id", "That case is not on this meeting's agenda.")])
            }
            let note = MaracResearchNote(
                id: Self.newID(at: now), meetingID: meetingID, caseID: caseID, agency: agency, text: body, by: actor.user.displayName, at: now)
            try await tx.marac.addResearch(note, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordMaracAction, recordType: "case", recordID: caseID, detail: "research; agency=\(agency.rawValue)"))
            return note
        }
    }

    /// The coordinator records an agency's attendance, or its apologies and whether its information was sent; everyone at
    /// the table signs the confidentiality statement.
    public func recordMaracAttendance(
        _ actor: Actor, meetingID: String, agency raw: String?, kind: String?, attendee: String?, confidentialitySigned: Bool, informationSent: Bool
    ) async throws -> MaracAttendance {
        try actor.require(.runMarac)
        var errors: [FieldError] = []
        let agency: Agency? = choice(raw, "agency", &errors, what: "the agency")
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let (checkedKind, name) = try MaracMeetingRules.checkAttendance(
            kind: kind, attendee: attendee, signed: confidentialitySigned, informationSent: informationSent)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let meeting = try await tx.marac.meeting(id: meetingID) else { throw DomainError.notFound(kind: "MARAC meeting", id: meetingID) }
            guard let agency, meeting.agencies.contains(agency) else {
                throw DomainError.invalid([FieldError("agency", "That agency does not sit at this meeting.")])
            }
            let attendance = MaracAttendance(
                agency: agency, kind: checkedKind, informationSent: checkedKind == .attended || informationSent, attendee: name,
                confidentialitySigned: checkedKind == .attended && confidentialitySigned, recordedBy: actor.user.username, recordedAt: now)
            try await tx.marac.setAttendance(meetingID: meetingID, attendance)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordMaracAction, recordType: "marac_meeting", recordID: meetingID,
                    detail: "attendance; agency=\(agency.rawValue); \(checkedKind.rawValue)"))
            return attendance
        }
    }
}
