import Foundation

/// Everything that must happen, as one kind of thing (rules 9, 12, 17, 20): an owner, a due time, where it came from,
/// how it was completed, and — if it ran late — who it was escalated to.
public struct CaseTask: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case safetyPlanReview = "safety_plan_review"
        case safetyAction = "safety_action"
        case childrenSocialCareReferral = "childrens_social_care_referral"
        case schoolNotification = "school_notification"
        case noArrestReview = "no_arrest_review"
        case reallocateCase = "reallocate_case"
        case reassessRisk = "reassess_risk"
        case tellVictim = "tell_victim"
        case bookCourtHearing = "book_court_hearing"
        case checkOnVictim = "check_on_victim"
        case cautionReview = "caution_review"
        case nameInvestigator = "name_investigator"
        case evidenceLedCase = "evidence_led_case"
        case scrutiniseDowngrade = "scrutinise_downgrade"
        case reviewAssessment = "review_assessment"
        case dipSampleReview = "dip_sample_review"
        case referToMarac = "refer_to_marac"
        case offerIdva = "offer_idva"
        case sendMaracMinutes = "send_marac_minutes"
        case chaseMaracAction = "chase_marac_action"
        case investigateBreach = "investigate_breach"
        case checkRequirement = "check_requirement"
        case dvdsInitialChecks = "dvds_initial_checks"
        case dvdsDecision = "dvds_decision"
        case homicideReviewRecommendation = "homicide_review_recommendation"
        case surveyImmediateResponse = "survey_immediate_response"
        case qualitySampleReview = "quality_sample_review"

        public var title: String {
            switch self {
            case .safetyPlanReview: "Review the safety plan"
            case .safetyAction: "Safety action"
            case .childrenSocialCareReferral: "Refer to children's social care"
            case .schoolNotification: "Tell the child's school"
            case .noArrestReview: "Review the no-arrest decision"
            case .reallocateCase: "Give this case a new owner"
            case .reassessRisk: "Reassess the victim's risk"
            case .tellVictim: "Tell the victim"
            case .bookCourtHearing: "Book the court hearing for the notice"
            case .checkOnVictim: "Find out why she has stopped calling, safely"
            case .cautionReview: "Review the caution for a domestic abuse crime"
            case .nameInvestigator: "Name the investigator for the crime"
            case .evidenceLedCase: "Build an evidence-led case"
            case .scrutiniseDowngrade: "Scrutinise a lowered risk level"
            case .reviewAssessment: "Review the risk assessment"
            case .dipSampleReview: "Dip-sample the standard-risk assessment"
            case .referToMarac: "Refer her case to MARAC"
            case .offerIdva: "Offer her an IDVA"
            case .sendMaracMinutes: "Send the MARAC's minutes"
            case .chaseMaracAction: "Chase a late MARAC action"
            case .investigateBreach: "Investigate a possible breach of an order"
            case .checkRequirement: "Check compliance with an order's requirement"
            case .dvdsInitialChecks: "Clare's Law: initial checks"
            case .dvdsDecision: "Clare's Law: decide within 28 days"
            case .homicideReviewRecommendation: "Domestic homicide review: see a recommendation implemented"
            case .surveyImmediateResponse: "Immediate response: the line went dead during her survey call"
            case .qualitySampleReview: "Review a dip sample"
            }
        }

        /// Work that belongs to whoever owns her safety, so it moves with the case when a handover is accepted (rule 15).
        /// The officer's own scene actions, reviews for supervisors and the investigator's tasks stay where they are.
        public var followsCaseOwner: Bool {
            switch self {
            case .safetyPlanReview, .reassessRisk, .checkOnVictim, .tellVictim, .referToMarac, .offerIdva: true
            default: false
            }
        }
    }

    /// Where a task stands at a moment.
    public enum State: String, Sendable, Codable { case open, dueToday = "due_today", overdue, done }

    public var id: String
    public var caseID: String?
    public var incidentID: String?
    public var kind: Kind
    /// What to do, in words (the toolkit action, the child's name and school, …).
    public var title: String
    public var owner: CaseUser
    public var dueAt: Date
    public var createdAt: Date
    /// What made this task: `incident:<id>`, `assessment:<id>`, `task:<id>` (a review that follows a review), …
    public var source: String
    public var completedAt: Date?
    public var completedBy: String?
    public var outcome: String?
    public var escalatedAt: Date?
    public var escalatedTo: CaseUser?

    public init(
        id: String, caseID: String?, incidentID: String?, kind: Kind, title: String, owner: CaseUser, dueAt: Date, createdAt: Date,
        source: String, completedAt: Date? = nil, completedBy: String? = nil, outcome: String? = nil,
        escalatedAt: Date? = nil, escalatedTo: CaseUser? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.incidentID = incidentID
        self.kind = kind
        self.title = title
        self.owner = owner
        self.dueAt = dueAt
        self.createdAt = createdAt
        self.source = source
        self.completedAt = completedAt
        self.completedBy = completedBy
        self.outcome = outcome
        self.escalatedAt = escalatedAt
        self.escalatedTo = escalatedTo
    }

    public func state(at now: Date) -> State {
        if completedAt != nil { return .done }
        if dueAt <= now { return .overdue }
        return dueAt.timeIntervalSince(now) < 86_400 ? .dueToday : .open
    }
}

/// The review clocks and deadlines (rule 17), from policy.
public enum TaskClockRules {
    /// The first safety-plan review: within `safetyPlanFirstReviewHours` of the incident (high: 24 hours).
    public static func firstReviewDue(level: RiskLevel, incidentAt: Date, policy: ForcePolicy) -> Date {
        incidentAt.addingTimeInterval(Double(policy.safetyPlanFirstReviewHours[level.rawValue] ?? 24) * 3600)
    }

    /// The review after one completed at `completedAt`, or nil if the level has no repeat (standard, by default).
    public static func nextReviewDue(level: RiskLevel, completedAt: Date, policy: ForcePolicy) -> Date? {
        policy.safetyPlanRepeatDays[level.rawValue].map { completedAt.addingTimeInterval(Double($0) * 86_400) }
    }

    /// A review due later than a stricter level allows is brought forward (a case raised to high at day 5 of a
    /// 7-day standard review must be reviewed within 24 hours of the raise, not at day 7).
    public static func tightened(existingDue: Date, level: RiskLevel, changedAt: Date, policy: ForcePolicy) -> Date {
        min(existingDue, firstReviewDue(level: level, incidentAt: changedAt, policy: policy))
    }

    /// Completion needs words: what was done, or why not (rule 19 will hold the victim-notification tasks to the same).
    public static func checkOutcome(_ text: String?) throws -> String {
        guard let outcome = trimmedNonEmpty(text) else {
            throw DomainError.invalid([FieldError("outcome", "Say what was done (or why it was not) before closing the task.")])
        }
        guard outcome.count <= 2000 else { throw DomainError.invalid([FieldError("outcome", "must be 2,000 characters or fewer.")]) }
        return outcome
    }
}
