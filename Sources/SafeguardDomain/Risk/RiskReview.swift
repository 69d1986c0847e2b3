import Foundation

/// Why a reviewer changes a risk level. There is deliberately no "capacity" reason: nothing in Safeguard lets the
/// number of high-risk cases, or anyone's workload, lower a level (rule 16).
public enum LevelChangeReason: String, Sendable, Codable, CaseIterable {
    case newInformation = "new_information"
    case riskFactorMissed = "risk_factor_missed"
    case riskFactorOverstated = "risk_factor_overstated"
    case professionalJudgement = "professional_judgement"
    case circumstancesChanged = "circumstances_changed"

    public var label: String {
        switch self {
        case .newInformation: "New information"
        case .riskFactorMissed: "A risk factor was missed"
        case .riskFactorOverstated: "A risk factor was overstated"
        case .professionalJudgement: "Professional judgement on the same information"
        case .circumstancesChanged: "The victim's circumstances have changed"
        }
    }
}

/// A recorded change of risk level (rule 16): who, when, from, to, why, and what new information justified it.
public struct LevelDecision: Sendable, Equatable, Codable {
    public var id: String
    public var assessmentID: String
    public var fromLevel: RiskLevel
    public var toLevel: RiskLevel
    public var reason: LevelChangeReason
    public var explanation: String
    public var newInformation: String?
    /// A downgrade with no new information: shown for scrutiny.
    public var flaggedForScrutiny: Bool
    public var byUsername: String
    public var byRole: Role
    public var at: Date

    public init(
        id: String, assessmentID: String, fromLevel: RiskLevel, toLevel: RiskLevel, reason: LevelChangeReason, explanation: String,
        newInformation: String?, flaggedForScrutiny: Bool, byUsername: String, byRole: Role, at: Date
    ) {
        self.id = id
        self.assessmentID = assessmentID
        self.fromLevel = fromLevel
        self.toLevel = toLevel
        self.reason = reason
        self.explanation = explanation
        self.newInformation = newInformation
        self.flaggedForScrutiny = flaggedForScrutiny
        self.byUsername = byUsername
        self.byRole = byRole
        self.at = at
    }
}

/// What a reviewer sends: agree, or change the level with a reason.
public struct RiskReviewDraft: Sendable, Equatable, Codable {
    public var qualityNote: String?
    /// Empty to agree with the level as it stands.
    public var newLevel: String?
    public var reason: String?
    public var explanation: String?
    public var newInformation: String?

    public init(qualityNote: String? = nil, newLevel: String? = nil, reason: String? = nil, explanation: String? = nil, newInformation: String? = nil) {
        self.qualityNote = qualityNote
        self.newLevel = newLevel
        self.reason = reason
        self.explanation = explanation
        self.newInformation = newInformation
    }
}

extension RiskLevel {
    var rank: Int {
        switch self {
        case .standard: 0
        case .medium: 1
        case .high: 2
        }
    }
}

/// Rule 16's checks on a change of level.
public enum LevelChangeRules {
    /// Phrases that make the *service's* capacity or workload the reason, matched on whole words. Words such as
    /// "resources" or "busy" alone are not enough: "she has no financial resources" is economic abuse, not capacity,
    /// and "he is busy at work" says nothing about the police.
    static let capacityPhrases = [
        "no capacity", "lack of capacity in", "our capacity", "team capacity", "unit capacity", "police capacity", "at capacity", "over capacity",
        "capacity issues", "capacity reasons", "capacity constraints", "workload", "workloads", "work load", "caseload", "caseloads", "case load",
        "too many cases", "too many high", "too many referrals", "short staffed", "short-staffed", "understaffed", "under staffed", "staffing",
        "staff shortages", "resourcing", "no one available", "nobody available", "no officers available", "no officer available",
        "not enough officers", "not enough staff", "lack of staff", "quota", "backlog", "our resources", "police resources", "team resources",
        "unit resources", "limited resources", "lack of resources", "insufficient resources", "resource constraints", "resource pressures",
        "pressure on resources", "we are busy", "we're busy", "we are too busy", "team is busy", "team are busy", "unit is busy", "officers are busy",
        "too busy", "demand on the team", "demand on the unit", "team is stretched", "we are stretched"
    ]

    /// The capacity wording in `text`, if any: the one list every "never capacity" check asks. Matched on whole words,
    /// case and punctuation aside.
    public static func capacityWording(in text: String) -> String? {
        let words =
            " " + text.lowercased().map { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "-" ? $0 : " " }.split(separator: " ").joined(separator: " ") + " "
        return capacityPhrases.first { words.contains(" \($0) ") }
    }

    /// Checks a change; returns the checked values and whether it must be flagged for scrutiny.
    /// `yesCount` and `instrument`: the reviewed assessment's "yes" answers and checklist. Once they meet its
    /// visible-high-risk count the level may not go below high (`VisibleHighRiskFloor`), new information or not.
    public static func check(_ draft: RiskReviewDraft, current: RiskLevel, yesCount: Int = 0, instrument: RiskInstrument? = nil) throws
        -> (level: RiskLevel, reason: LevelChangeReason, explanation: String, newInformation: String?, scrutiny: Bool)?
    {
        guard trimmedNonEmpty(draft.newLevel) != nil else { return nil }
        var errors: [FieldError] = []
        let level: RiskLevel? = choice(draft.newLevel, "new_level", &errors, what: "the new level")
        let reason: LevelChangeReason? = choice(draft.reason, "reason", &errors, what: "why the level changes")
        let explanation = trimmedNonEmpty(draft.explanation)
        if (explanation?.count ?? 0) < 20 {
            errors.append(FieldError("explanation", "Explain the change in your own words (at least 20 characters): the next person will rely on it."))
        }
        // Only a lowering can rest on capacity (rule 16): raising a level because a team has no one free is not the
        // failure the rule guards against, and the words may well be about her.
        let text = ([draft.explanation, draft.newInformation].compactMap { $0 }.joined(separator: " ")).lowercased()
        if let level, level.rank < current.rank, let word = capacityWording(in: text) {
            errors.append(
                FieldError(
                    "explanation", "Capacity or workload (\"\(word)\") is never a reason to change a risk level. Say what about the victim's risk has changed.")
            )
        }
        let newInformation = substantive(draft.newInformation)
        if reason == .newInformation && newInformation == nil {
            errors.append(FieldError("new_information", "Say what the new information is."))
        }
        if let level, level == current { errors.append(FieldError("new_level", "The level is already \(level.rawValue).")) }
        if let level, let instrument, let floor = VisibleHighRiskFloor.violation(level, yesCount: yesCount, instrument: instrument, field: "new_level") {
            errors.append(floor)
        }
        guard errors.isEmpty, let level, let reason, let explanation else { throw DomainError.invalid(errors) }
        let downgrade = level.rank < current.rank
        let scrutiny = downgrade && newInformation == nil
        return (level, reason, explanation, newInformation, scrutiny)
    }

    /// What a reviewer typed as new information, unless it says nothing ("n/a", "none", "-"): a placeholder must not
    /// lift the scrutiny flag a downgrade without new information carries.
    static func substantive(_ text: String?) -> String? {
        guard let text = trimmedNonEmpty(text) else { return nil }
        let words = text.lowercased().split { !$0.isLetter }.joined(separator: " ")
        let placeholders: Set<String> = [
            "n a", "na", "none", "no", "nil", "nothing", "nothing new", "no new information", "none given", "same",
            "as above", "see above", "not applicable", "unknown", "tbc"
        ]
        if words.filter(\.isLetter).count < 6 || placeholders.contains(words) { return nil }
        return text
    }

    /// A fresh assessment that puts her below the level her case already holds lowers her risk as surely as a review
    /// does, so it reaches the reviewer flagged: a lower level is never set unseen (rule 16). Nil when not lower.
    public static func loweredByReassessment(_ level: RiskLevel, caseLevel: RiskLevel?) -> String? {
        guard let caseLevel, level.rank < caseLevel.rank else { return nil }
        return "Lower than her case's current level (\(caseLevel.rawValue)): a reassessment that lowers her risk must be checked"
    }

    /// Whether a standard-risk assessment is drawn for the specialist's dip sample: a stable draw from its id,
    /// so the same assessment is always in or out and the share over many is the policy's.
    public static func inDipSample(assessmentID: String, level: RiskLevel, share: Double) -> Bool {
        guard level == .standard, share > 0 else { return false }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in assessmentID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Double(hash % 10_000) / 10_000 < share
    }
}
