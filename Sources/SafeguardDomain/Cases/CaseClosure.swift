import Foundation

/// Rule 15's other end: a case closes, with who, when and why, only when nothing on her safety is left open; and a new
/// incident soon after reopens it rather than starting her story again.
public enum CaseClosureRules {
    /// Why this actor may not close this case now, or nil when they may. Nothing on her safety may be open — a task
    /// not done, a handover not answered — and a high-risk case needs a sergeant or DA specialist to confirm it.
    public static func refusal(_ safeguardingCase: SafeguardingCase, openTasks: [CaseTask], actor: User) -> DomainError? {
        guard safeguardingCase.status == .open else { return .conflict("\(safeguardingCase.reference) is already closed.") }
        guard actor.id == safeguardingCase.owner.id || actor.role.can(.manageCases) else {
            return .forbidden("Only the case's owner, a sergeant or a DA specialist may close it.")
        }
        if !confirmsHighRisk(safeguardingCase, actor: actor) {
            return .forbidden("A high-risk case is closed only with a sergeant's or DA specialist's confirmation.")
        }
        if !openTasks.isEmpty {
            let titles = openTasks.prefix(3).map(\.title).joined(separator: "; ")
            return .invalid([FieldError("case", "\(openTasks.count) task(s) on her safety are still open (\(titles)): finish them first.")])
        }
        if safeguardingCase.pendingHandover != nil {
            return .invalid([FieldError("case", "A handover is waiting for an answer: it is accepted or declined before the case closes.")])
        }
        return nil
    }

    /// Whether `actor` is one who may close this case at all (the page offers the form to them); whether it may close
    /// now also depends on what is still open (`refusal`).
    public static func mayClose(_ safeguardingCase: SafeguardingCase, actor: User) -> Bool {
        safeguardingCase.status == .open && (actor.id == safeguardingCase.owner.id || actor.role.can(.manageCases))
            && confirmsHighRisk(safeguardingCase, actor: actor)
    }

    private static func confirmsHighRisk(_ safeguardingCase: SafeguardingCase, actor: User) -> Bool {
        safeguardingCase.riskLevel != .high || actor.role == .sergeant || actor.role == .daSpecialist
    }

    /// The reason a case closes, checked: said in words (at least 10 characters), never "capacity" (rule 16).
    public static func checkReason(_ reason: String?) -> [FieldError] {
        let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if text.count < 10 { return [FieldError("reason", "Say why the case can close (at least 10 characters): what has made her safer.")] }
        if let problem = TextInput.textProblem(text, limit: InputLimits.line) { return [FieldError("reason", problem)] }
        if let word = LevelChangeRules.capacityWording(in: text) {
            return [FieldError("reason", "Capacity or workload (\"\(word)\") is never a reason to close a case.")]
        }
        return []
    }

    /// Whether a new incident reopens her case closed at `closedAt` (within `caseReopenWindowMonths`) rather than
    /// opening a new one.
    public static func reopens(closedAt: Date, now: Date, policy: ForcePolicy) -> Bool {
        guard let limit = Calendar.forceLocal.date(byAdding: .month, value: -policy.caseReopenWindowMonths, to: now) else { return false }
        return closedAt >= limit
    }
}

/// How many cases were open at each risk level at one moment (rule 31: "caseload at every risk level on any chosen
/// date"). An unassessed case counts as standard, as allocation counts it.
public struct Caseload: Sendable, Equatable, Codable {
    public var on: String
    public var high: Int
    public var medium: Int
    public var standard: Int
    public var total: Int

    /// Counts by the level each case held (nil: not yet assessed).
    public init(on: String, counts: [RiskLevel?: Int]) {
        self.on = on
        high = counts[.high] ?? 0
        medium = counts[.medium] ?? 0
        standard = (counts[.standard] ?? 0) + (counts[nil] ?? 0)
        total = high + medium + standard
    }

    /// The end of a calendar day on the force's clock (London): cases open then are that day's caseload.
    public static func endOfDay(_ day: String) -> Date? {
        guard let canonical = CalendarDate.normalise(day) else { return nil }
        let parts = canonical.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
            let start = Calendar.forceLocal.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        else { return nil }
        return Calendar.forceLocal.date(byAdding: .day, value: 1, to: start)
    }
}
