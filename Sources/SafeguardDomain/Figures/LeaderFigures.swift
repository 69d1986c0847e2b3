import Foundation

/// The force's figures as a senior leader or PCC sees them (rule 32): aggregates only, for a fixed period and the
/// force or one area, with small numbers suppressed and the cells that could give them away withheld.
public struct LeaderFigures: Sendable, Equatable, Encodable {
    /// One month of the trend in the period, for the chart.
    public struct Month: Sendable, Equatable, Encodable {
        public var month: String
        public var daIncidents: ShownCount
        public var daCrimes: ShownCount
        public var repeatVictimIncidents: ShownCount
        public var arrests: ShownCount
    }
    public var period: String
    public var from: String
    public var to: String
    /// The area's code, or nil for the force.
    public var area: String?
    /// Counts from 1 to this are shown as "fewer than" the next.
    public var threshold: Int
    public var daIncidents: ShownCount
    public var daCrimes: ShownCount
    public var victims: ShownCount
    public var repeatVictimIncidents: ShownCount
    public var repeatVictims: ShownCount
    public var arrests: ShownCount
    public var positiveOutcomes: ShownCount
    public var crimesByType: [String: ShownCount]
    public var victimsBySex: [String: ShownCount]
    public var victimsByEthnicity: [String: ShownCount]
    public var outcomes: [String: ShownCount]
    /// Nil when suppressed: either count hidden, or too few incidents to share.
    public var repeatVictimIncidentShare: Double?
    public var arrestsPer100Crimes: Double?
    /// Cases open at each level at the end of the period (force-wide), and the day.
    public var caseloadOn: String
    public var caseload: [String: ShownCount]
    public var months: [Month]
    /// Surveys set by cases closing in the period (force-wide), and per question the share satisfied — nil when
    /// the satisfied or the not satisfied are few enough to single someone out.
    public var surveys: ShownCount
    public var satisfaction: [Satisfaction]

    public struct Satisfaction: Sendable, Equatable, Encodable {
        public var key: String
        public var text: String
        public var answered: ShownCount
        public var share: Double?
    }

    // Snake case would make "arrests_per100_crimes"; the contract spells it as the analysts' figures do.
    enum CodingKeys: String, CodingKey {
        case period, from, to, area, threshold, daIncidents, daCrimes, victims, repeatVictimIncidents, repeatVictims, arrests, positiveOutcomes
        case crimesByType, victimsBySex, victimsByEthnicity, outcomes, repeatVictimIncidentShare, caseloadOn, caseload, months, surveys, satisfaction
        case arrestsPer100Crimes = "arrests_per_100_crimes"
    }
}

/// How leaders' figures are cut and suppressed (rule 32), in one place. Every period a leader may choose in the
/// calendar year (the year, its quarters, its months) and every scope (the force and each area) is counted at once,
/// and suppressed together across the sums that bind them — categories to their totals, areas to the force, months
/// to their quarter and quarters to the year — so no pair of a leader's views can be subtracted to reveal a hidden
/// cell, whichever of them is asked for first.
public enum LeaderFigureRules {
    /// Counts that add up across areas and across periods (an incident is in one month and at most one area).
    /// Victims do not: one woman can be a victim in two months or two areas.
    static let additive = ["da_incidents", "da_crimes", "repeat_victim_incidents", "arrests", "positive_outcomes"]
    static let scalars = additive + ["victims", "repeat_victims"]

    /// Every category each breakdown has, so each cell exists (as 0) wherever the others do.
    static var crimeTypes: [String] { crimeTypeOrder }
    /// The crime classifications in the order the pages list them, and crimes not yet classified last.
    public static var crimeTypeOrder: [String] { CrimeClassification.allCases.map(\.rawValue) + ["unclassified"] }
    static var sexes: [String] { Sex.allCases.map(\.rawValue) }
    static var ethnicities: [String] { Ethnicity.allCases.map(\.rawValue) + ["not_stated"] }
    static var outcomeKinds: [String] { CrimeOutcome.Kind.allCases.map(\.rawValue) }

    /// The scope of incidents no area covers (area codes are upper case, so it cannot be one).
    static let unplaced = "unplaced"

    static func key(_ period: FixedPeriod, _ scope: String, _ figure: String) -> String { "\(period.code)|\(scope)|\(figure)" }

    /// The figures of every period of `year` and every scope ("force" and each area's code), as cells, with the sums
    /// that bind them.
    public static func cube(
        year: FixedPeriod, incidents: [FigureIncident], victimTimes: [(personID: String, at: Date)], clusters: PersonClusters, areas: [Area],
        policy: ForcePolicy
    ) -> (values: [String: Int], groups: [SumGroup]) {
        // Each incident's area found once.
        // What no area covers (no address, or outside every area's postcodes) is a cell of its own, never shown but
        // suppressed like the others: the force less the areas would otherwise publish it exactly.
        var byScope: [String: [FigureIncident]] = ["force": incidents]
        for incident in incidents {
            byScope[AreaRules.area(covering: incident.postcode, among: areas)?.code ?? unplaced, default: []].append(incident)
        }
        let scopes = ["force"] + areas.map(\.code) + [unplaced]
        let history = FigureRules.victimHistory(victimTimes, clusters: clusters)
        var values: [String: Int] = [:]
        var groups: [SumGroup] = []
        for period in year.periodsOfTheYear {
            for scope in scopes {
                let inPeriod = (byScope[scope] ?? []).filter { $0.occurredAt >= period.start && $0.occurredAt < period.end }
                let c = FigureRules.count(inPeriod, history: history, clusters: clusters, policy: policy)
                let counts: [(String, Int)] = [
                    ("da_incidents", c.daIncidents), ("da_crimes", c.daCrimes), ("repeat_victim_incidents", c.repeatVictimIncidents),
                    ("arrests", c.arrests), ("positive_outcomes", c.positiveOutcomes), ("victims", c.victims), ("repeat_victims", c.repeatVictims)
                ]
                for (figure, n) in counts { values[key(period, scope, figure)] = n }
                for (prefix, categories, counted) in [
                    ("crimes_by_type", crimeTypes, c.crimesByType), ("victims_by_sex", sexes, c.victimsBySex),
                    ("victims_by_ethnicity", ethnicities, c.victimsByEthnicity), ("outcomes", outcomeKinds, c.outcomes)
                ] {
                    for category in categories { values[key(period, scope, "\(prefix).\(category)")] = counted[category] ?? 0 }
                }
                // Categories add up to their totals (an outcome is per suspect and decision, so outcomes do not).
                for (prefix, categories, total) in [
                    ("crimes_by_type", crimeTypes, "da_crimes"), ("victims_by_sex", sexes, "victims"), ("victims_by_ethnicity", ethnicities, "victims")
                ] {
                    groups.append(SumGroup(total: key(period, scope, total), members: categories.map { key(period, scope, "\(prefix).\($0)") }))
                }
            }
        }
        let additiveFigures = additive + crimeTypes.map { "crimes_by_type.\($0)" } + outcomeKinds.map { "outcomes.\($0)" }
        for figure in additiveFigures {
            for period in year.periodsOfTheYear {
                // The areas and what no area covers add up to the force.
                groups.append(SumGroup(total: key(period, "force", figure), members: (areas.map(\.code) + [unplaced]).map { key(period, $0, figure) }))
            }
            for scope in scopes {
                for q in 1...4 {
                    let quarter = FixedPeriod.quarter(year.year, q)
                    groups.append(SumGroup(total: key(quarter, scope, figure), members: quarter.months.map { key($0, scope, figure) }))
                }
                groups.append(SumGroup(total: key(year, scope, figure), members: (1...4).map { key(.quarter(year.year, $0), scope, figure) }))
                groups.append(SumGroup(total: key(year, scope, figure), members: year.months.map { key($0, scope, figure) }))
            }
        }
        return (values, groups)
    }

    /// One period's and scope's figures from the suppressed cells.
    public static func view(
        _ shown: [String: ShownCount], period: FixedPeriod, area: Area?, threshold: Int, caseload: Caseload, satisfaction: SatisfactionFigures
    ) -> LeaderFigures {
        let scope = area?.code ?? "force"
        func cell(_ figure: String, _ p: FixedPeriod = period) -> ShownCount { shown[key(p, scope, figure)] ?? .count(0) }
        func breakdown(_ prefix: String, _ categories: [String]) -> [String: ShownCount] {
            Dictionary(uniqueKeysWithValues: categories.map { ($0, cell("\(prefix).\($0)")) })
        }
        let levels = caseloadCells(caseload, threshold: threshold)
        let crimes = cell("da_crimes").exact.flatMap { $0 > threshold ? $0 : nil }
        let per100 = cell("arrests").exact.flatMap { arrests in crimes.flatMap { FigureRules.per100(arrests, crimes: $0) } }
        return LeaderFigures(
            period: period.code, from: period.from, to: period.to, area: area?.code, threshold: threshold, daIncidents: cell("da_incidents"),
            daCrimes: cell("da_crimes"), victims: cell("victims"), repeatVictimIncidents: cell("repeat_victim_incidents"),
            repeatVictims: cell("repeat_victims"), arrests: cell("arrests"), positiveOutcomes: cell("positive_outcomes"),
            crimesByType: breakdown("crimes_by_type", crimeTypes), victimsBySex: breakdown("victims_by_sex", sexes),
            victimsByEthnicity: breakdown("victims_by_ethnicity", ethnicities), outcomes: breakdown("outcomes", outcomeKinds),
            repeatVictimIncidentShare: SuppressionRules.share(cell("repeat_victim_incidents"), of: cell("da_incidents"), threshold: threshold),
            arrestsPer100Crimes: per100, caseloadOn: caseload.on, caseload: levels,
            months: period.months.map { month in
                LeaderFigures.Month(
                    month: month.code, daIncidents: cell("da_incidents", month), daCrimes: cell("da_crimes", month),
                    repeatVictimIncidents: cell("repeat_victim_incidents", month), arrests: cell("arrests", month))
            },
            surveys: SuppressionRules.primary(satisfaction.surveys, threshold: threshold),
            satisfaction: satisfaction.questions.map { q in
                let few = [q.satisfied, q.answered - q.satisfied].contains { SmallNumbers.isSmall($0, threshold: threshold) }
                return LeaderFigures.Satisfaction(
                    key: q.key, text: q.text, answered: SuppressionRules.primary(q.answered, threshold: threshold),
                    share: few || q.answered <= threshold ? nil : q.share)
            })
    }

    /// The caseload by level, its levels adding up to its total.
    static func caseloadCells(_ caseload: Caseload, threshold: Int) -> [String: ShownCount] {
        let values = ["high": caseload.high, "medium": caseload.medium, "standard": caseload.standard, "total": caseload.total]
        return SuppressionRules.suppress(values, groups: [SumGroup(total: "total", members: ["high", "medium", "standard"])], threshold: threshold)
    }
}

extension SafeguardService {
    /// The force's figures for a leader (rule 32): a fixed period (`2026`, `2026-Q1`, `2026-03`) and the force or an
    /// area, every count from 1 to the policy's threshold shown as "fewer than" the next number and every cell that
    /// would give one away withheld; shares only of shown counts with enough beneath them. For senior leaders (and
    /// the analysts and specialists who prepare what leaves the force); audited as a look at the figures.
    public func leaderFigures(_ actor: Actor, period rawPeriod: String?, area rawArea: String?) async throws -> LeaderFigures {
        try actor.require(.viewFigures)
        let period = try FixedPeriod.parse(rawPeriod)
        let year = period.calendarYear
        let rules = policy
        let now = clock.now()
        // Only periods already over: a period still running, asked for day after day, would show each new case.
        guard let today = FigureRules.startOfDay(CalendarDate.string(now)), period.end <= today else {
            throw DomainError.invalid([FieldError("period", "Choose a period that has ended: leaders' figures are for completed months, quarters and years.")])
        }
        let lastDay = CalendarDate.string(period.end.addingTimeInterval(-12 * 3600))
        let (facts, areas, area) = try await repositories.read { tx in
            let areas = try await tx.areas.all()
            let area = try trimmedNonEmpty(rawArea).map { try AreaRules.area(code: $0, among: areas) }
            return (
                (
                    incidents: try await tx.figures.incidents(from: year.start, to: year.end),
                    times: try await tx.figures.victimTimes(from: FigureRules.historyStart(year.start, policy: rules), to: year.end),
                    pairs: try await tx.perpetrators.confirmedPairs(), open: try await tx.cases.openCounts(at: period.end),
                    satisfaction: try await self.satisfactionFigures(tx, from: period.start, to: period.end)
                ), areas, area
            )
        }
        let cube = LeaderFigureRules.cube(
            year: year, incidents: facts.incidents, victimTimes: facts.times, clusters: PersonClusters(confirmedPairs: facts.pairs), areas: areas,
            policy: rules)
        let shown = SuppressionRules.suppress(cube.values, groups: cube.groups, threshold: rules.smallNumberThreshold)
        try await repositories.transaction { tx in
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewFigures, detail: "leaders' figures \(period.code) \(area?.code ?? "force")"))
        }
        return LeaderFigureRules.view(
            shown, period: period, area: area, threshold: rules.smallNumberThreshold, caseload: Caseload(on: lastDay, counts: facts.open),
            satisfaction: facts.satisfaction)
    }
}
