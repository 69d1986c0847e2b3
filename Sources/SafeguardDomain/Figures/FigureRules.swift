import Foundation

/// The force's figures for a period (rule 31; HMIC's nine pieces of data): what each counts is written here once,
/// and in `docs/figures.md` in words. Computed from the records on every request — never typed in, never kept aside.
public struct ForceFigures: Sendable, Equatable, Codable {
    /// The period: `from` its first day, `to` the day after its last (London days).
    public var from: String
    public var to: String
    /// The area's code, or nil for the force.
    public var area: String?
    public var daIncidents: Int
    public var daCrimes: Int
    /// DA crimes by classification (`unclassified` for a crime not yet classified).
    public var crimesByType: [String: Int]
    /// Different people who were victims in the period (records confirmed to be one person count once).
    public var victims: Int
    public var victimsBySex: [String: Int]
    /// By the 2021 Census category recorded (`not_stated` when none is).
    public var victimsByEthnicity: [String: Int]
    /// Incidents of the period whose victim had another DA incident as victim within the repeat window before it.
    public var repeatVictimIncidents: Int
    /// `repeatVictimIncidents ÷ daIncidents`, a fraction; nil with no incidents.
    public var repeatVictimIncidentShare: Double?
    /// Different victims of the period who were repeat victims at one or more of their incidents in it.
    public var repeatVictims: Int
    /// Arrests for the DA crimes of the period, whenever made.
    public var arrests: Int
    /// 100 × arrests ÷ DA crimes; nil with no crimes.
    public var arrestsPer100Crimes: Double?
    /// The outcomes reached so far for the DA crimes of the period, by kind.
    public var outcomes: [String: Int]
    /// DA crimes of the period with an outcome the force counts as positive (policy `positiveOutcomes`).
    public var positiveOutcomes: Int
    /// Cases open at each level at the end of the period's last day (force-wide).
    public var caseload: Caseload
    /// The MARAC's figures for the period.
    public var marac: MaracFigures
    /// Victims' satisfaction (Table 2) from the surveys set by cases closing in the period (rule 28).
    public var satisfaction: SatisfactionFigures
    /// DA crimes' outcomes beside other victim-based and violent crime's, from the force's typed-in reference totals.
    public var comparison: OutcomeComparison

    // Snake case would make "arrests_per100_crimes" of the per-hundred figure; the contract spells it in full.
    enum CodingKeys: String, CodingKey {
        case from, to, area, daIncidents, daCrimes, crimesByType, victims, victimsBySex, victimsByEthnicity, repeatVictimIncidents
        case repeatVictimIncidentShare, repeatVictims, arrests, outcomes, positiveOutcomes, caseload, marac, satisfaction, comparison
        case arrestsPer100Crimes = "arrests_per_100_crimes"
    }
}

/// The rules the figures follow (rule 31), each in one place.
public enum FigureRules {
    /// A period from two days, `to` exclusive, as London midnights. Errors name the field.
    public static func period(from rawFrom: String?, to rawTo: String?) throws -> (from: String, to: String, start: Date, end: Date) {
        var errors: [FieldError] = []
        let from = trimmedNonEmpty(rawFrom).flatMap(CalendarDate.normalise)
        let to = trimmedNonEmpty(rawTo).flatMap(CalendarDate.normalise)
        if from == nil { errors.append(FieldError("from", "Give the period's first day as YYYY-MM-DD, like 2026-01-01.")) }
        if to == nil { errors.append(FieldError("to", "Give the day after the period's last as YYYY-MM-DD, like 2027-01-01 (to is exclusive).")) }
        guard errors.isEmpty, let from, let to, let start = startOfDay(from), let end = startOfDay(to) else { throw DomainError.invalid(errors) }
        guard start < end else { throw DomainError.invalid([FieldError("to", "The period ends before it starts: to is the day after its last day.")]) }
        return (from, to, start, end)
    }

    /// Midnight at the start of a London day.
    public static func startOfDay(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Calendar.forceLocal.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// How far back before a period the repeat rule must read her history: the policy's window (none: all of it).
    public static func historyStart(_ start: Date, policy: ForcePolicy) -> Date {
        guard let months = policy.repeatVictimWindowMonths else { return Date(timeIntervalSince1970: 0) }
        return Calendar.utc.date(byAdding: .month, value: -months, to: start) ?? start
    }

    /// Counts a period's incidents (those in `area` when one is given) by the definitions above. `victimTimes` is every
    /// time a record was a victim from `historyStart` to the period's end; `clusters` joins records confirmed to be one
    /// person. Repeat status is rule 2's, by the call screen's own function (`VictimStatus.compute`).
    public static func count(
        _ all: [FigureIncident], victimTimes: [(personID: String, at: Date)], clusters: PersonClusters, area: Area?, areas: [Area],
        policy: ForcePolicy
    ) -> (
        daIncidents: Int, daCrimes: Int, crimesByType: [String: Int], victims: Int, victimsBySex: [String: Int], victimsByEthnicity: [String: Int],
        repeatVictimIncidents: Int, repeatVictims: Int, arrests: Int, outcomes: [String: Int], positiveOutcomes: Int
    ) {
        let incidents = area.map { area in all.filter { AreaRules.area(covering: $0.postcode, among: areas)?.id == area.id } } ?? all
        return count(incidents, history: victimHistory(victimTimes, clusters: clusters), clusters: clusters, policy: policy)
    }

    /// When each person (records confirmed to be one person together) was a victim: what the repeat rule reads. Made
    /// once for however many counts read it.
    public static func victimHistory(_ victimTimes: [(personID: String, at: Date)], clusters: PersonClusters) -> [String: [Date]] {
        var times: [String: [Date]] = [:]
        for (personID, at) in victimTimes { times[clusters.canonical(personID), default: []].append(at) }
        return times
    }

    /// Counts these incidents by the definitions above, each person's history as a victim given (`victimHistory`).
    public static func count(
        _ incidents: [FigureIncident], history times: [String: [Date]], clusters: PersonClusters, policy: ForcePolicy
    ) -> (
        daIncidents: Int, daCrimes: Int, crimesByType: [String: Int], victims: Int, victimsBySex: [String: Int], victimsByEthnicity: [String: Int],
        repeatVictimIncidents: Int, repeatVictims: Int, arrests: Int, outcomes: [String: Int], positiveOutcomes: Int
    ) {
        var crimesByType: [String: Int] = [:]
        var outcomes = Dictionary(uniqueKeysWithValues: CrimeOutcome.Kind.allCases.map { ($0.rawValue, 0) })
        var victims: [String: FigureVictim] = [:]
        var repeatVictims = Set<String>()
        var repeatIncidents = 0, crimes = 0, arrests = 0, positive = 0
        let positiveKinds = Set(policy.positiveOutcomes)
        for incident in incidents {
            var isRepeat = false
            for victim in incident.victims {
                let person = clusters.canonical(victim.personID)
                // Her sex and ethnicity from whichever of her records states them.
                var known = victims[person] ?? victim
                if known.sex == .unknown { known.sex = victim.sex }
                if known.ethnicity == nil { known.ethnicity = victim.ethnicity }
                victims[person] = known
                let status = VictimStatus.compute(earlierIncidents: times[person] ?? [], at: incident.occurredAt, person: nil, policy: policy)
                if status.isRepeat { (isRepeat, _) = (true, repeatVictims.insert(person)) }
            }
            if isRepeat { repeatIncidents += 1 }
            guard incident.isCrime else { continue }
            crimes += 1
            crimesByType[incident.crime?.rawValue ?? "unclassified", default: 0] += 1
            arrests += incident.arrests
            for kind in incident.outcomes { outcomes[kind.rawValue, default: 0] += 1 }
            if incident.outcomes.contains(where: positiveKinds.contains) { positive += 1 }
        }
        var bySex = Dictionary(uniqueKeysWithValues: Sex.allCases.map { ($0.rawValue, 0) })
        var byEthnicity: [String: Int] = [:]
        for victim in victims.values {
            bySex[victim.sex.rawValue, default: 0] += 1
            byEthnicity[victim.ethnicity ?? "not_stated", default: 0] += 1
        }
        return (
            incidents.count, crimes, crimesByType, victims.count, bySex, byEthnicity, repeatIncidents, repeatVictims.count, arrests, outcomes, positive
        )
    }

    /// A share as a fraction to four places; nil when there is nothing to divide by.
    public static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }

    /// Arrests per hundred DA crimes, to one place; nil with no crimes.
    public static func per100(_ arrests: Int, crimes: Int) -> Double? {
        crimes == 0 ? nil : (Double(arrests) * 100 / Double(crimes) * 10).rounded() / 10
    }
}

extension SafeguardService {
    /// The force's figures for a period (rule 31), force-wide or for one area: the nine pieces of data HMIC asked
    /// for, computed from the records as they are now. For analysts and DA specialists (exact figures; leaders get
    /// them suppressed, later); audited as a look at the figures.
    public func figures(_ actor: Actor, from rawFrom: String?, to rawTo: String?, area rawArea: String?) async throws -> ForceFigures {
        try actor.require(.viewCaseload)
        let period = try FigureRules.period(from: rawFrom, to: rawTo)
        let now = clock.now()
        let rules = policy
        // Reference totals are monthly: the months the period touches.
        let months = FigureRules.months(from: period.start, to: period.end).map(\.month)
        let (facts, areas, area) = try await repositories.read { tx in
            let areas = try await tx.areas.all()
            let area = try trimmedNonEmpty(rawArea).map { try AreaRules.area(code: $0, among: areas) }
            return (
                (
                    incidents: try await tx.figures.incidents(from: period.start, to: period.end),
                    times: try await tx.figures.victimTimes(from: FigureRules.historyStart(period.start, policy: rules), to: period.end),
                    pairs: try await tx.perpetrators.confirmedPairs(), open: try await tx.cases.openCounts(at: period.end),
                    satisfaction: try await self.satisfactionFigures(tx, from: period.start, to: period.end),
                    reference: try await tx.referenceFigures.months(from: months.first ?? "", to: months.last ?? "")
                ), areas, area
            )
        }
        let counted = FigureRules.count(
            facts.incidents, victimTimes: facts.times, clusters: PersonClusters(confirmedPairs: facts.pairs), area: area, areas: areas, policy: rules)
        let lastDay = CalendarDate.string(period.end.addingTimeInterval(-12 * 3600))
        let marac = try await maracFigures(actor, from: period.from, to: lastDay, area: area?.code)
        try await repositories.transaction { tx in
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewFigures,
                    detail: "figures \(period.from)..\(period.to) \(area?.code ?? "force"): incidents=\(counted.daIncidents)"))
        }
        return ForceFigures(
            from: period.from, to: period.to, area: area?.code, daIncidents: counted.daIncidents, daCrimes: counted.daCrimes,
            crimesByType: counted.crimesByType, victims: counted.victims, victimsBySex: counted.victimsBySex,
            victimsByEthnicity: counted.victimsByEthnicity, repeatVictimIncidents: counted.repeatVictimIncidents,
            repeatVictimIncidentShare: FigureRules.share(counted.repeatVictimIncidents, of: counted.daIncidents), repeatVictims: counted.repeatVictims,
            arrests: counted.arrests, arrestsPer100Crimes: FigureRules.per100(counted.arrests, crimes: counted.daCrimes), outcomes: counted.outcomes,
            positiveOutcomes: counted.positiveOutcomes, caseload: Caseload(on: lastDay, counts: facts.open), marac: marac,
            satisfaction: facts.satisfaction,
            comparison: ReferenceFigureRules.compare(
                daCrimes: counted.daCrimes, daOutcomes: counted.outcomes, daPositive: counted.positiveOutcomes, reference: facts.reference, months: months,
                policy: rules))
    }
}
