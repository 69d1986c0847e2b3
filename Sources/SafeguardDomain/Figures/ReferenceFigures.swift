import Foundation

/// Totals a force supplies for other crime (rule 31: "outcomes compared with other victim-based and violent crime"),
/// a month at a time: the only typed-in figures, labelled as such wherever they are shown.
public struct ReferenceFigures: Sendable, Equatable, Codable {
    public enum Category: String, Sendable, Codable, CaseIterable {
        /// All victim-based crime (the Home Office's grouping).
        case victimBased = "victim_based"
        /// Violence against the person.
        case violent

        public var label: String {
            switch self {
            case .victimBased: "All victim-based crime"
            case .violent: "Violence against the person"
            }
        }
    }
    /// `YYYY-MM`.
    public var month: String
    public var category: Category
    public var crimes: Int
    /// Outcomes recorded that month, by kind (the same kinds as DA crimes').
    public var outcomes: [String: Int]
    public var enteredBy: String
    public var enteredAt: Date

    public init(month: String, category: Category, crimes: Int, outcomes: [String: Int], enteredBy: String, enteredAt: Date) {
        (self.month, self.category, self.crimes, self.outcomes, self.enteredBy, self.enteredAt) = (month, category, crimes, outcomes, enteredBy, enteredAt)
    }
}

/// DA crimes' outcomes beside other crime's for a period (rule 31).
public struct OutcomeComparison: Sendable, Equatable, Codable {
    public struct Group: Sendable, Equatable, Codable {
        public var crimes: Int
        public var outcomes: [String: Int]
        /// Outcomes the force counts as positive (policy `positiveOutcomes`).
        public var positiveOutcomes: Int
        /// Charges ÷ crimes and positive outcomes ÷ crimes, fractions; nil with no crimes.
        public var chargeRate: Double?
        public var positiveRate: Double?
    }
    public var domesticAbuse: Group
    /// Summed over the months supplied; nil when none is.
    public var victimBased: Group?
    public var violent: Group?
    /// Months of the period with both categories supplied, and those without.
    public var monthsSupplied: [String]
    public var monthsMissing: [String]
    /// Says where the reference totals come from: typed in by the force, not counted from the records.
    public var source: String
}

/// The reference data's rules, once.
public enum ReferenceFigureRules {
    public static let source = "Other crime's totals are reference data typed in by the force (month by month), not counted from these records."

    /// A month's totals, checked: `YYYY-MM`, a category, whole numbers none below 0, outcome kinds as the API names them.
    public static func check(month raw: String?, category rawCategory: String?, crimes: Int?, outcomes: [String: Int]?) throws -> (
        month: String, category: ReferenceFigures.Category, crimes: Int, outcomes: [String: Int]
    ) {
        var errors: [FieldError] = []
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let month = parts.count == 2 && text.count == 7 && (2000...2100).contains(parts[0]) && (1...12).contains(parts[1]) ? text : nil
        if month == nil { errors.append(FieldError("month", "Give the month as YYYY-MM, like 2026-03.")) }
        let category: ReferenceFigures.Category? = choice(rawCategory, "category", &errors, what: "which crime the totals are for")
        if (crimes ?? -1) < 0 { errors.append(FieldError("crimes", "Give the month's recorded crimes, 0 or more.")) }
        var checked: [String: Int] = [:]
        for (kind, count) in outcomes ?? [:] {
            guard CrimeOutcome.Kind(rawValue: kind) != nil else {
                errors.append(
                    FieldError("outcomes", "\"\(kind)\" is not an outcome: use \(CrimeOutcome.Kind.allCases.map(\.rawValue).joined(separator: ", "))."))
                continue
            }
            if count < 0 { errors.append(FieldError("outcomes", "\(kind) must be 0 or more.")) }
            checked[kind] = count
        }
        guard errors.isEmpty, let month, let category, let crimes else { throw DomainError.invalid(errors) }
        return (month, category, crimes, checked)
    }

    /// Counts as typed on the page: the crimes a whole number, each outcome a whole number or blank for none. Errors
    /// name the field (`crimes`, `outcome_<kind>`).
    public static func counts(typedCrimes: String?, typedOutcomes: [String: String]) throws -> (crimes: Int, outcomes: [String: Int]) {
        var errors: [FieldError] = []
        let crimes = trimmedNonEmpty(typedCrimes).flatMap { Int($0) }
        if crimes == nil { errors.append(FieldError("crimes", "Give the month's recorded crimes as a whole number.")) }
        var outcomes: [String: Int] = [:]
        for kind in CrimeOutcome.Kind.allCases {
            guard let typed = trimmedNonEmpty(typedOutcomes[kind.rawValue]) else { continue }
            guard let count = Int(typed) else {
                errors.append(FieldError("outcome_\(kind.rawValue)", "must be a whole number (or blank for none)."))
                continue
            }
            outcomes[kind.rawValue] = count
        }
        guard errors.isEmpty, let crimes else { throw DomainError.invalid(errors) }
        return (crimes, outcomes)
    }

    /// The comparison for a period: DA crimes' own counts beside the months of reference data that fall in it.
    public static func compare(
        daCrimes: Int, daOutcomes: [String: Int], daPositive: Int, reference: [ReferenceFigures], months: [String], policy: ForcePolicy
    ) -> OutcomeComparison {
        let positiveKinds = Set(policy.positiveOutcomes.map(\.rawValue))
        func group(crimes: Int, outcomes: [String: Int], positive: Int) -> OutcomeComparison.Group {
            OutcomeComparison.Group(
                crimes: crimes, outcomes: outcomes, positiveOutcomes: positive,
                chargeRate: FigureRules.share(outcomes[CrimeOutcome.Kind.charge.rawValue] ?? 0, of: crimes),
                positiveRate: FigureRules.share(positive, of: crimes))
        }
        func summed(_ category: ReferenceFigures.Category) -> OutcomeComparison.Group? {
            let rows = reference.filter { $0.category == category && months.contains($0.month) }
            guard !rows.isEmpty else { return nil }
            var outcomes: [String: Int] = [:]
            for row in rows { outcomes.merge(row.outcomes, uniquingKeysWith: +) }
            return group(
                crimes: rows.map(\.crimes).reduce(0, +), outcomes: outcomes,
                positive: outcomes.filter { positiveKinds.contains($0.key) }.map(\.value).reduce(0, +))
        }
        let supplied = months.filter { month in
            ReferenceFigures.Category.allCases.allSatisfy { category in reference.contains { $0.month == month && $0.category == category } }
        }
        return OutcomeComparison(
            domesticAbuse: group(crimes: daCrimes, outcomes: daOutcomes, positive: daPositive), victimBased: summed(.victimBased), violent: summed(.violent),
            monthsSupplied: supplied, monthsMissing: months.filter { !supplied.contains($0) }, source: source)
    }
}

/// Storage of the reference totals: a month and category's latest, with who typed them in.
public protocol ReferenceFiguresRepository: Sendable {
    /// Saves a month's totals for a category, replacing what was there.
    func save(_ figures: ReferenceFigures) async throws
    /// The totals for months from `fromMonth` to `toMonth` inclusive (`YYYY-MM`).
    func months(from fromMonth: String, to toMonth: String) async throws -> [ReferenceFigures]
}

extension SafeguardService {
    /// Records a month's totals for other crime (rule 31's comparison): analysts, audited. Replaces that month's.
    public func saveReferenceFigures(_ actor: Actor, month: String?, category: String?, crimes: Int?, outcomes: [String: Int]?) async throws
        -> ReferenceFigures
    {
        try actor.require(.enterReferenceFigures)
        let checked = try ReferenceFigureRules.check(month: month, category: category, crimes: crimes, outcomes: outcomes)
        let now = clock.now()
        let figures = ReferenceFigures(
            month: checked.month, category: checked.category, crimes: checked.crimes, outcomes: checked.outcomes, enteredBy: actor.user.username,
            enteredAt: now)
        try await repositories.transaction { tx in
            try await tx.referenceFigures.save(figures)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .enterReferenceFigures, recordType: "reference_figures",
                    recordID: "\(checked.month)/\(checked.category.rawValue)",
                    detail: "crimes=\(checked.crimes)"))
        }
        return figures
    }

    /// The reference totals of a calendar year, for the page that enters them.
    public func referenceFigures(_ actor: Actor, year: Int) async throws -> [ReferenceFigures] {
        try actor.require(.viewCaseload)
        return try await repositories.read { tx in
            try await tx.referenceFigures.months(from: String(format: "%04d-01", year), to: String(format: "%04d-12", year))
        }
    }
}
