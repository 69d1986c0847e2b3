import Foundation

/// A yes / no / not known answer to a structured question: "not known" is an answer, not a blank.
public enum Answer: String, Sendable, Codable, CaseIterable {
    case yes, no, notKnown = "not_known"

    public var label: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .notKnown: "Not known"
        }
    }
}

/// Where the suspect is now, as the caller says (national report: "the suspect has left" never lowers the grade by itself).
public enum SuspectLocation: String, Sendable, Codable, CaseIterable {
    case atScene = "at_scene", nearby, left, inCustody = "in_custody", notKnown = "not_known"

    /// Words a call handler reads.
    public var label: String {
        switch self {
        case .atScene: "At the scene"
        case .nearby: "Nearby"
        case .left: "Has left"
        case .inCustody: "In custody"
        case .notKnown: "Not known"
        }
    }
}

/// How frightened the caller says they feel, asked in every call (Essex, after the Jeanette Goodwin case).
/// The scale is the caller's, not the handler's judgement; `notSaid` records that the caller could not or would not say.
public enum FearLevel: String, Sendable, Codable, CaseIterable {
    case notFrightened = "not_frightened", aLittle = "a_little", quite, very, terrified, notSaid = "not_said"

    public var label: String {
        switch self {
        case .notFrightened: "Not frightened"
        case .aLittle: "A little frightened"
        case .quite: "Quite frightened"
        case .very: "Very frightened"
        case .terrified: "Terrified"
        case .notSaid: "Could not or would not say"
        }
    }
}

/// The structured questions of rule 4, recorded as answers so they can be counted and acted on, with the
/// caller's own words alongside where the handler wrote them.
public struct CallAnswers: Sendable, Equatable, Codable {
    public var immediateDanger: Answer
    public var suspectLocation: SuspectLocation
    public var injuries: Answer
    public var injuriesDetail: String?
    public var weapons: Answer
    public var weaponsDetail: String?
    public var childrenPresent: Answer
    public var childrenCount: Int?
    public var fear: FearLevel
    /// The caller's words about their fear, as near verbatim as the handler can.
    public var fearInTheirWords: String?

    public init(
        immediateDanger: Answer, suspectLocation: SuspectLocation, injuries: Answer, injuriesDetail: String? = nil,
        weapons: Answer, weaponsDetail: String? = nil, childrenPresent: Answer, childrenCount: Int? = nil,
        fear: FearLevel, fearInTheirWords: String? = nil
    ) {
        self.immediateDanger = immediateDanger
        self.suspectLocation = suspectLocation
        self.injuries = injuries
        self.injuriesDetail = injuriesDetail
        self.weapons = weapons
        self.weaponsDetail = weaponsDetail
        self.childrenPresent = childrenPresent
        self.childrenCount = childrenCount
        self.fear = fear
        self.fearInTheirWords = fearInTheirWords
    }
}

/// Rule 6: what makes a call *potentially* high risk, flagged to the control-room supervisor live.
/// Any one reason is enough; the supervisor sees them all. The list is deliberately cautious: a false flag costs a
/// supervisor a glance, a missed one can cost a life.
public enum PotentialHighRisk {
    /// The reasons this call is potentially high risk, in words a supervisor reads; empty when none applies.
    public static func reasons(answers: CallAnswers, abuseTypes: [AbuseType], victimIsRepeat: Bool, handlerConcern: Bool) -> [String] {
        var reasons: [String] = []
        if handlerConcern { reasons.append("Call handler's concern") }
        if answers.immediateDanger == .yes { reasons.append("Caller in immediate danger") }
        if answers.weapons == .yes { reasons.append("Weapon mentioned") }
        if answers.injuries == .yes { reasons.append("Injuries") }
        if answers.fear == .very || answers.fear == .terrified { reasons.append("Caller is \(answers.fear.label.lowercased())") }
        if abuseTypes.contains(.strangulation) { reasons.append("Strangulation or choking") }
        if abuseTypes.contains(.stalking) { reasons.append("Stalking") }
        if victimIsRepeat { reasons.append("Repeat victim") }
        if answers.childrenPresent == .yes, answers.suspectLocation == .atScene || answers.suspectLocation == .nearby {
            reasons.append("Children present with the suspect nearby")
        }
        return reasons
    }
}
