import Foundation

extension SafeguardService {
    /// The instrument officers complete under this force's policy.
    public func riskInstrument(_ id: String? = nil) throws -> RiskInstrument {
        try RiskInstruments.named(id ?? policy.riskInstrument)
    }

    /// Records a risk assessment for a victim of an incident (rules 7 and 8). Every question is answered afresh —
    /// nothing is copied from an earlier assessment — and the officer's judgement sets the level with a rationale.
    /// The level also goes to `risk_levels` for the briefing. One transaction, audited.
    public func recordRiskAssessment(_ actor: Actor, incidentID: String, draft: RiskAssessmentDraft) async throws -> RiskAssessment {
        try actor.require(.assessRisk)
        let instrument = try riskInstrument(trimmedNonEmpty(draft.instrumentID))
        let checked = try RiskAssessmentRules.check(draft, instrument: instrument)
        guard let victimID = trimmedNonEmpty(draft.victimPersonID) else {
            throw DomainError.invalid([FieldError("victim_person_id", "Say which victim this assessment is for.")])
        }
        let now = clock.now()
        var assessment = RiskAssessment(
            id: Self.newID(at: now), incidentID: incidentID, personID: victimID, instrumentID: instrument.id, instrumentVersion: instrument.version,
            answers: checked.answers, yesCount: checked.yesCount, level: checked.level, rationale: checked.rationale,
            flagReasons: [], assessedBy: actor.user.username, assessedAt: now)
        assessment.dipSample = LevelChangeRules.inDipSample(assessmentID: assessment.id, level: assessment.level, share: policy.dipSampleShare)
        let fresh = assessment
        return try await repositories.transaction { tx in
            guard let incident = try await tx.incidents.find(id: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            guard incident.victims.contains(where: { $0.personID == victimID }) else {
                throw DomainError.invalid([FieldError("victim_person_id", "That person is not a victim on \(incident.reference).")])
            }
            // Her case takes the level first, so the assessment is stored knowing the level it replaced.
            let (worked, previous) = try await applyLevel(
                tx, level: fresh.level, incidentID: incidentID, victimID: victimID, clockFrom: incident.occurredAt,
                reviewed: false, actor: actor, at: now, source: "assessment:\(fresh.id)")
            var stored = fresh
            if let lowered = LevelChangeRules.loweredByReassessment(stored.level, caseLevel: previous) { stored.flagReasons.append(lowered) }
            try await tx.assessments.create(stored, byUserID: actor.user.id)
            // Rules 16 and 17: the review is owed by a named person by a time, not merely queued.
            try await self.setReviewClocks(tx, actor, assessment: stored, caseID: worked.id, reference: incident.reference, at: now)
            // Rule 21: her level or her "yes" answers may now meet a MARAC criterion.
            try await self.setMultiAgencyTasks(tx, caseID: worked.id, actor: actor, at: now)
            // A fresh assessment of her answers every "assess / reassess her risk" task open on her case (the new
            // incident's, a release's, a breach's): they asked for exactly this.
            var answered = 0
            for task in try await tx.tasks.forCase(worked.id) where task.kind == .reassessRisk && task.completedAt == nil {
                if try await tx.tasks.complete(
                    id: task.id, at: now, by: actor.user.username,
                    outcome: "Risk assessed on \(incident.reference): \(stored.level.rawValue).")
                {
                    answered += 1
                }
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordRiskAssessment, recordType: "incident", recordID: incidentID,
                    detail:
                        "victim=\(victimID); level=\(checked.level.rawValue); yes=\(checked.yesCount); flagged=\(stored.flaggedForReview); tasks answered=\(answered)"
                ))
            return stored
        }
    }

    /// One line of a review queue: the assessment and where it came from.
    public struct ReviewItem: Sendable, Equatable, Codable {
        public var assessment: RiskAssessment
        public var incidentReference: String
        public var victimName: String
        /// When the review is due, who owes it, and whether it is late (rules 16 and 17: supervision has clocks).
        public var dueAt: Date?
        public var owedBy: CaseUser?
        public var overdue: Bool = false
    }

    /// The reviewer's queue (rule 16): for a sergeant every assessment not yet reviewed, flagged ones first; for a
    /// DA specialist the dip sample of standard-risk assessments (rule 17). Nothing caps how many are high risk.
    public func reviewQueue(_ actor: Actor, limit: Int = 200) async throws -> [ReviewItem] {
        try actor.require(.reviewRisk)
        let now = clock.now()
        let dip = actor.role == .daSpecialist
        return try await repositories.transaction { tx in
            var items: [ReviewItem] = []
            for assessment in try await tx.assessments.waiting(dipSample: dip, limit: limit) {
                let incident = try await tx.incidents.find(id: assessment.incidentID)
                let victim = incident?.parties.first { $0.personID == assessment.personID }
                let clock = try await tx.tasks.open(source: SupervisionClock.source(assessmentID: assessment.id)).first {
                    $0.kind == (dip ? .dipSampleReview : .reviewAssessment)
                }
                items.append(
                    ReviewItem(
                        assessment: assessment, incidentReference: incident?.reference ?? "",
                        victimName: victim.map { Visibility(actor.role).party($0).displayName } ?? "", dueAt: clock?.dueAt,
                        owedBy: clock.map { $0.escalatedTo ?? $0.owner }, overdue: clock.map { $0.state(at: now) == .overdue } ?? false))
            }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewReviewQueue, detail: "\(dip ? "dip sample" : "supervision") items=\(items.count)"))
            return items
        }
    }

    /// A sergeant's review, or a specialist's secondary assessment (rule 16): a note on quality, and optionally a
    /// new level set in place — no second form — with a reason that is never capacity. Every change is a recorded
    /// decision; a downgrade with no new information is flagged for scrutiny. The new level joins the risk history.
    public func reviewRiskAssessment(_ actor: Actor, assessmentID: String, draft: RiskReviewDraft) async throws -> RiskAssessment {
        try actor.require(.reviewRisk)
        let now = clock.now()
        let note = trimmedNonEmpty(draft.qualityNote)
        if let note, note.count > 2000 { throw DomainError.invalid([FieldError("quality_note", "must be 2,000 characters or fewer.")]) }
        return try await repositories.transaction { tx in
            guard var assessment = try await tx.assessments.find(id: assessmentID) else {
                throw DomainError.notFound(kind: "risk assessment", id: assessmentID)
            }
            // Supervision means a second pair of eyes: whoever made the assessment cannot be its reviewer.
            if assessment.assessedBy == actor.user.username {
                throw DomainError.forbidden("You made this assessment; another supervisor must review it.")
            }
            var decision: LevelDecision?
            if let change = try LevelChangeRules.check(
                draft, current: assessment.currentLevel, yesCount: assessment.yesCount,
                instrument: try riskInstrument(assessment.instrumentID))
            {
                decision = LevelDecision(
                    id: Self.newID(at: now), assessmentID: assessmentID, fromLevel: assessment.currentLevel, toLevel: change.level,
                    reason: change.reason, explanation: change.explanation, newInformation: change.newInformation,
                    flaggedForScrutiny: change.scrutiny, byUsername: actor.user.username, byRole: actor.role, at: now)
                assessment.currentLevel = change.level
                assessment.decisions.append(decision!)
            }
            let review = RiskReview(byUsername: actor.user.username, at: now, note: note)
            if actor.role == .daSpecialist { assessment.dipReview = review } else { assessment.review = review }
            try await self.stopReviewClock(
                tx, actor, assessmentID: assessmentID, kind: actor.role == .daSpecialist ? .dipSampleReview : .reviewAssessment,
                outcome: decision.map { "Reviewed: level \($0.fromLevel.rawValue) to \($0.toLevel.rawValue)." } ?? "Reviewed: level agreed.", at: now)
            try await tx.assessments.saveReview(assessment, newDecision: decision, byUserID: actor.user.id)
            // Only the victim's newest assessment sets her case's level: changing last month's must not undo tonight's.
            let newest = try await tx.assessments.newestID(forPerson: assessment.personID)
            var victimCase: SafeguardingCase?
            if let decision, newest == assessment.id, let incident = try await tx.incidents.find(id: assessment.incidentID) {
                victimCase = try await applyLevel(
                    tx, level: decision.toLevel, incidentID: incident.id, victimID: assessment.personID, clockFrom: now,
                    reviewed: true, actor: actor, at: now, source: "review:\(decision.id)"
                ).safeguardingCase
            }
            if let victimCase { try await self.setMultiAgencyTasks(tx, caseID: victimCase.id, actor: actor, at: now) }
            // Flagged for scrutiny means someone above the reviewer looks at it: a task for their supervisor, which
            // escalates like any other if nobody does.
            if let decision, decision.flaggedForScrutiny {
                let users = try await usersByID(tx)
                // Above the reviewer; failing a supervisor or another sergeant, a DA specialist — never the reviewer themself
                // unless nobody else at all can take it (then it stays visible, and late, on their own list).
                let scrutineer =
                    CaseAllocationRules.cover(for: users[actor.user.id] ?? actor.user, users: users)
                    ?? users.values.filter { $0.role == .daSpecialist && $0.canTakeWork && $0.id != actor.user.id }.min { $0.username < $1.username }
                    ?? actor.user
                let what = decision.newInformation == nil ? "with no new information" : "below high, though her answers meet the visible-high-risk count"
                try await createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: victimCase?.id, incidentID: assessment.incidentID, kind: .scrutiniseDowngrade,
                        title:
                            "\(victimCase?.reference ?? "Assessment \(assessment.id)"): \(actor.user.username) lowered her risk from \(decision.fromLevel.rawValue) to \(decision.toLevel.rawValue) \(what) — scrutinise the decision",
                        owner: CaseUser(scrutineer), dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600),
                        createdAt: now, source: "review:\(decision.id)"), actor: actor, at: now)
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .reviewRiskAssessment, recordType: "incident", recordID: assessment.incidentID,
                    reason: decision?.explanation,
                    detail: decision.map { "\($0.fromLevel.rawValue)→\($0.toLevel.rawValue) \($0.reason.rawValue)\($0.flaggedForScrutiny ? " scrutiny" : "")" }
                        ?? "agreed"))
            return assessment
        }
    }
}
