import Foundation

/// SafeLives' MARAC referral criteria (rule 21), each held in policy.
public enum MaracCriterion: String, Sendable, Codable, CaseIterable {
    /// The professional's judgement that she is at high risk: may refer a case with fewer ticks.
    case professionalJudgement = "professional_judgement"
    /// The instrument's visible-high-risk count of "yes" answers (14 of 27 on DASH).
    case visibleHighRisk = "visible_high_risk"
    /// Potential escalation: `maracEscalationIncidents` or more incidents in `maracEscalationMonths`.
    case potentialEscalation = "potential_escalation"
    /// Repeat MARAC: further abuse between the same victim and perpetrator within `maracRepeatMonths` of the last referral.
    case repeatReferral = "repeat"

    public var label: String {
        switch self {
        case .professionalJudgement: "Professional judgement"
        case .visibleHighRisk: "Visible high risk"
        case .potentialEscalation: "Potential escalation"
        case .repeatReferral: "Repeat MARAC"
        }
    }
}

/// A case referred to MARAC: which criteria were met, by which agency, with the research to share (rule 21).
public struct MaracReferral: Sendable, Equatable, Codable {
    public var id: String
    public var caseID: String
    public var caseReference: String
    public var victimPersonID: String
    /// The suspects on her case's incidents when she was referred: a repeat is further abuse by one of them.
    public var perpetratorIDs: [String]
    public var criteria: [MaracCriterion]
    public var referringAgency: Agency
    public var research: String
    public var referredBy: String
    public var referredAt: Date
    /// A further referral within the repeat window of her last one (SafeLives: a repeat MARAC case).
    public var isRepeat: Bool
    /// Until when further abuse makes her a repeat case (`maracRepeatMonths` from this referral).
    public var repeatWindowEnds: Date
    /// The meeting whose agenda heard it; nil while it waits for the next one.
    public var meetingID: String?
    /// The area whose MARAC hears it (`MaracRules.area`); nil in a force with no areas.
    public var areaID: String?
    /// Whether she identifies as LGBT+, as she said when referred.
    public var victimLGBT: LGBTIdentity = .notAsked

    // "IDs" would become "i_ds" under snake_case conversion; spelt so it becomes `perpetrator_ids`.
    enum CodingKeys: String, CodingKey {
        case id, caseID, caseReference, victimPersonID, criteria, referringAgency, research, referredBy, referredAt, isRepeat, repeatWindowEnds
        case meetingID, areaID, victimLGBT
        case perpetratorIDs = "perpetratorIds"
    }

    public init(
        id: String, caseID: String, caseReference: String, victimPersonID: String, perpetratorIDs: [String], criteria: [MaracCriterion],
        referringAgency: Agency, research: String, referredBy: String, referredAt: Date, isRepeat: Bool, repeatWindowEnds: Date,
        meetingID: String? = nil, areaID: String? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.caseReference = caseReference
        self.victimPersonID = victimPersonID
        self.perpetratorIDs = perpetratorIDs
        self.criteria = criteria
        self.referringAgency = referringAgency
        self.research = research
        self.referredBy = referredBy
        self.referredAt = referredAt
        self.isRepeat = isRepeat
        self.repeatWindowEnds = repeatWindowEnds
        self.meetingID = meetingID
        self.areaID = areaID
    }
}

/// Whether she identifies as LGBT+, as she says at referral (SafeLives' referral form asks; the quarterly return counts
/// it). Her own answer, never a guess: "not asked" and "declined" are answers too.
public enum LGBTIdentity: String, Sendable, Codable, CaseIterable {
    case yes, no, declined
    case notAsked = "not_asked"

    public var label: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .declined: "She preferred not to say"
        case .notAsked: "Not asked"
        }
    }
}

/// A referral as a person or program sent it, before it is checked.
public struct MaracReferralDraft: Sendable, Equatable, Codable {
    public var criteria: [String]
    public var referringAgency: String?
    public var research: String?
    /// `LGBTIdentity`'s raw value; absent: not asked.
    public var victimLGBT: String?
    public init(criteria: [String] = [], referringAgency: String? = nil, research: String? = nil, victimLGBT: String? = nil) {
        self.victimLGBT = victimLGBT
        self.criteria = criteria
        self.referringAgency = referringAgency
        self.research = research
    }
}

/// What the record says about her, for the criteria.
public struct MaracFacts: Sendable, Equatable {
    /// Her case's level now (the professional's judgement, as reviewed).
    public var level: RiskLevel?
    /// "Yes" answers on her newest assessment, and how many the instrument it used calls visible high risk.
    public var yesCount: Int?
    public var visibleHighRiskAt: Int?
    /// When each incident in which she was the victim happened (her record and those confirmed or strongly proposed as her).
    public var incidentDates: [Date]
    /// Her last referral, if any.
    public var lastReferral: MaracReferral?
    /// Incidents since her last referral in which one of its perpetrators (or, when none was named, anyone) harmed her.
    public var furtherAbuseSinceLastReferral: [Date]

    public init(
        level: RiskLevel?, yesCount: Int?, visibleHighRiskAt: Int?, incidentDates: [Date], lastReferral: MaracReferral?,
        furtherAbuseSinceLastReferral: [Date]
    ) {
        self.level = level
        self.yesCount = yesCount
        self.visibleHighRiskAt = visibleHighRiskAt
        self.incidentDates = incidentDates
        self.lastReferral = lastReferral
        self.furtherAbuseSinceLastReferral = furtherAbuseSinceLastReferral
    }
}

/// Rule 21: when a case meets a MARAC criterion, and what a referral must say. A referral is never automatic (a person
/// refers, with the research) and never refused for capacity or quota (rule 16): nothing here counts referrals.
public enum MaracRules {
    /// The criteria the record meets at `now`.
    public static func criteriaMet(_ f: MaracFacts, now: Date, policy: ForcePolicy) -> [MaracCriterion] {
        var met: [MaracCriterion] = []
        if f.level == .high { met.append(.professionalJudgement) }
        if let yes = f.yesCount, let at = f.visibleHighRiskAt, yes >= at { met.append(.visibleHighRisk) }
        let since = Calendar.utc.date(byAdding: .month, value: -policy.maracEscalationMonths, to: now) ?? now
        if f.incidentDates.filter({ $0 >= since && $0 <= now }).count >= policy.maracEscalationIncidents { met.append(.potentialEscalation) }
        if isRepeat(f, now: now, policy: policy) { met.append(.repeatReferral) }
        return met
    }

    /// A repeat case: further abuse after her last referral, within its window.
    public static func isRepeat(_ f: MaracFacts, now: Date, policy: ForcePolicy) -> Bool {
        guard let last = f.lastReferral else { return false }
        let ends = repeatWindowEnds(from: last.referredAt, policy: policy)
        return f.furtherAbuseSinceLastReferral.contains { $0 > last.referredAt && $0 <= ends && $0 <= now }
    }

    /// Which area's MARAC hears her case: the one covering where she lives (SafeLives: the MARAC is local to the
    /// victim), else the case owner's, else the referrer's.
    public static func area(victimPostcode: String?, ownerAreaID: String?, referrerAreaID: String?, areas: [Area]) -> String? {
        AreaRules.area(covering: victimPostcode, among: areas)?.id ?? ownerAreaID ?? referrerAreaID
    }

    public static func repeatWindowEnds(from referredAt: Date, policy: ForcePolicy) -> Date {
        Calendar.utc.date(byAdding: .month, value: policy.maracRepeatMonths, to: referredAt) ?? referredAt
    }

    /// Checks a referral against the record: the criteria named must be met (professional judgement always may be: it
    /// refers a case with fewer ticks), the agency one of the list, and research to share given.
    /// Whether a referral may name this criterion: one the record shows, or professional judgement, which may refer a
    /// case with fewer ticks (SafeLives).
    public static func mayClaim(_ criterion: MaracCriterion, met: [MaracCriterion]) -> Bool {
        criterion == .professionalJudgement || met.contains(criterion)
    }

    public static func validated(_ draft: MaracReferralDraft, met: [MaracCriterion]) throws -> (
        criteria: [MaracCriterion], agency: Agency, research: String, lgbt: LGBTIdentity
    ) {
        var errors: [FieldError] = []
        var criteria: [MaracCriterion] = []
        if draft.criteria.isEmpty {
            errors.append(FieldError("criteria", "Name at least one criterion the case meets (professional judgement is always one you may give)."))
        }
        for raw in draft.criteria {
            guard let criterion = MaracCriterion(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
                errors.append(
                    FieldError("criteria", "\"\(raw)\" is not a criterion: choose from \(MaracCriterion.allCases.map(\.rawValue).joined(separator: ", "))."));
                continue
            }
            if !mayClaim(criterion, met: met) {
                errors.append(FieldError("criteria", "\(criterion.label): the record does not show it. \(why(criterion))"))
                continue
            }
            if !criteria.contains(criterion) { criteria.append(criterion) }
        }
        var errorsAgency: [FieldError] = []
        let agency: Agency? = choice(draft.referringAgency, "referring_agency", &errorsAgency, what: "the referring agency")
        errors += errorsAgency
        let research = trimmedNonEmpty(draft.research)
        if research == nil {
            errors.append(FieldError("research", "Give the research to share with the MARAC's members before the meeting (Essex: members came unprepared)."))
        } else if let research, research.count > 10_000 {
            errors.append(FieldError("research", "The research must be 10,000 characters or fewer."))
        }
        var lgbt = LGBTIdentity.notAsked
        if let raw = trimmedNonEmpty(draft.victimLGBT) {
            if let answer = LGBTIdentity(rawValue: raw) {
                lgbt = answer
            } else {
                errors.append(
                    FieldError("victim_lgbt", "\"\(raw)\" is not an answer: choose from \(LGBTIdentity.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        guard errors.isEmpty, let agency, let research else { throw DomainError.invalid(errors) }
        return (criteria, agency, research, lgbt)
    }

    static func why(_ criterion: MaracCriterion) -> String {
        switch criterion {
        case .professionalJudgement: ""
        case .visibleHighRisk: "Her newest assessment has fewer \"yes\" answers than the instrument's visible-high-risk count."
        case .potentialEscalation: "Fewer incidents than the escalation count are recorded in the window."
        case .repeatReferral: "No further abuse is recorded within the repeat window of a previous referral."
        }
    }
}
