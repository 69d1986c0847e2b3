import Foundation

extension SafeguardService {
    /// The area the viewer may look at: a neighbourhood officer's own, anyone else's the one named (by code). Roles
    /// that look back say why (rule 33).
    func briefingArea(_ tx: any RepositoryTransaction, _ actor: Actor, code rawCode: String?) async throws -> Area? {
        let areas = try await tx.areas.all()
        let asked = try trimmedNonEmpty(rawCode).map { try AreaRules.area(code: $0, among: areas) }
        guard policy.seesOwnAreaOnly(actor.role) else { return asked }
        // A neighbourhood team works its own streets.
        guard let own = areas.first(where: { $0.id == actor.user.areaID }) else {
            throw DomainError.forbidden("Your account has no area: an administrator sets it, and you then see your area's list.")
        }
        if let asked, asked.id != own.id { throw DomainError.forbidden("You see your own area's list (\(own.name)).") }
        return own
    }

    /// Hotspot addresses of the force (rule 24): repeat DA incidents at one address within the policy window, each
    /// placed in its area and shown at street level, never a refuge; most incidents first. Found by each run of the
    /// lists and kept with it, so a briefing reads them instead of counting a year of incidents on every load.
    func findHotspots(_ tx: any RepositoryTransaction, areas: [Area], now: Date) async throws -> [Hotspot] {
        let rules = policy.perpetrators
        return try await tx.neighbourhood.hotspotCandidates(
            since: now.addingTimeInterval(-Double(rules.hotspotWindowDays) * 86_400), minIncidents: rules.hotspotIncidents
        ).compactMap { place in
            guard AreaBriefingRules.isHotspot(incidents: place.incidents, policy: rules) else { return nil }
            return Hotspot(
                addressID: place.addressID, street: AreaBriefingRules.street(line1: place.line1, postcode: place.postcode),
                areaID: AreaRules.area(covering: place.postcode, among: areas)?.id, incidents: place.incidents, latestAt: place.latestAt)
        }
    }

    /// The perpetrators of a run as the viewer may see them: named unless restricted (still ranked), with the source
    /// ids of every record confirmed to be him and the codes of his areas.
    func perpetratorItems(_ tx: any RepositoryTransaction, _ findings: [PerpetratorFinding], actor: Actor, areas: [Area]) async throws -> [PerpetratorItem] {
        let people = try await tx.people.summaries(ids: findings.map(\.personID))
        let sources = try await tx.people.sourceIDs(ofPeople: findings.flatMap(\.recordIDs))
        let visibility = Visibility(actor.role)
        return findings.map { finding in
            let name = visibility.name(people[finding.personID])
            return PerpetratorItem(
                finding: finding, name: name, dateOfBirth: name == nil ? nil : people[finding.personID]?.dateOfBirth,
                sourceRecordIDs: finding.recordIDs.flatMap { sources[$0] ?? [] }.sorted(),
                areaCodes: finding.areaIDs.compactMap { id in areas.first { $0.id == id }?.code })
        }
    }

    /// An area's daily briefing (rule 24): the most harmful perpetrators (policy `briefingTop`), its high-risk victims,
    /// its hotspot addresses (street level), the neighbourhood tasks taken from it and who has been briefed today.
    /// Audited; look-back roles say why.
    public func areaBriefing(_ actor: Actor, area code: String?, reason: String?) async throws -> AreaBriefing {
        try actor.require(.viewPerpetrators)
        let now = clock.now()
        let rules = policy.perpetrators
        return try await repositories.transaction { tx in
            guard let area = try await self.briefingArea(tx, actor, code: code) else {
                throw DomainError.invalid([FieldError("area", "Choose the area whose briefing to show.")])
            }
            // A neighbourhood officer's own area's daily briefing carries its purpose from where they came (rule 33);
            // anyone else who must say why still does.
            let purpose = policy.seesOwnAreaOnly(actor.role) && trimmedNonEmpty(reason) == nil ? "Daily briefing of my area (\(area.code))" : reason
            let why = try self.statedReason(actor, purpose)
            let areas = try await tx.areas.all()
            let perpetrators = try await self.perpetratorItems(
                tx, try await tx.perpetrators.ranked(areaID: area.id, list: nil, limit: rules.briefingTop), actor: actor, areas: areas)
            // Her case is placed where she lives (`placeOpenCases`); a refuge (a confidential address) places her
            // nowhere on a sheet that is printed.
            let visibility = Visibility(actor.role)
            let highRisk: [HighRiskVictim] = try await tx.neighbourhood.highRiskCases(areaID: area.id, limit: 5_000).compactMap { found in
                guard !found.postcodeConfidential else { return nil }
                return HighRiskVictim(
                    caseID: found.caseID, caseReference: found.caseReference, personID: found.personID,
                    name: visibility.name(firstName: found.firstName, surname: found.surname, restricted: found.restricted), owner: found.owner,
                    district: found.postcode.flatMap(AreaBriefingRules.district))
            }
            let today = CalendarDate.date(CalendarDate.string(now)) ?? now
            let briefing = AreaBriefing(
                area: area, generatedAt: now, run: try await tx.perpetrators.latestRun(), perpetrators: perpetrators, highRiskVictims: highRisk,
                hotspots: try await tx.neighbourhood.hotspots(areaID: area.id, limit: rules.briefingTop),
                tasks: try await tx.neighbourhood.tasks(areaID: area.id, doneSince: now.addingTimeInterval(-7 * 86_400)),
                briefedToday: try await tx.neighbourhood.briefed(areaID: area.id, since: today))
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewAreaBriefing, recordType: "area", recordID: area.id, reason: why,
                    detail: "perpetrators=\(perpetrators.count); high_risk=\(highRisk.count); hotspots=\(briefing.hotspots.count)"))
            return briefing
        }
    }

    /// The most hotspots one list shows (a force-wide list of a large force runs to thousands).
    static let hotspotListLimit = 500

    /// Hotspot addresses for an area or the force, at street level, as the latest run of the lists found them. Audited.
    public func hotspots(_ actor: Actor, area code: String?, reason: String?) async throws -> [Hotspot] {
        try actor.require(.viewPerpetrators)
        let why = try statedReason(actor, reason)
        let now = clock.now()
        return try await repositories.transaction { tx in
            let area = try await self.briefingArea(tx, actor, code: code)
            let found = try await tx.neighbourhood.hotspots(areaID: area?.id, limit: Self.hotspotListLimit)
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewAreaBriefing, reason: why, detail: "hotspots=\(found.count); area=\(area?.code ?? "force")"))
            return found
        }
    }

    /// Records that the viewer has been briefed on the area's list (the list keeps who was briefed, and from which run).
    public func markBriefed(_ actor: Actor, area code: String?) async throws -> BriefedRecord {
        try actor.require(.viewPerpetrators)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let area = try await self.briefingArea(tx, actor, code: code) else {
                throw DomainError.invalid([FieldError("area", "Choose the area you were briefed on.")])
            }
            let run = try await tx.perpetrators.latestRun()
            try await tx.neighbourhood.recordBriefed(areaID: area.id, user: actor.user, runID: run?.id, at: now)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .markBriefed, recordType: "area", recordID: area.id))
            return BriefedRecord(username: actor.user.username, displayName: actor.user.displayName, at: now, runID: run?.id)
        }
    }

    /// Sets a neighbourhood officer a task from the briefing: a visit, a patrol or a bail check, about a person or a
    /// hotspot. A sergeant sets it for any neighbourhood officer of the area; a neighbourhood officer for themselves.
    public func setNeighbourhoodTask(_ actor: Actor, area code: String?, draft: NeighbourhoodTaskDraft) async throws -> NeighbourhoodTask {
        guard AreaBriefingRules.maySetTasks(actor.role) else {
            throw DomainError.forbidden("Neighbourhood tasks are set by a sergeant or DA specialist, or by a neighbourhood officer for themselves.")
        }
        let now = clock.now()
        return try await repositories.transaction { tx in
            // The area first: a neighbourhood officer of another area is refused before their typing is checked.
            let place = try await self.briefingArea(tx, actor, code: code)
            let checked = try AreaBriefingRules.check(draft)
            guard let area = place else { throw DomainError.invalid([FieldError("area", "Choose the area the task is in.")]) }
            var assignee = actor.user
            if let name = trimmedNonEmpty(draft.assignee), name != actor.user.username {
                guard actor.role.can(.manageCases),
                    let found = try await tx.users.all().first(where: { $0.username == name && $0.role == .neighbourhoodOfficer && $0.areaID == area.id })
                else {
                    throw DomainError.invalid([FieldError("assignee", "\"\(name)\" is not a neighbourhood officer of \(area.name).")])
                }
                assignee = found
            }
            guard assignee.role == .neighbourhoodOfficer else {
                throw DomainError.invalid([FieldError("assignee", "Name the neighbourhood officer the task is for.")])
            }
            if let personID = trimmedNonEmpty(draft.personID) { _ = try await self.visiblePerson(tx, actor, personID) }
            if let addressID = trimmedNonEmpty(draft.addressID) {
                guard let place = try await tx.people.address(id: addressID), !place.confidential else {
                    throw DomainError.invalid([FieldError("address_id", "Choose a hotspot address from the briefing.")])
                }
            }
            let task = NeighbourhoodTask(
                id: Self.newID(at: now), areaID: area.id, kind: checked.kind, personID: trimmedNonEmpty(draft.personID),
                addressID: trimmedNonEmpty(draft.addressID), note: checked.note, assignee: CaseUser(assignee), dueOn: checked.dueOn,
                setBy: actor.user.username, setAt: now)
            try await tx.neighbourhood.createTask(task, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .setNeighbourhoodTask, recordType: "neighbourhood_task", recordID: task.id,
                    detail: "\(task.kind.rawValue) for \(assignee.username)"))
            return task
        }
    }

    /// Records what a neighbourhood task found (its assignee, or a sergeant or DA specialist): once, with the result.
    public func recordNeighbourhoodResult(_ actor: Actor, taskID: String, result: String?) async throws -> NeighbourhoodTask {
        // Who may comes first: someone who may not learns nothing from the checks on what they typed.
        guard AreaBriefingRules.mayEverRecordResult(actor.role) else {
            throw DomainError.forbidden("Only the officer the task is for, or a sergeant, records its result.")
        }
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let task = try await tx.neighbourhood.task(id: taskID) else { throw DomainError.notFound(kind: "neighbourhood task", id: taskID) }
            guard AreaBriefingRules.mayRecordResult(task, by: actor.user) else {
                throw DomainError.forbidden("Only the officer the task is for, or a sergeant, records its result.")
            }
            var errors: [FieldError] = []
            let text = trimmedNonEmpty(result)
            if text == nil || (text?.count ?? 0) < 5 { errors.append(FieldError("result", "Say what was done and found (at least 5 characters).")) }
            if let text, let problem = TextInput.textProblem(text, limit: InputLimits.line) { errors.append(FieldError("result", problem)) }
            if !errors.isEmpty { throw DomainError.invalid(errors) }
            guard task.result == nil, try await tx.neighbourhood.recordResult(taskID: taskID, result: text!, by: actor.user.username, at: now) else {
                throw DomainError.conflict("This task's result is already recorded.")
            }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .recordNeighbourhoodResult, recordType: "neighbourhood_task", recordID: taskID))
            var done = task
            (done.result, done.doneBy, done.doneAt) = (text, actor.user.username, now)
            return done
        }
    }
}
