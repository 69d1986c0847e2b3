import Foundation

/// A crime's outcomes, and whether the case should be built without the victim's support.
public struct CrimeOutcomes: Sendable, Equatable, Codable {
    public var incidentID: String
    public var outcomes: [CrimeOutcome]
    /// Rule 27's evidence-led prosecution flag: she does not support action, but evidence exists to go on.
    public var evidenceLed: Bool
}

/// A caution waiting for its supervisor's review (rule 27).
public struct CautionReviewItem: Sendable, Equatable, Codable {
    public var task: CaseTask
    public var incidentID: String
    public var incidentReference: String
    public var outcome: CrimeOutcome?
}

extension SafeguardService {
    /// Records an outcome for a crime (rule 27) with its date and who decided. Restorative justice is refused for
    /// intimate-partner abuse and needs a supervisor for family abuse; a caution sets a review task for the recorder's
    /// supervisor (the review queue), on the victim's case.
    public func recordOutcome(_ actor: Actor, incidentID: String, draft: OutcomeDraft) async throws -> CrimeOutcome {
        try actor.require(.recordCustody)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let incident = try await tx.incidents.find(id: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            let checked = try OutcomeRules.check(draft, isCrime: incident.isCrime, relationship: incident.relationship, actor: actor, now: now)
            var suspectID = incident.suspects.first?.personID
            if let chosen = trimmedNonEmpty(draft.suspectPersonID) {
                guard incident.suspects.contains(where: { $0.personID == chosen }) else {
                    throw DomainError.invalid([FieldError("suspect_person_id", "Choose one of this incident's suspects.")])
                }
                suspectID = chosen
            }
            let outcome = CrimeOutcome(
                id: Self.newID(at: now), incidentID: incidentID, suspectPersonID: suspectID, kind: checked.kind,
                decidedOn: checked.decidedOn, decidedBy: checked.decidedBy, reason: checked.reason,
                authorisedBy: checked.authorisedBy, recordedBy: actor.user.username, recordedAt: now)
            try await tx.outcomes.create(outcome, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordOutcome, recordType: "incident", recordID: incidentID,
                    detail: checked.kind.rawValue))
            if checked.needsSupervisorReview, let found = try await tx.cases.forIncident(incidentID).first {
                let users = try await usersByID(tx)
                // Never the person who recorded it; with nobody else to review it, the recording is refused.
                guard let reviewer = CaseAllocationRules.cover(for: users[actor.user.id] ?? actor.user, users: users), reviewer.id != actor.user.id else {
                    throw DomainError.conflict("Nobody is available to review a caution you record; ask a supervisor to record it.")
                }
                try await createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: found.id, incidentID: incidentID, kind: .cautionReview,
                        title: "\(incident.reference): a caution for a domestic abuse crime — review whether it was right",
                        owner: CaseUser(reviewer), dueAt: WorkingCalendar(policy: policy).adding(workingDays: 2, to: now),
                        createdAt: now, source: "outcome:\(outcome.id)"), actor: actor, at: now)
            }
            return outcome
        }
    }

    /// A crime's outcomes, oldest first, with the evidence-led flag.
    /// Audited as a read of the incident (the outcome names the suspect and why he was charged or not), with the
    /// reason roles that look back must give.
    public func outcomes(_ actor: Actor, incidentID: String, reason: String? = nil) async throws -> CrimeOutcomes {
        try await recordingRefusal(actor, .viewOutcomes, recordType: "incident", recordID: incidentID, reason: reason) {
            try actor.require(.viewIncident)
            let why = try statedReason(actor, reason)
            let now = clock.now()
            return try await readAudited(
                { tx in
                    guard try await tx.incidents.find(id: incidentID) != nil else { throw DomainError.notFound(kind: "incident", id: incidentID) }
                    return CrimeOutcomes(
                        incidentID: incidentID, outcomes: try await tx.outcomes.forIncidents([incidentID]),
                        evidenceLed: OutcomeRules.evidenceLed(try await tx.scenes.find(incidentID: incidentID)))
                },
                audit: { found in
                    AuditEntry(
                        at: now, user: actor.user, action: .viewOutcomes, recordType: "incident", recordID: incidentID, reason: why,
                        detail: "outcomes=\(found.outcomes.count)")
                })
        }
    }

    /// The cautions waiting for this supervisor's review: their own caution-review tasks (or ones escalated to them).
    public func cautionQueue(_ actor: Actor) async throws -> [CautionReviewItem] {
        try actor.require(.reviewRisk)
        return try await repositories.read { tx in
            var items: [CautionReviewItem] = []
            for task in try await tx.tasks.open(for: actor.user.id) where task.kind == .cautionReview {
                guard let incidentID = task.incidentID, let incident = try await tx.incidents.find(id: incidentID) else { continue }
                let outcome = try await tx.outcomes.forIncidents([incidentID]).last { $0.kind == .caution }
                items.append(CautionReviewItem(task: task, incidentID: incidentID, incidentReference: incident.reference, outcome: outcome))
            }
            return items
        }
    }
}
