import Foundation

extension SafeguardService {
    /// Records a child of an adult's household at any time after the call (rule 9): an existing record or a new one,
    /// linked to the adult (and, at the call and the scene, to each victim) with its role and dates. If the adult has
    /// an open case, the child's referral to children's social care and (of school age) the school notification are
    /// set on it as at the scene, owned by the case's owner. One transaction, audited.
    public func recordHouseholdChild(_ actor: Actor, adultID: String, draft: HouseholdChildDraft) async throws -> HouseholdChild {
        try actor.require(.editPerson)
        let now = clock.now()
        let checked = try HouseholdRules.check(draft, now: now)
        let childID = Self.newID(at: now)
        let policy = policy
        return try await repositories.transaction { tx in
            let adult = try await self.visiblePerson(tx, actor, adultID)
            let child = try await self.linkChild(
                tx, actor, checked.child, newID: childID, adults: [adult.id], role: checked.role, from: checked.from, note: checked.note, at: now)
            if let open = try await tx.cases.openCase(forVictims: [adult.id]) {
                try await self.setChildTasks(
                    tx, actor, child: child, present: nil, school: checked.school, caseID: open.id, incidentID: open.incidentIDs.last, owner: open.owner,
                    at: now, policy: policy)
            }
            let today = CalendarDate.string(now)
            let view = try await self.householdChildren(tx, adults: [adult.id], today: today, visibility: Visibility(actor.role), now: now)
            guard let recorded = view.first(where: { $0.person.id == child.id }) else { throw DomainError.notFound(kind: "child", id: child.id) }
            return recorded
        }
    }

    /// Ends a child's link to an adult on a day (the child left the household); the link stays in the history.
    public func endHouseholdLink(_ actor: Actor, linkID: String, on typedDay: String?) async throws {
        try actor.require(.editPerson)
        let now = clock.now()
        let today = CalendarDate.string(now)
        let day = trimmedNonEmpty(typedDay).map { CalendarDate.normalise($0) } ?? today
        guard let day, day <= today else {
            throw DomainError.invalid([FieldError("to", "Give the last day in the household as yyyy-mm-dd, today or earlier.")])
        }
        try await repositories.transaction { tx in
            guard try await tx.households.end(id: linkID, on: day) else { throw DomainError.conflict("This link has already ended.") }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .endHouseholdLink, recordType: "household_link", recordID: linkID, detail: "to=\(day)"))
        }
    }

    /// The child's record (found or created now) linked to each adult not already linked in that role. Audited.
    func linkChild(
        _ tx: any RepositoryTransaction, _ actor: Actor, _ child: HouseholdRules.Either, newID: String, adults: [String], role: HouseholdRole,
        from: String, note: String?, at now: Date
    ) async throws -> Person {
        let person: Person
        switch child {
        case .existing(let id):
            person = try await visiblePerson(tx, actor, id)
        case .new(let draft):
            person = try await tx.people.create(try await self.restrictingStaff(tx, draft), id: newID, at: now)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .createPerson, recordType: "person", recordID: person.id))
        }
        for adult in adults where adult != person.id {
            let link = HouseholdLink(
                id: Self.newID(at: now), adultID: adult, childID: person.id, role: role, from: from, note: note, recordedBy: actor.user.username,
                recordedAt: now)
            if try await tx.households.create(link) {
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: actor.user, action: .linkHouseholdChild, recordType: "person", recordID: adult,
                        detail: "child=\(person.id); role=\(role.rawValue)"))
            }
        }
        return person
    }

    /// Rule 9's tasks for one child: a referral to children's social care, and — named school, of school age, or age
    /// unknown — telling the school before the next school day. `present` is nil when the child was not at an incident.
    func setChildTasks(
        _ tx: any RepositoryTransaction, _ actor: Actor, child: Person, present: Bool?, school: String?, caseID: String?, incidentID: String?,
        owner: CaseUser, at now: Date, policy: ForcePolicy
    ) async throws {
        // One referral and one school task per child while they are open: a child recorded at the call and again at
        // the scene is referred once.
        let source = "child:\(child.id)"
        var open: [CaseTask] = []
        if let caseID { open = try await tx.tasks.forCase(caseID).filter { $0.source == source && $0.completedAt == nil } }
        // Task lists are read by colleagues who may not see a restricted child (rule 33): the title names the record, not the child.
        let name = child.restricted ? "a child of the household (restricted record)" : child.fullName
        let presence = present.map { $0 ? " (present)" : " (in the household)" } ?? " (in the household)"
        if !open.contains(where: { $0.kind == .childrenSocialCareReferral }) {
            try await createTask(
                tx,
                CaseTask(
                    id: Self.newID(at: now), caseID: caseID, incidentID: incidentID, kind: .childrenSocialCareReferral,
                    title: "Refer \(name)\(presence) to children's social care", owner: owner,
                    dueAt: now.addingTimeInterval(Double(policy.sceneActionDueHours) * 3600), createdAt: now, source: source), actor: actor, at: now)
        }
        if HouseholdRules.needsSchoolNotification(dateOfBirth: child.dateOfBirth, school: school, at: now, policy: policy),
            !open.contains(where: { $0.kind == .schoolNotification })
        {
            let title =
                school.map { "Tell \($0) about \(name) before school starts" }
                ?? "Find the school of \(name) and tell its safeguarding lead before school starts"
            try await createTask(
                tx,
                CaseTask(
                    id: Self.newID(at: now), caseID: caseID, incidentID: incidentID, kind: .schoolNotification, title: title, owner: owner,
                    dueAt: WorkingCalendar(policy: policy).nextSchoolDayStart(after: now), createdAt: now, source: source), actor: actor, at: now)
        }
    }

    /// The children in these adults' household today, each once, with their links, risk notes and own incidents;
    /// a restricted child's history is left out for roles that may not open it (rule 33).
    func householdChildren(
        _ tx: any RepositoryTransaction, adults: [String], today: String, visibility: Visibility, now: Date
    ) async throws -> [HouseholdChild] {
        guard !adults.isEmpty else { return [] }
        let current = try await tx.households.links(adults: adults).filter { $0.isCurrent(on: today) }
        let byChild = Dictionary(grouping: current, by: \.childID)
        let summaries = try await tx.people.summaries(ids: Array(byChild.keys))
        var children: [HouseholdChild] = []
        for (childID, links) in byChild {
            guard let summary = summaries[childID] else { continue }
            let hidden = summary.restricted && !visibility.seesRestricted
            children.append(
                HouseholdChild(
                    person: visibility.summary(summary), age: summary.dateOfBirth.flatMap { CalendarDate.age(of: $0, at: now) }, links: links,
                    riskNotes: links.compactMap(\.note),
                    incidents: hidden ? [] : try await tx.people.incidents(forPerson: childID).map(visibility.incidentSummary)))
        }
        return children.sorted { ($0.age ?? -1, $0.person.firstName) > ($1.age ?? -1, $1.person.firstName) }
    }
}
