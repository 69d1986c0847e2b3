import Foundation

/// One perpetrator as a list shows him: what the run found, and who he is as the viewer may see it.
public struct PerpetratorItem: Sendable, Equatable, Codable {
    public var finding: PerpetratorFinding
    /// His name and date of birth; nil when his record is restricted and the viewer may not see restricted records
    /// (he is still counted and ranked: a police employee who harms is not hidden from the list, only his name).
    public var name: String?
    public var dateOfBirth: String?
    /// The source-system ids of every record confirmed to be him.
    public var sourceRecordIDs: [String]
    /// The codes of the areas his incidents in the window happened in.
    public var areaCodes: [String]
}

/// One victim harmed by several perpetrators, as the list shows her.
public struct HarmedVictimItem: Sendable, Equatable, Codable {
    public var entry: PerpetratorListEntry
    public var name: String?
}

/// A list as a page or the API shows it: the run it came from, with its weights published.
public struct PerpetratorListView: Sendable, Equatable {
    /// The run the list is from; nil before the first run.
    public var run: PerpetratorRun?
    /// The area asked for (nil: force-wide).
    public var area: Area?
    /// The list asked for (nil: everyone ranked by harm).
    public var list: PerpetratorList?
    public var items: [PerpetratorItem]
    /// Victims harmed by several perpetrators (force-wide views only: their list is not kept per area).
    public var victims: [HarmedVictimItem]
    /// The policy the lists follow, weights included, and the version number of those weights.
    public var policy: PerpetratorPolicy
    public var weightsVersion: Int?
    /// The policy's weights are not those the run used: the next run re-ranks with them.
    public var weightsChanged: Bool
}

extension SafeguardService {
    /// Runs the lists now (rule 24), for whoever asked: every DA incident in the window, across records confirmed to be
    /// one person, scored with the policy's weights (numbered as a version). Audited.
    public func runPerpetratorLists(_ actor: Actor) async throws -> PerpetratorRun {
        try actor.require(.viewPerpetrators)
        guard let run = try await runPerpetratorLists(trigger: actor.user.username, daily: nil, user: actor.user) else {
            throw DomainError.conflict("The lists could not be run; try again.")
        }
        return run
    }

    /// The clocks' daily run: once a day (several servers' clocks agree on who runs it). Nil when today's is done.
    func runDailyPerpetratorLists(now: Date) async throws -> PerpetratorRun? {
        let today = CalendarDate.string(now)
        if try await repositories.read({ tx in try await tx.perpetrators.dailyRunDone(day: today) }) { return nil }
        return try await runPerpetratorLists(trigger: "daily", daily: today, user: nil)
    }

    /// Reads outside the write (the lists take seconds to find on a large force; SQLite's one writer is not held for
    /// them), then keeps the run in one transaction.
    private func runPerpetratorLists(trigger: String, daily: String?, user: User?) async throws -> PerpetratorRun? {
        let now = clock.now()
        let rules = policy.perpetrators
        let from = now.addingTimeInterval(-Double(rules.windowDays) * 86_400)
        let (incidents, pairs, open, areas, hotspots, moves) = try await repositories.read { tx in
            let areas = try await tx.areas.all()
            return (
                try await tx.perpetrators.daIncidents(from: from, to: now), try await tx.perpetrators.confirmedPairs(),
                try await tx.perpetrators.openEntries(), areas, try await self.findHotspots(tx, areas: areas, now: now),
                try await self.caseMoves(tx, areas: areas)
            )
        }
        let clusters = PersonClusters(confirmedPairs: pairs)
        let findings = PerpetratorRules.find(incidents, clusters: clusters, areas: areas, policy: rules, now: now)
        let (entered, left) = PerpetratorRules.changes(
            open: open, findings: findings, clusters: clusters, policy: rules, now: now, newID: { Self.newID(at: now) })
        let runID = Self.newID(at: now)
        return try await repositories.transaction { tx -> PerpetratorRun? in
            // Another server's clock ran today's first: its run stands.
            if let daily, !(try await tx.perpetrators.claimDaily(day: daily, runID: runID)) { return nil }
            let run = PerpetratorRun(
                id: runID, at: now, trigger: trigger, weightsVersion: try await tx.perpetrators.weightsVersion(rules.weights.canonicalJSON, at: now),
                windowDays: rules.windowDays, perpetrators: findings.perpetrators.count,
                serial: findings.perpetrators.filter { $0.lists.contains(.serial) }.count, entered: entered.count, left: left.count)
            try await tx.perpetrators.save(run: run, findings: findings.perpetrators, entered: entered, left: left)
            try await tx.neighbourhood.saveHotspots(runID: runID, hotspots)
            // The day's run also follows victims who moved: each open case is placed where she now lives.
            try await tx.cases.place(moves)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: user, action: .runPerpetratorLists, recordType: "perpetrator_run", recordID: runID,
                    detail:
                        "trigger=\(daily == nil ? "asked" : "daily"); weights=v\(run.weightsVersion); perpetrators=\(run.perpetrators); entered=\(entered.count); left=\(left.count); hotspots=\(hotspots.count); cases_moved=\(moves.count)"
                ))
            return run
        }
    }

    /// A list from the latest run (rule 24): one area's (its code) or the force's, everyone ranked by harm or one
    /// list, with each score's components and the weights published. A neighbourhood officer sees their own area's;
    /// roles that look back say why (rule 33). Audited.
    public func perpetratorList(_ actor: Actor, area rawArea: String?, list rawList: String?, limit rawLimit: Int?, reason: String?) async throws
        -> PerpetratorListView
    {
        try actor.require(.viewPerpetrators)
        var errors: [FieldError] = []
        var list: PerpetratorList?
        if let raw = trimmedNonEmpty(rawList), raw != "ranked" {
            list = PerpetratorList(rawValue: raw)
            if list == nil {
                errors.append(
                    FieldError("list", "\"\(raw)\" is not a list: ranked, \(PerpetratorList.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        let limit = rawLimit ?? 50
        if !(1...500).contains(limit) { errors.append(FieldError("limit", "must be between 1 and 500.")) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let asked = list
        let why = try statedReason(actor, reason)
        let now = clock.now()
        let rules = policy.perpetrators
        return try await repositories.transaction { tx in
            let list = asked
            let areas = try await tx.areas.all()
            let area = try await self.briefingArea(tx, actor, code: rawArea)
            let run = try await tx.perpetrators.latestRun()
            var used: String?
            if let run { used = try await tx.perpetrators.weights(version: run.weightsVersion) }
            let findings = list == .victimManyPerpetrators ? [] : try await tx.perpetrators.ranked(areaID: area?.id, list: list, limit: limit)
            let entries =
                area == nil && (list == nil || list == .victimManyPerpetrators)
                ? try await tx.perpetrators.openEntries(list: .victimManyPerpetrators, limit: limit) : []
            let items = try await self.perpetratorItems(tx, findings, actor: actor, areas: areas)
            let victims = try await tx.people.summaries(ids: entries.map(\.personID))
            let visibility = Visibility(actor.role)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewPerpetrators, reason: why,
                    detail: "area=\(area?.code ?? "force"); list=\(list?.rawValue ?? "ranked"); shown=\(items.count + entries.count)"))
            return PerpetratorListView(
                run: run, area: area, list: list, items: items,
                victims: entries.map { HarmedVictimItem(entry: $0, name: visibility.name(victims[$0.personID])) },
                policy: rules, weightsVersion: run?.weightsVersion, weightsChanged: used.map { $0 != rules.weights.canonicalJSON } ?? false)
        }
    }
}
