import Foundation

/// One month of the force's figures (rule 31), as the analysts' charts draw them: counted by the same definitions as
/// `ForceFigures` over the month (the first and last months cut to the period).
public struct FigureMonth: Sendable, Equatable, Codable {
    /// `YYYY-MM`.
    public var month: String
    public var daIncidents: Int
    public var daCrimes: Int
    public var repeatVictimIncidents: Int
    public var repeatVictimIncidentShare: Double?
    public var arrests: Int
    public var arrestsPer100Crimes: Double?
    public var positiveOutcomes: Int
    /// The outcomes reached so far for the month's DA crimes, by kind.
    public var outcomes: [String: Int]
    /// Cases open at each level at the end of the month's last day in the period (force-wide).
    public var caseload: Caseload

    enum CodingKeys: String, CodingKey {
        case month, daIncidents, daCrimes, repeatVictimIncidents, repeatVictimIncidentShare, arrests, positiveOutcomes, outcomes, caseload
        case arrestsPer100Crimes = "arrests_per_100_crimes"
    }
}

extension FigureRules {
    /// The most months one series covers: ten years and a little more, what a force migrates.
    public static let seriesMonthLimit = 240

    /// The calendar months a period touches, each cut to the period: (`YYYY-MM`, start, end).
    public static func months(from start: Date, to end: Date) -> [(month: String, start: Date, end: Date)] {
        let calendar = Calendar.forceLocal
        var parts = calendar.dateComponents([.year, .month], from: start)
        var out: [(String, Date, Date)] = []
        while let first = calendar.date(from: parts), first < end, out.count <= seriesMonthLimit {
            let next = calendar.date(byAdding: .month, value: 1, to: first) ?? end
            out.append((String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0), max(first, start), min(next, end)))
            parts = calendar.dateComponents([.year, .month], from: next)
        }
        return out
    }
}

extension SafeguardService {
    /// The force's figures month by month over a period (rule 31), force-wide or for one area, for the analysts'
    /// charts: each month by `FigureRules.count`, the caseload at each month's end. Periods of up to 240 months.
    public func figureSeries(_ actor: Actor, from rawFrom: String?, to rawTo: String?, area rawArea: String?) async throws -> [FigureMonth] {
        try actor.require(.viewCaseload)
        let period = try FigureRules.period(from: rawFrom, to: rawTo)
        let months = FigureRules.months(from: period.start, to: period.end)
        guard months.count <= FigureRules.seriesMonthLimit else {
            throw DomainError.invalid([FieldError("to", "A series covers at most \(FigureRules.seriesMonthLimit) months; choose a shorter period.")])
        }
        let rules = policy
        let now = clock.now()
        let (facts, areas, area) = try await repositories.read { tx in
            let areas = try await tx.areas.all()
            let area = try trimmedNonEmpty(rawArea).map { try AreaRules.area(code: $0, among: areas) }
            var open: [[RiskLevel?: Int]] = []
            for month in months { open.append(try await tx.cases.openCounts(at: month.end)) }
            return (
                (
                    incidents: try await tx.figures.incidents(from: period.start, to: period.end),
                    times: try await tx.figures.victimTimes(from: FigureRules.historyStart(period.start, policy: rules), to: period.end),
                    pairs: try await tx.perpetrators.confirmedPairs(), open: open
                ), areas, area
            )
        }
        let clusters = PersonClusters(confirmedPairs: facts.pairs)
        let placed = area.map { area in facts.incidents.filter { AreaRules.area(covering: $0.postcode, among: areas)?.id == area.id } } ?? facts.incidents
        let history = FigureRules.victimHistory(facts.times, clusters: clusters)
        // Walked once in time order, a month at a time.
        let sorted = placed.sorted { $0.occurredAt < $1.occurredAt }
        var cursor = 0
        var series: [FigureMonth] = []
        for (index, month) in months.enumerated() {
            var inMonth: [FigureIncident] = []
            while cursor < sorted.count, sorted[cursor].occurredAt < month.end {
                if sorted[cursor].occurredAt >= month.start { inMonth.append(sorted[cursor]) }
                cursor += 1
            }
            let c = FigureRules.count(inMonth, history: history, clusters: clusters, policy: rules)
            series.append(
                FigureMonth(
                    month: month.month, daIncidents: c.daIncidents, daCrimes: c.daCrimes, repeatVictimIncidents: c.repeatVictimIncidents,
                    repeatVictimIncidentShare: FigureRules.share(c.repeatVictimIncidents, of: c.daIncidents), arrests: c.arrests,
                    arrestsPer100Crimes: FigureRules.per100(c.arrests, crimes: c.daCrimes), positiveOutcomes: c.positiveOutcomes, outcomes: c.outcomes,
                    caseload: Caseload(on: CalendarDate.string(month.end.addingTimeInterval(-12 * 3600)), counts: facts.open[index])))
        }
        try await repositories.transaction { tx in
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewFigures, detail: "monthly figures \(period.from)..\(period.to) \(area?.code ?? "force")"))
        }
        return series
    }
}
