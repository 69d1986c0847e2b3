import Foundation

/// Repeat and vulnerable victim status under the force's own definitions (rule 2), computed from the person's
/// incidents across every record confirmed to be them. The figures (issue 6) will call the same functions.
public struct VictimStatus: Sendable, Equatable, Codable {
    public var isRepeat: Bool
    /// Earlier incidents counted by the force's definition (within the window, or all when it has none).
    public var previousIncidentsCounted: Int
    /// The definition applied, in words (e.g. "another incident within 12 months").
    public var repeatDefinition: String
    public var isVulnerable: Bool
    public var vulnerableBecause: [String]

    /// Rule 2: a victim is a repeat victim when they were a victim in at least one earlier incident inside the
    /// policy's window before `at` (West Mercia and Norfolk: 12 months; Lancashire: no limit, `nil`).
    public static func compute(earlierIncidents: [Date], at: Date, person: Person?, policy: ForcePolicy) -> VictimStatus {
        let counted: Int
        let definition: String
        if let months = policy.repeatVictimWindowMonths {
            let start = Calendar.utc.date(byAdding: .month, value: -months, to: at) ?? at
            counted = earlierIncidents.filter { $0 >= start && $0 < at }.count
            definition = "another incident within \(months) months"
        } else {
            counted = earlierIncidents.filter { $0 < at }.count
            definition = "any earlier incident"
        }
        var because: [String] = []
        if let person {
            if policy.vulnerableIfRecordedVulnerability, !person.vulnerabilities.isEmpty {
                because.append(contentsOf: person.vulnerabilities)
            }
            if let dob = person.dateOfBirth, let age = CalendarDate.age(of: dob, at: at) {
                if let under = policy.vulnerableAgeUnder, age < under { because.append("aged under \(under)") }
                if let from = policy.vulnerableAgeFrom, age >= from { because.append("aged \(from) or over") }
            }
        }
        return VictimStatus(
            isRepeat: counted > 0, previousIncidentsCounted: counted, repeatDefinition: definition,
            isVulnerable: !because.isEmpty, vulnerableBecause: because)
    }
}

extension Calendar {
    /// A Gregorian calendar in UTC: date arithmetic that does not move with the server's time zone.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The force's own clock on the wall (England: Europe/London, with summer time). What people type and read —
    /// "due by 09:00", "before the school day starts" — is in this time, and the pages show times in it.
    static let forceLocal: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar
    }()
}

extension SafeguardService {
    /// Rule 2's one definition of a repeat (and vulnerable) victim, used by the call, the incident page, the briefing
    /// and every figure: her earlier incidents as a victim, before `at`, across her record, the records confirmed to be
    /// her and those strongly proposed (at or above the policy's propose threshold — a human has not yet confirmed them,
    /// but leaving out a likely record of her would under-grade the call that matters). `excluding` is this incident.
    /// Returns the status and the history it was read from.
    func victimStatus(_ tx: any RepositoryTransaction, person: Person, at: Date, excluding incidentID: String?) async throws -> (
        status: VictimStatus, history: PersonHistory
    ) {
        let history = try await repeatHistory(tx, personID: person.id)
        return (victimStatus(person: person, at: at, excluding: incidentID, history: history), history)
    }

    /// The records and incidents the definition reads: hers, and those of records confirmed or strongly proposed to be her.
    func repeatHistory(_ tx: any RepositoryTransaction, personID: String) async throws -> PersonHistory {
        try await PersonHistory.gather(tx, personID: personID, proposedAtLeast: policy.matchProposeThreshold)
    }

    /// The status from a history already read with `repeatHistory` (the briefing reads it once for all it shows).
    func victimStatus(person: Person, at: Date, excluding incidentID: String?, history: PersonHistory) -> VictimStatus {
        VictimStatus.compute(earlierIncidents: history.victimDates(excluding: incidentID).filter { $0 < at }, at: at, person: person, policy: policy)
    }
}
