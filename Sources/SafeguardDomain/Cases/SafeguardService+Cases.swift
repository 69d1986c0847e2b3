import Foundation

/// Everything a case page shows: the case, its incidents, its tasks (the safety plan among them) and who has owned it.
public struct CaseView: Sendable, Equatable, Codable {
    public var safeguardingCase: SafeguardingCase
    public var incidents: [IncidentSummary]
    public var tasks: [CaseTask]
    public var events: [CaseOwnershipEvent]
    /// People who may be offered the case or named investigator (available users of working roles).
    public var colleagues: [CaseUser]
    /// What was recorded at the scene of each incident, by incident id: evidence completeness shows on the case (rule 10).
    public var scenes: [String: SceneRecord]
    /// Everything on the case in order: incidents, assessments and level decisions, scenes, custody, orders, owners,
    /// tasks, contacts and outcomes.
    public var timeline: [TimelineEntry]
    /// Orders protecting her or binding the case's suspects, with their history.
    public var orders: [ProtectiveOrder] = []
    /// Her safe route and who spoke to her last (rule 19).
    public var contacts: ContactLog = ContactLog(safeContact: nil, entries: [])
    public var outcomes: [CrimeOutcome] = []
    /// The children of her household today, with their own incidents and any risk noted for them (rule 9).
    public var household: [HouseholdChild] = []
    /// The MARAC criteria her record meets, her referrals and her repeat window (rule 21).
    public var marac: MaracCaseView?
    /// Her IDVA offers and the IDVAs who may be allocated (rule 22).
    public var idva: IdvaCaseView?
    /// Who the case is shared with, which groups, on what footing and until when (rule 23); newest first.
    public var shares: [CaseShare]?
}

/// "My cases, my tasks, due and overdue" (rule 15): one page per user.
public struct MyWork: Sendable, Equatable, Codable {
    public var user: User
    /// Open cases the user owns, high risk first; those moved to them because an owner is away are flagged.
    public var cases: [SafeguardingCase]
    /// Cases offered to the user and waiting for them to accept.
    public var offered: [SafeguardingCase]
    /// Open tasks the user owns or that were escalated to them, soonest due first.
    public var tasks: [CaseTask]
    /// The people the user supervises, so a supervisor can mark one away (and their work moves at once, rule 20).
    public var team: [User]
}

extension SafeguardService {
    // MARK: Called from other services, inside their transaction

    /// An incident with a victim opens that victim's case or joins the open one (rule 15), looking across every record
    /// confirmed to be the same person. A new case is allocated by risk — `allocationLevel` is the potential-high-risk
    /// flag or the victim's last known level — to an owner who is here.
    func joinOrOpenCase(
        _ tx: any RepositoryTransaction, victim: Person, linkedRecordIDs: [String], incidentID: String,
        allocationLevel: RiskLevel?, actor: Actor, at now: Date
    ) async throws -> (safeguardingCase: SafeguardingCase, joined: Bool) {
        if let open = try await tx.cases.openCase(forVictims: [victim.id] + linkedRecordIDs) {
            try await tx.cases.addIncident(caseID: open.id, incidentID: incidentID)
            return (open, true)
        }
        // Closed lately: the same story goes on, on the same case, with its owner and history.
        if let closed = try await tx.cases.latestClosedCase(forVictims: [victim.id] + linkedRecordIDs), let closedAt = closed.closedAt,
            CaseClosureRules.reopens(closedAt: closedAt, now: now, policy: policy)
        {
            return (try await reopenCase(tx, closed, incidentID: incidentID, actor: actor, at: now), true)
        }
        let users = try await tx.users.all()
        // Allocated where she lives (her current address's area), else where the call was taken.
        let areaID = CasePlacementRules.area(victimPostcode: victim.currentAddress?.postcode, current: actor.user.areaID, among: try await tx.areas.all())
        let owner = CaseAllocationRules.chooseOwner(
            level: allocationLevel, policy: policy, users: users,
            openCases: try await openCaseCounts(tx, users: users, level: allocationLevel, areaID: areaID),
            areaID: areaID, preferred: nil, fallback: actor.user)
        let reference = try await tx.cases.nextReference(year: Calendar.utc.component(.year, from: now))
        let opened = SafeguardingCase(
            id: Self.newID(at: now), reference: reference, victimPersonID: victim.id, victimName: victim.fullName,
            riskLevel: nil, owner: CaseUser(owner), openedAt: now, incidentIDs: [incidentID], areaID: areaID)
        try await tx.cases.create(opened, byUserID: actor.user.id)
        try await tx.cases.recordState(caseID: opened.id, open: true, level: nil, at: now)
        try await tx.cases.addEvent(
            CaseOwnershipEvent(
                id: Self.newID(at: now), caseID: opened.id, kind: .allocated, fromUserID: nil, toUserID: owner.id,
                byUsername: actor.user.username, at: now,
                note: "allocated as \((allocationLevel ?? .standard).rawValue) risk to a \(owner.role.title.lowercased())"))
        try await tx.audit.append(
            AuditEntry(at: now, user: actor.user, action: .openCase, recordType: "case", recordID: opened.id, detail: "owner=\(owner.username)"))
        return (opened, false)
    }

    /// A judged or reviewed level reaches the victim's case (rules 15 and 17): the case is worked at the new level; if
    /// that level belongs to another role, the case is offered to the best person of that role (the current owner keeps
    /// it until they accept); and the safety-plan review is scheduled, or brought forward, to the level's clock.
    /// `clockFrom` starts the review clock: the incident's time for an officer's assessment ("within 24 hours of the
    /// incident"), the moment of the decision for a reviewer's change of level.
    /// `reviewed`: a reviewer's decision, which may pass a lowered case on; an officer's own lower assessment may not.
    /// Returns her case as saved, and the level it held before.
    @discardableResult
    func applyLevel(
        _ tx: any RepositoryTransaction, level: RiskLevel, incidentID: String, victimID: String, clockFrom: Date, reviewed: Bool,
        actor: Actor, at now: Date, source: String
    ) async throws -> (safeguardingCase: SafeguardingCase, previousLevel: RiskLevel?) {
        // The victim's case may have been opened under another record confirmed to be her (her maiden name, say).
        let records = try await recordsOfSamePerson(tx, victimID)
        var found = try await tx.cases.forIncident(incidentID).first { records.contains($0.victimPersonID) }
        if found == nil { found = try await tx.cases.openCase(forVictims: records) }
        guard var current = found else {
            throw DomainError.conflict("No open safeguarding case for this victim; the level cannot be applied.")
        }
        let previous = current.riskLevel
        current.riskLevel = level
        let role = CaseAllocationRules.ownerRole(for: level, policy: policy)
        if current.owner.role != role && current.pendingHandover?.to.role != role
            && CaseAllocationRules.levelMovesOwnership(from: previous, to: level, reviewed: reviewed)
        {
            let users = try await tx.users.all()
            let chosen = CaseAllocationRules.chooseOwner(
                level: level, policy: policy, users: users,
                openCases: try await openCaseCounts(tx, users: users, level: level, areaID: actor.user.areaID),
                areaID: actor.user.areaID, preferred: actor.user, fallback: actor.user)
            if chosen.id != current.owner.id {
                // The offer is a task for the person offered, so an offer nobody answers is escalated like any late task.
                try await createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: current.id, incidentID: incidentID, kind: .reallocateCase,
                        title: "\(current.reference): \(level.rawValue) risk — accept or decline this case",
                        owner: CaseUser(chosen), dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600),
                        createdAt: now, source: source), actor: actor, at: now)
                current.pendingHandover = PendingHandover(
                    to: CaseUser(chosen), offeredBy: "system", offeredAt: now,
                    note: "Under force policy a \(level.rawValue)-risk case is owned by the role: \(role.title).")
                try await tx.cases.addEvent(
                    CaseOwnershipEvent(
                        id: Self.newID(at: now), caseID: current.id, kind: .handoverOffered, fromUserID: current.owner.id,
                        toUserID: chosen.id, byUsername: "system", at: now, note: "risk level \(level.rawValue)"))
            }
        }
        current = try await tx.cases.save(current)
        if previous != level {
            try await tx.cases.recordState(caseID: current.id, open: current.status == .open, level: level, at: now)
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: current.id, kind: .levelChanged, fromUserID: nil, toUserID: nil,
                    byUsername: actor.user.username, at: now, note: "\(previous?.rawValue ?? "not assessed") → \(level.rawValue) (\(source))"))
        }
        let due = TaskClockRules.firstReviewDue(level: level, incidentAt: clockFrom, policy: policy)
        if let review = try await tx.tasks.forCase(current.id).first(where: { $0.kind == .safetyPlanReview && $0.completedAt == nil }) {
            try await tx.tasks.bringForward(
                id: review.id, to: TaskClockRules.tightened(existingDue: review.dueAt, level: level, changedAt: clockFrom, policy: policy))
        } else {
            try await createTask(
                tx,
                CaseTask(
                    id: Self.newID(at: now), caseID: current.id, incidentID: incidentID, kind: .safetyPlanReview,
                    title: "Review the safety plan (\(level.rawValue) risk)", owner: current.owner, dueAt: due, createdAt: now,
                    source: source), actor: actor, at: now)
        }
        return (current, previous)
    }

    /// Caseloads of the users who could be chosen at `level` (see `CaseAllocationRules.candidates`).
    private func openCaseCounts(_ tx: any RepositoryTransaction, users: [User], level: RiskLevel?, areaID: String?) async throws -> [String: Int] {
        try await tx.cases.openCaseCounts(owners: CaseAllocationRules.candidates(level: level, policy: policy, users: users, areaID: areaID).map(\.id))
    }

    func createTask(_ tx: any RepositoryTransaction, _ task: CaseTask, actor: Actor?, at now: Date) async throws {
        try await tx.tasks.create(task, byUserID: actor?.user.id)
        try await tx.audit.append(
            AuditEntry(
                at: now, user: actor?.user, action: .createTask, recordType: "task", recordID: task.id,
                detail: "\(task.kind.rawValue) owner=\(task.owner.id) case=\(task.caseID ?? "-")"))
    }

    // MARK: Pages and API

    /// A case with its incidents, tasks and ownership history. Audited as a read of the victim's record.
    /// Open to those who work cases, and to roles that look back at records (analysts, auditors, MARAC) with a stated
    /// reason, which the audit keeps (rule 33); those see no colleagues to hand it to, as they cannot act on it.
    public func viewCase(_ actor: Actor, caseID: String, reason: String? = nil) async throws -> CaseView {
        try await recordingRefusal(actor, .viewCase, recordType: "case", recordID: caseID, reason: reason) {
            try await openCaseView(actor, caseID: caseID, reason: reason)
        }
    }

    private func openCaseView(_ actor: Actor, caseID: String, reason: String?) async throws -> CaseView {
        let works = actor.role.can(.workCases)
        let why = try caseReadReason(actor, reason)
        let now = clock.now()
        return try await readAudited(
            { tx in
                guard let found = try await tx.cases.find(id: caseID) else { throw DomainError.notFound(kind: "case", id: caseID) }
                // A role that works one area sees that area's cases (policy `areaScopedRoles`).
                if self.policy.seesOwnAreaOnly(actor.role) && found.areaID != actor.user.areaID {
                    throw DomainError.forbidden("You see your own area's cases: this one is in another area.")
                }
                let users = try await tx.users.all()
                // The case's own incidents, whichever of her records each was filed under.
                var records: [Incident] = []
                var incidents: [IncidentSummary] = []
                for incidentID in found.incidentIDs {
                    guard let incident = try await tx.incidents.find(id: incidentID),
                        let party = incident.parties.first(where: { $0.role == .victim }) ?? incident.parties.first
                    else { continue }
                    records.append(incident)
                    incidents.append(
                        IncidentSummary(
                            id: incident.id, reference: incident.reference, occurredAt: incident.occurredAt, channel: incident.channel,
                            relationship: incident.relationship, isCrime: incident.isCrime, role: party.role,
                            postcode: incident.address?.postcode, postcodeConfidential: incident.address?.confidential ?? false))
                }
                incidents.sort { $0.occurredAt > $1.occurredAt }
                var assessments: [RiskAssessment] = []
                for incident in records { assessments += try await tx.assessments.forIncident(incident.id) }
                let scenes = try await tx.scenes.forIncidents(found.incidentIDs)
                let custody = try await tx.custody.forSuspects(Array(Set(records.flatMap { $0.suspects.map(\.personID) })))
                let tasks = try await tx.tasks.forCase(caseID)
                let events = try await tx.cases.events(caseID: caseID)
                let victimRecords = try await recordsOfSamePerson(tx, found.victimPersonID)
                let suspects = Set(records.flatMap { $0.suspects.map(\.personID) })
                let orders = try await tx.orders.involving(victimRecords + suspects.sorted()).filter {
                    $0.protectedPersonID.map(victimRecords.contains) ?? suspects.contains($0.subjectPersonID)
                }
                let contacts = ContactLog(
                    safeContact: try await tx.contacts.safeContact(forPeople: victimRecords),
                    entries: try await tx.contacts.log(forPeople: victimRecords, limit: 200))
                let outcomes = try await tx.outcomes.forIncidents(found.incidentIDs)
                let timeline = CaseTimeline.entries(
                    incidents: records, assessments: assessments, scenes: Array(scenes.values), custody: custody,
                    events: events, tasks: tasks,
                    userNames: Dictionary(users.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first }),
                    orders: orders, contacts: contacts.entries, outcomes: outcomes)
                let view = CaseView(
                    safeguardingCase: found, incidents: incidents, tasks: tasks, events: events,
                    colleagues: users.filter { $0.canTakeWork && $0.role.can(.workCases) }.map(CaseUser.init),
                    scenes: scenes, timeline: timeline, orders: orders, contacts: contacts, outcomes: outcomes)
                // Rule 33: a restricted victim's details stay with the roles allowed to see them.
                let visibility = Visibility(actor.role)
                var visible = visibility.caseView(view)
                if !works { visible.colleagues = [] }
                // Her children name her as surely as her own name does: a restricted victim's household stays with the
                // roles that may see her (rule 33).
                let hers = try await tx.people.find(id: found.victimPersonID)
                if !(hers?.restricted ?? false) || visibility.seesRestricted {
                    visible.household = try await self.householdChildren(
                        tx, adults: victimRecords, today: CalendarDate.string(now), visibility: visibility, now: now)
                }
                if works {
                    let (facts, referrals) = try await self.maracFacts(tx, found, now: now)
                    visible.marac = self.maracView(
                        found, facts: facts, referrals: try await self.maskedResearch(tx, referrals, visibility: visibility), now: now)
                    visible.idva = try await self.idvaView(tx, found, users: users)
                    visible.shares = try await tx.shares.forCase(found.id)
                }
                return visible
            }, audit: { _ in AuditEntry(at: now, user: actor.user, action: .viewCase, recordType: "case", recordID: caseID, reason: why) })
    }

    /// Who may read a case: whoever works cases, and the roles that look back with a stated reason (the control room has
    /// no business in a case). Returns the reason to audit.
    func caseReadReason(_ actor: Actor, _ reason: String?) throws -> String? {
        if !actor.role.readsCases { try actor.require(.workCases) }
        return try statedReason(actor, reason)
    }

    /// The signed-in user's cases, offers and tasks.
    public func myWork(_ actor: Actor) async throws -> MyWork {
        try actor.require(.ownTasks)
        let now = clock.now()
        return try await readAudited(
            { tx in
                let user = try await tx.users.find(id: actor.user.id) ?? actor.user
                let team = try await tx.users.all().filter { $0.supervisorID == user.id && $0.active }.sorted { $0.displayName < $1.displayName }
                let visibility = Visibility(actor.role)
                return MyWork(
                    user: user, cases: try await tx.cases.owned(by: user.id).map(visibility.safeguardingCase),
                    offered: try await tx.cases.offered(to: user.id).map(visibility.safeguardingCase),
                    tasks: try await tx.tasks.open(for: user.id), team: team)
            }, audit: { work in AuditEntry(at: now, user: actor.user, action: .viewMyWork, detail: "cases=\(work.cases.count) tasks=\(work.tasks.count)") })
    }

    /// Offers a case to a named colleague (rule 15). The owner, or a sergeant or specialist, may offer; the case stays
    /// with its owner until the colleague accepts. Offering to someone away is refused: they could not accept.
    public func offerHandover(_ actor: Actor, caseID: String, toUserID: String, note: String?, expectedVersion: Int? = nil) async throws -> SafeguardingCase {
        try actor.require(.workCases)
        let now = clock.now()
        guard let note = trimmedNonEmpty(note), note.count <= 2000 else {
            throw DomainError.invalid([FieldError("note", "Say what the new owner needs to know (up to 2,000 characters).")])
        }
        return try await repositories.transaction { tx in
            guard var found = try await tx.cases.find(id: caseID), found.status == .open else { throw DomainError.notFound(kind: "open case", id: caseID) }
            try found.requireVersion(expectedVersion)
            guard CaseAllocationRules.mayHandOver(actor.user, found) else {
                throw DomainError.forbidden("Only the case owner, a sergeant or a DA specialist may offer this case to someone else.")
            }
            guard let to = try await tx.users.find(id: toUserID), to.role.can(.workCases) else {
                throw DomainError.invalid([FieldError("to_user_id", "Choose a colleague who can own cases.")])
            }
            guard to.canTakeWork else { throw DomainError.invalid([FieldError("to_user_id", "\(to.displayName) is marked away and cannot accept it.")]) }
            guard to.id != found.owner.id else { throw DomainError.invalid([FieldError("to_user_id", "\(to.displayName) already owns this case.")]) }
            found.pendingHandover = PendingHandover(to: CaseUser(to), offeredBy: actor.user.username, offeredAt: now, note: note)
            let saved = try await tx.cases.save(found)
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: caseID, kind: .handoverOffered, fromUserID: found.owner.id,
                    toUserID: to.id, byUsername: actor.user.username, at: now, note: note))
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .offerHandover, recordType: "case", recordID: caseID, detail: "to=\(to.username)"))
            return Visibility(actor.role).safeguardingCase(saved)
        }
    }

    /// The named colleague accepts: from this moment they own the case, and the owner's open review and
    /// reallocation tasks move with it. Nobody else can accept on their behalf.
    public func acceptHandover(_ actor: Actor, caseID: String) async throws -> SafeguardingCase {
        try actor.require(.workCases)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var found = try await tx.cases.find(id: caseID), let offer = found.pendingHandover else {
                throw DomainError.invalid([FieldError("case", "There is no handover waiting on this case.")])
            }
            guard offer.to.id == actor.user.id else {
                throw DomainError.forbidden("This case was offered to \(offer.to.displayName); only they can accept it.")
            }
            let previous = found.owner
            found.owner = offer.to
            found.pendingHandover = nil
            found.needsReallocation = false
            let saved = try await tx.cases.save(found)
            for task in try await tx.tasks.forCase(caseID)
            where task.completedAt == nil
                && (task.kind == .reallocateCase || (task.kind.followsCaseOwner && task.owner.id == previous.id))
            {
                if task.kind == .reallocateCase {
                    _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: "Case accepted by \(actor.user.displayName).")
                } else {
                    _ = try await tx.tasks.reassign(id: task.id, from: previous.id, to: offer.to.id)
                }
            }
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: caseID, kind: .handoverAccepted, fromUserID: previous.id,
                    toUserID: actor.user.id, byUsername: actor.user.username, at: now, note: offer.note))
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .acceptHandover, recordType: "case", recordID: caseID))
            return Visibility(actor.role).safeguardingCase(saved)
        }
    }

    /// The named colleague declines, with a reason; the owner keeps the case and sees why.
    public func declineHandover(_ actor: Actor, caseID: String, note: String?) async throws -> SafeguardingCase {
        try actor.require(.workCases)
        let now = clock.now()
        guard let note = trimmedNonEmpty(note), note.count <= 2000 else {
            throw DomainError.invalid([FieldError("note", "Say why you cannot take the case (up to 2,000 characters).")])
        }
        return try await repositories.transaction { tx in
            guard var found = try await tx.cases.find(id: caseID), let offer = found.pendingHandover else {
                throw DomainError.invalid([FieldError("case", "There is no handover waiting on this case.")])
            }
            guard offer.to.id == actor.user.id || actor.role.can(.manageCases) else {
                throw DomainError.forbidden("Only \(offer.to.displayName), a sergeant or a DA specialist can decline this handover.")
            }
            found.pendingHandover = nil
            let saved = try await tx.cases.save(found)
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: caseID, kind: .handoverDeclined, fromUserID: found.owner.id,
                    toUserID: offer.to.id, byUsername: actor.user.username, at: now, note: note))
            for task in try await tx.tasks.forCase(caseID) where task.completedAt == nil && task.kind == .reallocateCase && task.owner.id == offer.to.id {
                _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: "Declined: \(note)")
            }
            // Allocation follows risk (rule 15): if the level still needs another role, someone must find its owner.
            let needed = CaseAllocationRules.ownerRole(for: found.riskLevel, policy: policy)
            if found.riskLevel != nil, found.owner.role != needed {
                let users = try await usersByID(tx)
                let decliner = users[offer.to.id] ?? actor.user
                if let cover = CaseAllocationRules.cover(for: decliner, users: users) {
                    try await createTask(
                        tx,
                        CaseTask(
                            id: Self.newID(at: now), caseID: caseID, incidentID: found.incidentIDs.last, kind: .reallocateCase,
                            title: "\(found.reference): declined by \(offer.to.displayName) — find a \(needed.title) to own it",
                            owner: CaseUser(cover), dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600),
                            createdAt: now, source: "declined:\(offer.to.id)"), actor: actor, at: now)
                }
            }
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .declineHandover, recordType: "case", recordID: caseID))
            return Visibility(actor.role).safeguardingCase(saved)
        }
    }

    /// Names the investigator shown beside the owner when there is a crime (rule 15: investigation has its own owner).
    public func assignInvestigator(_ actor: Actor, caseID: String, investigatorID: String) async throws -> SafeguardingCase {
        try actor.require(.workCases)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var found = try await tx.cases.find(id: caseID) else { throw DomainError.notFound(kind: "case", id: caseID) }
            guard let investigator = try await tx.users.find(id: investigatorID), investigator.role == .investigator, investigator.canTakeWork else {
                throw DomainError.invalid([FieldError("investigator_id", "Choose an investigator who is not away.")])
            }
            guard CaseAllocationRules.mayNameInvestigator(actor.user, found, investigatorID: investigatorID) else {
                throw DomainError.forbidden("A sergeant or DA specialist names the investigator; an investigator may take on only a case that has none.")
            }
            let previous = found.investigator
            found.investigator = CaseUser(investigator)
            let saved = try await tx.cases.save(found)
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: caseID, kind: .investigatorAssigned, fromUserID: previous?.id,
                    toUserID: investigator.id, byUsername: actor.user.username, at: now, note: ""))
            for task in try await tx.tasks.forCase(caseID) where task.kind == .nameInvestigator && task.completedAt == nil {
                _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: "Investigator named: \(investigator.displayName).")
            }
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .assignInvestigator, recordType: "case", recordID: caseID))
            return Visibility(actor.role).safeguardingCase(saved)
        }
    }

    /// Adds an owned, dated action to the case's safety plan (rules 12 and 17). The action is a toolkit entry or the
    /// officer's own words; the owner must be here to do it.
    /// `dueAt` is typed (`2026-11-23T09:00`); left empty, the policy's `sceneActionDueHours` from now.
    public func addSafetyAction(_ actor: Actor, caseID: String, action: String?, ownerID: String?, dueAt typedDue: String?) async throws -> CaseTask {
        try actor.require(.workCases)
        let now = clock.now()
        var errors: [FieldError] = []
        var dueAt: Date?
        if let text = trimmedNonEmpty(typedDue) {
            dueAt = TypedDateTime.parse(text)
            if dueAt == nil { errors.append(FieldError("due_at", "\"\(text)\" is not a date and time like 2026-11-23T09:00.")) }
        }
        let text = trimmedNonEmpty(action)
        if text == nil { errors.append(FieldError("action", "Choose an action from the toolkit or describe one.")) }
        if let text, text.count > 500 { errors.append(FieldError("action", "must be 500 characters or fewer.")) }
        if let dueAt, dueAt <= now { errors.append(FieldError("due_at", "must be in the future.")) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let due = dueAt ?? now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600)
        return try await repositories.transaction { tx in
            guard let found = try await tx.cases.find(id: caseID), found.status == .open else { throw DomainError.notFound(kind: "open case", id: caseID) }
            let owner: User
            if let ownerID = trimmedNonEmpty(ownerID) {
                guard let chosen = try await tx.users.find(id: ownerID), chosen.role.can(.workCases) else {
                    throw DomainError.invalid([FieldError("owner_id", "Choose a colleague who can own actions.")])
                }
                owner = chosen
            } else {
                owner = actor.user
            }
            guard owner.canTakeWork else {
                throw DomainError.invalid([FieldError("owner_id", "\(owner.displayName) is marked away; choose someone who is here.")])
            }
            let task = CaseTask(
                id: Self.newID(at: now), caseID: caseID, incidentID: found.incidentIDs.last, kind: .safetyAction, title: text!,
                owner: CaseUser(owner), dueAt: due, createdAt: now, source: "safety plan")
            try await createTask(tx, task, actor: actor, at: now)
            return task
        }
    }

    /// Closes a task with what was done (or why not). Its owner, the person it was escalated to, or a sergeant or
    /// specialist may close it. Closing a safety-plan review schedules the next one under the case's level (rule 17).
    public func completeTask(_ actor: Actor, taskID: String, outcome: String?) async throws -> CaseTask {
        try actor.require(.ownTasks)
        let text = try TaskClockRules.checkOutcome(outcome)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let task = try await tx.tasks.find(id: taskID) else { throw DomainError.notFound(kind: "task", id: taskID) }
            try mayComplete(actor, task)
            // Rule 27: a caution is reviewed by a supervisor who did not record it.
            if task.kind == .cautionReview {
                try actor.require(.reviewRisk)
                if let incidentID = task.incidentID,
                    try await tx.outcomes.forIncidents([incidentID]).contains(where: {
                        "outcome:\($0.id)" == task.source && $0.recordedBy == actor.user.username
                    })
                {
                    throw DomainError.forbidden("You recorded this caution; another supervisor must review it.")
                }
            }
            // Rule 19: she is told through her safe route, and the log says how and when — or why not.
            if task.kind == .tellVictim {
                throw DomainError.invalid([FieldError("told", "Record whether the victim was told, how and when (or why not), on the task's own form.")])
            }
            // Rules 16 and 17: a review's task is done by the review itself, where the level can be changed in place.
            if task.kind == .reviewAssessment || task.kind == .dipSampleReview {
                throw DomainError.invalid([FieldError("outcome", "Review the assessment on the Reviews page: the review completes this task.")])
            }
            // Rule 21: a case that meets a criterion is referred; the referral, with its research, completes the task.
            if task.kind == .sendMaracMinutes {
                throw DomainError.invalid([FieldError("outcome", "Send the minutes from the meeting's page: that completes this task.")])
            }
            // Rule 26: a Clare's Law clock is met by the step itself, recorded on the application.
            if task.kind == .dvdsInitialChecks || task.kind == .dvdsDecision {
                throw DomainError.invalid([FieldError("outcome", "Record the step on the Clare's Law application: that completes this task.")])
            }
            if task.kind == .offerIdva {
                throw DomainError.invalid([
                    FieldError("outcome", "Record the offer on the case's IDVA form (accepted, declined and why): that completes this task.")
                ])
            }
            if task.kind == .referToMarac {
                throw DomainError.invalid([
                    FieldError("outcome", "Refer the case on its MARAC form, with the research to share: the referral completes this task.")
                ])
            }
            // Rule 11: a no-arrest decision is reviewed by a supervisor, never by the officer who made it.
            if task.kind == .noArrestReview {
                try actor.require(.reviewRisk)
                if let incidentID = task.incidentID, let scene = try await tx.scenes.find(incidentID: incidentID), scene.recordedBy == actor.user.username {
                    throw DomainError.forbidden("You made this no-arrest decision; another supervisor must review it.")
                }
            }
            guard try await tx.tasks.complete(id: taskID, at: now, by: actor.user.username, outcome: text) else {
                throw DomainError.conflict("This task was already completed.")
            }
            if task.kind == .safetyPlanReview, let caseID = task.caseID, let found = try await tx.cases.find(id: caseID), found.status == .open,
                let level = found.riskLevel, let next = TaskClockRules.nextReviewDue(level: level, completedAt: now, policy: policy)
            {
                try await createTask(
                    tx,
                    CaseTask(
                        id: Self.newID(at: now), caseID: caseID, incidentID: task.incidentID, kind: .safetyPlanReview,
                        title: "Review the safety plan (\(level.rawValue) risk)", owner: found.owner, dueAt: next, createdAt: now,
                        source: "task:\(taskID)"), actor: actor, at: now)
            }
            // Keeping a case moved here from an away owner is a decision too: it is no longer waiting for reallocation.
            if task.kind == .reallocateCase, let caseID = task.caseID, var found = try await tx.cases.find(id: caseID), found.needsReallocation,
                found.owner.id == actor.user.id
            {
                found.needsReallocation = false
                _ = try await tx.cases.save(found)
            }
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .completeTask, recordType: "task", recordID: taskID))
            return try await tx.tasks.find(id: taskID) ?? task
        }
    }
}
