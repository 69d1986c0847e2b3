import Foundation

/// A no-arrest decision waiting for the sergeant (rule 11), as the review queue shows it.
public struct NoArrestItem: Sendable, Equatable, Codable {
    public var task: CaseTask
    public var incidentID: String
    public var incidentReference: String
    public var rationale: String
    public var officer: String
}

/// Both parties' histories side by side, when each accuses the other (rule 13).
public struct CounterAllegationView: Sendable, Equatable, Codable {
    public var incident: Incident
    /// The named victim and the named suspect, each with their history as the briefing gathers it.
    public var victim: BriefingPerson
    public var suspect: BriefingPerson
}

extension SafeguardService {
    /// Records what the officer found and did at the scene (rules 9–14), in one transaction: each child becomes a party
    /// to the incident with a children's social care referral task and, if they go to school, a school notification due
    /// before the next school day; the evidence checklist; the arrest decision, where no arrest of a known suspect for a
    /// recorded crime becomes a review task for the officer's sergeant; the interpreter, never a child; and each toolkit
    /// action chosen becomes an owned task on the victim's case.
    public func recordScene(_ actor: Actor, incidentID: String, draft: SceneDraft) async throws -> SceneRecord {
        try actor.require(.assessRisk)
        let now = clock.now()
        let valid = try SceneRules.check(draft, policy: policy, now: now)
        let policy = policy
        let childIDs = valid.children.map { _ in Self.newID(at: now) }
        return try await repositories.transaction { tx in
            guard let incident = try await tx.incidents.find(id: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            if try await tx.scenes.find(incidentID: incidentID) != nil {
                throw DomainError.conflict("The scene of \(incident.reference) is already recorded; add further actions on the victim's case.")
            }
            let officer = CaseUser(actor.user)
            let victimCase = try await tx.cases.forIncident(incidentID).first
            var children: [ChildAtScene] = []
            let today = CalendarDate.string(now)
            for (index, child) in valid.children.enumerated() {
                let (present, school): (Bool, String?) =
                    switch child {
                    case .existing(_, let p, let s): (p, s)
                    case .new(_, let p, let s): (p, s)
                    }
                let either: HouseholdRules.Either
                switch child {
                case .existing(let personID, _, _):
                    guard try await tx.people.find(id: personID) != nil else {
                        throw DomainError.invalid([FieldError("children[\(index)].person_id", "No person record with id \(personID).")])
                    }
                    either = .existing(personID)
                case .new(let draft, _, _): either = .new(draft)
                }
                // The child joins the victims' household (rule 9), so the next officer's briefing finds them.
                let person = try await linkChild(
                    tx, actor, either, newID: childIDs[index], adults: incident.victims.map(\.personID), role: .householdMember, from: today, note: nil,
                    at: now)
                try await tx.incidents.addParty(incidentID: incidentID, personID: person.id, role: .child)
                children.append(
                    ChildAtScene(personID: person.id, displayName: person.fullName, present: present, school: school, restricted: person.restricted))
                try await setChildTasks(
                    tx, actor, child: person, present: present, school: school, caseID: victimCase?.id, incidentID: incidentID, owner: officer,
                    at: now, policy: policy)
            }
            // Rule 14: whoever interpreted is never a child — not one recorded now, not a child party, not anyone under 18.
            if let interpreterID = valid.interpreter.personID {
                guard let party = incident.parties.first(where: { $0.personID == interpreterID }), let person = try await tx.people.find(id: interpreterID)
                else {
                    throw DomainError.invalid([
                        FieldError("interpreter_person_id", "Choose a person on this incident, or leave it empty for a professional interpreter.")
                    ])
                }
                if party.role == .child || children.contains(where: { $0.personID == interpreterID })
                    || SceneRules.isChild(dateOfBirth: person.dateOfBirth, at: now)
                {
                    throw DomainError.invalid([FieldError("interpreter_person_id", SceneRules.childInterpreterMessage)])
                }
            }
            let scene = SceneRecord(
                incidentID: incidentID, children: children, evidence: valid.evidence, victimSupportsAction: valid.victimSupportsAction,
                counterAllegation: valid.counterAllegation, arrest: valid.arrest, interpreter: valid.interpreter,
                safetyActions: valid.safetyActions, recordedBy: actor.user.username, recordedAt: now)
            try await tx.scenes.create(scene, byUserID: actor.user.id)
            try await tx.incidents.setCrime(incidentID: incidentID, isCrime: valid.arrest.crimeRecorded)
            if let classification = valid.crimeClassification {
                try await tx.incidents.classifyCrime(
                    incidentID: incidentID,
                    change: CrimeClassificationChange(from: nil, to: classification, reason: nil, by: actor.user.username, at: now),
                    byUserID: actor.user.id)
            }
            // Rule 15: a crime has its investigator beside the safeguarding owner; until one is named, a supervisor has
            // a task to name one (and late, it escalates like any other).
            if valid.arrest.crimeRecorded, let victimCase, victimCase.investigator == nil {
                let users = try await usersByID(tx)
                let supervisor = CaseAllocationRules.cover(for: users[actor.user.id] ?? actor.user, users: users) ?? actor.user
                try await createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: victimCase.id, incidentID: incidentID, kind: .nameInvestigator,
                        title: "\(victimCase.reference): a crime is recorded on \(incident.reference) — name its investigator",
                        owner: CaseUser(supervisor), dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600),
                        createdAt: now, source: "incident:\(incidentID)"), actor: actor, at: now)
            }
            if valid.arrest.needsRationale {
                let users = try await usersByID(tx)
                // The stored account, not the session's copy: the supervisor may have been set since sign-in.
                let officerNow = users[actor.user.id] ?? actor.user
                let sergeant = CaseAllocationRules.cover(for: officerNow, users: users) ?? actor.user
                try await createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: victimCase?.id, incidentID: incidentID, kind: .noArrestReview,
                        title: "Review the no-arrest decision on \(incident.reference)", owner: CaseUser(sergeant),
                        dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600), createdAt: now,
                        source: "incident:\(incidentID)"), actor: actor, at: now)
            }
            for action in valid.safetyActions {
                let task = CaseTask(
                    id: Self.newID(at: now), caseID: victimCase?.id, incidentID: incidentID, kind: .safetyAction, title: action,
                    owner: officer, dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600), createdAt: now,
                    source: "scene:\(incidentID)")
                try await createTask(tx, task, actor: actor, at: now)
                // Rule 12: the warning marker is set now, not left as a task to remember; its task is done by the save.
                if action == policy.toolkitWarningAction {
                    let covered = try await setSceneWarnings(tx, actor, incident: incident, at: now)
                    if covered > 0 {
                        _ = try await tx.tasks.complete(
                            id: task.id, at: now, by: actor.user.username,
                            outcome: "Warning marker in force on the address and the victim's phone numbers (\(covered) in all), set at the scene.")
                    }
                }
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordScene, recordType: "incident", recordID: incidentID,
                    detail:
                        "children=\(children.count); crime=\(valid.arrest.crimeRecorded); arrested=\(valid.arrest.arrested); actions=\(valid.safetyActions.count)"
                ))
            return Visibility(actor.role).scene(scene)
        }
    }

    /// Updates the evidence after the scene (rule 10): items gathered since, a counter-allegation made later, or a
    /// change in the victim's support for police action. The change and what it replaced are kept. When she withdraws
    /// her support for a recorded crime, the case becomes evidence-led: its investigator (or, until one is named, its
    /// owner) gets a task to build the case on the evidence still missing, and her owner a task to reassess her risk —
    /// a victim who withdraws may be under pressure from the suspect. One transaction, audited.
    public func updateEvidence(_ actor: Actor, incidentID: String, draft: EvidenceUpdateDraft) async throws -> SceneRecord {
        try actor.require(.workCases)
        let now = clock.now()
        let policy = policy
        return try await repositories.transaction { tx in
            guard let incident = try await tx.incidents.find(id: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            guard let scene = try await tx.scenes.find(incidentID: incidentID) else {
                throw DomainError.conflict("The scene of \(incident.reference) is not recorded yet: record the scene first.")
            }
            let checked = try EvidenceRules.check(draft, scene: scene, by: actor.user.username, at: now)
            try await tx.scenes.updateEvidence(checked.scene, change: checked.change, byUserID: actor.user.id)
            var tasks = 0
            if checked.supportWithdrawn, let victimCase = try await tx.cases.forIncident(incidentID).first {
                let due = now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600)
                let completeness = checked.scene.evidenceCompleteness
                if scene.arrest.crimeRecorded {
                    let missing =
                        completeness.missing.isEmpty
                        ? "every item is gathered; check it is enough without her statement"
                        : "still to get: \(completeness.missing.map(\.label).joined(separator: "; "))"
                    try await createTask(
                        tx,
                        CaseTask(
                            id: Self.newID(at: now), caseID: victimCase.id, incidentID: incidentID, kind: .evidenceLedCase,
                            title: "\(incident.reference): she no longer supports police action — build the case on the evidence (\(missing))",
                            owner: victimCase.investigator ?? victimCase.owner, dueAt: due, createdAt: now,
                            source: "evidence:\(incidentID)"), actor: actor, at: now)
                    tasks += 1
                }
                try await createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: victimCase.id, incidentID: incidentID, kind: .reassessRisk,
                        title: "\(victimCase.reference): she has withdrawn support for police action — check she is safe and reassess her risk",
                        owner: victimCase.owner, dueAt: due, createdAt: now, source: "evidence:\(incidentID)"), actor: actor, at: now)
                tasks += 1
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .updateEvidence, recordType: "incident", recordID: incidentID,
                    detail: "changes=\(checked.change.changes.count); withdrawn=\(checked.supportWithdrawn); tasks=\(tasks)"))
            return Visibility(actor.role).scene(checked.scene)
        }
    }

    /// The scene record of an incident, if one was made: a read of the children's and the parties' details, audited
    /// as a read of the incident.
    public func scene(_ actor: Actor, incidentID: String, reason: String? = nil) async throws -> SceneRecord? {
        try await recordingRefusal(actor, .viewIncident, recordType: "incident", recordID: incidentID, reason: reason) {
            try actor.require(.viewIncident)
            let why = try statedReason(actor, reason)
            let now = clock.now()
            return try await readAudited(
                { tx in try await tx.scenes.find(incidentID: incidentID).map(Visibility(actor.role).scene) },
                audit: { _ in
                    AuditEntry(at: now, user: actor.user, action: .viewIncident, recordType: "incident", recordID: incidentID, reason: why, detail: "scene")
                })
        }
    }

    /// No-arrest decisions waiting for this supervisor (rule 11): the reviews set for them as the officer's
    /// supervisor, or escalated to them when the first supervisor let one run late; soonest due first. Another
    /// team's decisions are theirs to review (a supervisor covering may still close one from the task itself).
    public func noArrestQueue(_ actor: Actor) async throws -> [NoArrestItem] {
        try actor.require(.reviewRisk)
        return try await repositories.read { tx in
            var items: [NoArrestItem] = []
            for task in try await tx.tasks.open(for: actor.user.id) where task.kind == .noArrestReview {
                guard let incidentID = task.incidentID, let incident = try await tx.incidents.find(id: incidentID),
                    let scene = try await tx.scenes.find(incidentID: incidentID)
                else { continue }
                items.append(
                    NoArrestItem(
                        task: task, incidentID: incidentID, incidentReference: incident.reference,
                        rationale: scene.arrest.noArrestRationale ?? "", officer: scene.recordedBy))
            }
            return items
        }
    }

    /// Both parties' histories side by side (rule 13), from the briefing's own gathering. Audited as a briefing.
    public func counterAllegation(_ actor: Actor, incidentID: String, reason: String? = nil) async throws -> CounterAllegationView {
        let briefing = try await briefing(actor, incidentID: incidentID, reason: reason)
        guard let victim = briefing.people.first(where: { $0.role == .victim }), let suspect = briefing.people.first(where: { $0.role == .suspect }) else {
            throw DomainError.invalid([FieldError("incident", "Both a victim and a suspect must be named on the incident to compare them.")])
        }
        return CounterAllegationView(incident: briefing.incident, victim: victim, suspect: suspect)
    }
}
