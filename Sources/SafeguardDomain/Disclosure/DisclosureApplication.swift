import Foundation

/// How a Clare's Law (Domestic Violence Disclosure Scheme) application began (rule 26; statutory guidance 2023).
public enum DisclosureRoute: String, Sendable, Codable, CaseIterable {
    /// The partner, or someone close to her, asks about his past.
    case rightToAsk = "right_to_ask"
    /// The police or a partner agency start it, having learnt something she should know.
    case rightToKnow = "right_to_know"

    public var label: String { self == .rightToAsk ? "Right to ask" : "Right to know" }
}

/// The steps of an application, in the order the guidance sets them.
public enum DisclosureStepKind: String, Sendable, Codable, CaseIterable {
    /// Checks on the police systems within 24 hours of the application: is she at immediate risk?
    case initialChecks = "initial_checks"
    /// Immediate risk found: act at once (safeguarding, not waiting for the forum).
    case immediateRiskAction = "immediate_risk_action"
    /// The applicant (and the person at risk) seen face to face, identity verified.
    case identityVerified = "identity_verified"
    /// His history, from every record confirmed to be him, and partners' information.
    case research
    /// The multi-agency forum's decision: pressing need, lawful, necessary, proportionate — with its reasons.
    case forumDecision = "forum_decision"
    /// Disclosure made, spoken in person or by video, with a safety plan; never handed over in writing.
    case disclosureMade = "disclosure_made"
    /// Closed: no disclosure, withdrawn, or after the disclosure.
    case closed

    public var label: String {
        switch self {
        case .initialChecks: "Initial checks"
        case .immediateRiskAction: "Immediate risk: action taken"
        case .identityVerified: "Identity verified face to face"
        case .research: "Research"
        case .forumDecision: "Multi-agency decision"
        case .disclosureMade: "Disclosure made"
        case .closed: "Closed"
        }
    }
}

/// How a disclosure is made: spoken, never written down and handed over.
public enum DisclosureMethod: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"
    case video
}

/// The force's clocks for the scheme (policy; the guidance's defaults).
public struct DisclosureClocks: Sendable, Equatable {
    public var initialChecksHours: Int
    public var decisionDays: Int
    public init(initialChecksHours: Int = 24, decisionDays: Int = 28) {
        self.initialChecksHours = initialChecksHours
        self.decisionDays = decisionDays
    }
}

/// Rule 26's workflow rules: the clocks, the order of the steps, what the forum's decision must hold, how a
/// disclosure is made, and who may see the applicant.
public enum DisclosureRules {
    /// Initial checks are due this long after the application is received.
    public static func initialChecksDue(receivedAt: Date, clocks: DisclosureClocks) -> Date {
        receivedAt.addingTimeInterval(Double(clocks.initialChecksHours) * 3600)
    }

    /// The decision (disclose or not) is due this long after the application is received, whatever happens between.
    public static func decisionDue(receivedAt: Date, clocks: DisclosureClocks) -> Date {
        receivedAt.addingTimeInterval(Double(clocks.decisionDays) * 86_400)
    }

    /// Whether `kind` may be recorded after the steps already `done`: initial checks first; the immediate-risk route
    /// at any time after them; identity, research and the forum in order; a disclosure only after a decision to
    /// disclose; closing at any time. Nothing after closing.
    public static func mayRecord(_ kind: DisclosureStepKind, after done: [DisclosureStepKind], forumDisclosed: Bool) -> String? {
        if done.contains(.closed) { return "This application is closed." }
        let needs: [DisclosureStepKind: DisclosureStepKind] = [
            .immediateRiskAction: .initialChecks, .identityVerified: .initialChecks, .research: .identityVerified, .forumDecision: .research,
            .disclosureMade: .forumDecision
        ]
        if kind != .initialChecks, kind != .closed, let before = needs[kind], !done.contains(before) {
            return "Record \(before.label.lowercased()) first."
        }
        if kind != .immediateRiskAction, done.contains(kind) { return "\(kind.label) is already recorded." }
        if kind == .disclosureMade && !forumDisclosed { return "The forum decided not to disclose; close the application instead." }
        return nil
    }

    /// The forum may decide to disclose only when all four tests are met, and says why either way.
    public static func checkForum(pressingNeed: Bool?, lawful: Bool?, necessary: Bool?, proportionate: Bool?, disclose: Bool?, reasons: String?) throws
        -> (disclose: Bool, reasons: String)
    {
        var errors: [FieldError] = []
        for (field, value) in [("pressing_need", pressingNeed), ("lawful", lawful), ("necessary", necessary), ("proportionate", proportionate)]
        where value == nil {
            errors.append(FieldError(field, "Record the forum's answer: yes or no."))
        }
        if disclose == nil { errors.append(FieldError("disclose", "Record whether the forum decided to disclose.")) }
        if disclose == true, [pressingNeed, lawful, necessary, proportionate].contains(false) {
            errors.append(FieldError("disclose", "A disclosure must meet all four tests: a pressing need, lawful, necessary and proportionate."))
        }
        let why = trimmedNonEmpty(reasons)
        if (why?.count ?? 0) < 20 {
            errors.append(FieldError("reasons", "Record the forum's reasons (at least 20 characters): they are kept with the decision."))
        }
        guard errors.isEmpty, let disclose, let why else { throw DomainError.invalid(errors) }
        return (disclose, why)
    }

    /// A disclosure is spoken — in person or by video — with a safety plan; it is never handed over in writing.
    public static func checkDisclosure(method raw: String?, safetyPlan: String?) throws -> (method: DisclosureMethod, safetyPlan: String) {
        var errors: [FieldError] = []
        let method: DisclosureMethod? = choice(raw, "method", &errors, what: "how it was disclosed (in person or by video; never in writing)")
        let plan = trimmedNonEmpty(safetyPlan)
        if (plan?.count ?? 0) < 10 { errors.append(FieldError("safety_plan", "Record the safety plan made with her when she was told.")) }
        guard errors.isEmpty, let method, let plan else { throw DomainError.invalid(errors) }
        return (method, plan)
    }

    /// Who may see an application, and with it the applicant: those who run the scheme. Nobody who deals with the
    /// subject sees it through him — a regulator reprimanded a body for revealing applicants to their partners.
    public static func mayHandle(_ role: Role) -> Bool { role.can(.handleDisclosure) }
}

/// The forum's decision, with the four tests and its reasons (kept with the application).
public struct ForumDecision: Sendable, Equatable, Codable {
    public var pressingNeed: Bool
    public var lawful: Bool
    public var necessary: Bool
    public var proportionate: Bool
    public var disclose: Bool
    public var reasons: String
    public init(pressingNeed: Bool, lawful: Bool, necessary: Bool, proportionate: Bool, disclose: Bool, reasons: String) {
        self.pressingNeed = pressingNeed
        self.lawful = lawful
        self.necessary = necessary
        self.proportionate = proportionate
        self.disclose = disclose
        self.reasons = reasons
    }
}

/// One step recorded on an application.
public struct DisclosureStep: Sendable, Equatable, Codable {
    public var id: String
    public var kind: DisclosureStepKind
    public var at: Date
    public var by: String
    public var note: String?
    /// Initial checks: whether she is at immediate risk (the immediate-risk route then acts at once).
    public var immediateRisk: Bool?
    public var forum: ForumDecision?
    public var method: DisclosureMethod?
    public var safetyPlan: String?
    public init(
        id: String, kind: DisclosureStepKind, at: Date, by: String, note: String?, immediateRisk: Bool? = nil, forum: ForumDecision? = nil,
        method: DisclosureMethod? = nil, safetyPlan: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.at = at
        self.by = by
        self.note = note
        self.immediateRisk = immediateRisk
        self.forum = forum
        self.method = method
        self.safetyPlan = safetyPlan
    }
}

/// A Clare's Law application (rule 26): who asked or why the police began, about whom, for whom, its steps and clocks.
/// The applicant is seen only by those who run the scheme (`DisclosureRules.mayHandle`).
public struct DisclosureApplication: Sendable, Equatable, Codable {
    public var id: String
    public var reference: String
    public var route: DisclosureRoute
    /// Who applied (right to ask), or the officer or agency that began it (right to know).
    public var applicantName: String
    /// The applicant's relation to the person at risk: herself, her mother, a friend, an agency.
    public var applicantRelationship: String
    /// How to reach the applicant safely.
    public var applicantContact: String?
    /// The person who may be at risk (the partner), when on record.
    public var atRiskPersonID: String?
    /// The person asked about.
    public var subjectPersonID: String
    public var receivedAt: Date
    public var receivedBy: String
    public var initialChecksDueAt: Date
    public var decisionDueAt: Date
    public var steps: [DisclosureStep]

    public init(
        id: String, reference: String, route: DisclosureRoute, applicantName: String, applicantRelationship: String, applicantContact: String?,
        atRiskPersonID: String?, subjectPersonID: String, receivedAt: Date, receivedBy: String, initialChecksDueAt: Date, decisionDueAt: Date,
        steps: [DisclosureStep]
    ) {
        self.id = id
        self.reference = reference
        self.route = route
        self.applicantName = applicantName
        self.applicantRelationship = applicantRelationship
        self.applicantContact = applicantContact
        self.atRiskPersonID = atRiskPersonID
        self.subjectPersonID = subjectPersonID
        self.receivedAt = receivedAt
        self.receivedBy = receivedBy
        self.initialChecksDueAt = initialChecksDueAt
        self.decisionDueAt = decisionDueAt
        self.steps = steps
    }

    public var done: [DisclosureStepKind] { steps.map(\.kind) }
    public var isClosed: Bool { done.contains(.closed) }
    /// The forum's decision, once made.
    public var forum: ForumDecision? { steps.last { $0.kind == .forumDecision }?.forum }
    /// When the decision was reached: the forum, or a closing before one.
    public var decidedAt: Date? { steps.first { $0.kind == .forumDecision || $0.kind == .closed }?.at }
    public var disclosed: Bool { done.contains(.disclosureMade) }
    /// Overdue on `now`: initial checks not done in time, or no decision by the 28th day.
    public func overdue(at now: Date) -> [String] {
        var late: [String] = []
        if !done.contains(.initialChecks) && now > initialChecksDueAt { late.append("initial checks") }
        if decidedAt == nil && now > decisionDueAt { late.append("the decision") }
        return late
    }
}

/// An application as typed.
public struct DisclosureApplicationDraft: Sendable, Equatable, Codable {
    public var route: String?
    public var applicantName: String?
    public var applicantRelationship: String?
    public var applicantContact: String?
    public var atRiskPersonID: String?
    public var subjectPersonID: String?
    public init(
        route: String? = nil, applicantName: String? = nil, applicantRelationship: String? = nil, applicantContact: String? = nil,
        atRiskPersonID: String? = nil, subjectPersonID: String? = nil
    ) {
        self.route = route
        self.applicantName = applicantName
        self.applicantRelationship = applicantRelationship
        self.applicantContact = applicantContact
        self.atRiskPersonID = atRiskPersonID
        self.subjectPersonID = subjectPersonID
    }
}

/// A step as typed.
public struct DisclosureStepDraft: Sendable, Equatable, Codable {
    public var kind: String?
    public var note: String?
    public var immediateRisk: Bool?
    public var pressingNeed: Bool?
    public var lawful: Bool?
    public var necessary: Bool?
    public var proportionate: Bool?
    public var disclose: Bool?
    public var reasons: String?
    public var method: String?
    public var safetyPlan: String?
    public init(
        kind: String? = nil, note: String? = nil, immediateRisk: Bool? = nil, pressingNeed: Bool? = nil, lawful: Bool? = nil, necessary: Bool? = nil,
        proportionate: Bool? = nil, disclose: Bool? = nil, reasons: String? = nil, method: String? = nil, safetyPlan: String? = nil
    ) {
        self.kind = kind
        self.note = note
        self.immediateRisk = immediateRisk
        self.pressingNeed = pressingNeed
        self.lawful = lawful
        self.necessary = necessary
        self.proportionate = proportionate
        self.disclose = disclose
        self.reasons = reasons
        self.method = method
        self.safetyPlan = safetyPlan
    }
}

/// The scheme's figures for a period: applications, the disclosure rate, days to decision.
public struct DisclosureFigures: Sendable, Equatable, Codable {
    public var applications: Int
    public var rightToAsk: Int
    public var rightToKnow: Int
    public var decided: Int
    public var disclosed: Int
    /// Disclosures as a share of decided applications (a fraction); nil before any decision.
    public var disclosureRate: Double?
    /// Median whole days from application to decision; nil before any decision.
    public var medianDaysToDecision: Int?
    public var decidedWithin28Days: Int
}
