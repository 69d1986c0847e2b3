import Foundation

/// What of her case a partner agency may see (rule 23): each group is shared or not, per case and per agency.
public enum FieldGroup: String, Sendable, Codable, CaseIterable {
    /// Her safe contact route: number, times, whether a message may be left, via the IDVA only.
    case safeContact = "safe_contact"
    /// Her risk level now and when it was last assessed.
    case risk
    /// The safety plan: its actions, who owns each and when it is due.
    case safetyPlan = "safety_plan"
    /// Her MARAC referrals, with the research shared for the meeting.
    case marac
    /// The children of her household, with their ages.
    case children
    /// The incidents on her case: when, what relationship, whether a crime.
    case incidents
    /// Her addresses, for housing needs; a confidential address (a refuge) never.
    case addressNeeds = "address_needs"

    public var label: String {
        switch self {
        case .safeContact: "Safe contact route"
        case .risk: "Risk level"
        case .safetyPlan: "Safety plan"
        case .marac: "MARAC referrals"
        case .children: "Children in the household"
        case .incidents: "Incidents"
        case .addressNeeds: "Address needs"
        }
    }
}

/// On what footing her information is shared: her consent, or an override of it justified (who and why).
public enum ShareConsent: String, Sendable, Codable, CaseIterable {
    case given, overridden
}

/// One case shared with one partner agency: which groups, on what footing, until when (rule 23).
public struct CaseShare: Sendable, Equatable, Codable {
    public var id: String
    public var caseID: String
    public var agency: Agency
    public var fieldGroups: [FieldGroup]
    public var consent: ShareConsent
    public var overrideReason: String?
    /// The last day the agency sees it (YYYY-MM-DD).
    public var endsOn: String
    public var sharedBy: String
    public var sharedAt: Date

    public init(
        id: String, caseID: String, agency: Agency, fieldGroups: [FieldGroup], consent: ShareConsent, overrideReason: String?, endsOn: String,
        sharedBy: String, sharedAt: Date
    ) {
        self.id = id
        self.caseID = caseID
        self.agency = agency
        self.fieldGroups = fieldGroups
        self.consent = consent
        self.overrideReason = overrideReason
        self.endsOn = endsOn
        self.sharedBy = sharedBy
        self.sharedAt = sharedAt
    }

    /// In force on `day` (YYYY-MM-DD): the share runs to the end of its last day.
    public func inForce(on day: String) -> Bool { endsOn >= day }
}

/// A share as a person or program sent it.
public struct CaseShareDraft: Sendable, Equatable, Codable {
    public var agency: String?
    public var fieldGroups: [String]
    public var consent: String?
    public var overrideReason: String?
    public var endsOn: String?
    public init(agency: String? = nil, fieldGroups: [String] = [], consent: String? = nil, overrideReason: String? = nil, endsOn: String? = nil) {
        self.agency = agency
        self.fieldGroups = fieldGroups
        self.consent = consent
        self.overrideReason = overrideReason
        self.endsOn = endsOn
    }
}

/// Rule 23's rules: a partner agency, at least one group, consent or its override justified, an end date.
public enum SharingRules {
    /// Longest a share may run before it is looked at again.
    public static let longestMonths = 12

    public static func check(_ draft: CaseShareDraft, today: String) throws -> (
        agency: Agency, groups: [FieldGroup], consent: ShareConsent, reason: String?, endsOn: String
    ) {
        var errors: [FieldError] = []
        let agency: Agency? = choice(draft.agency, "agency", &errors, what: "the partner agency")
        if agency == .police { errors.append(FieldError("agency", "The police do not share with themselves: choose a partner agency.")) }
        var groups: [FieldGroup] = []
        for raw in draft.fieldGroups {
            guard let group = FieldGroup(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
                errors.append(
                    FieldError("field_groups", "\"\(raw)\" is not a group: choose from \(FieldGroup.allCases.map(\.rawValue).joined(separator: ", "))."));
                continue
            }
            if !groups.contains(group) { groups.append(group) }
        }
        if groups.isEmpty && draft.fieldGroups.isEmpty { errors.append(FieldError("field_groups", "Choose what the agency may see.")) }
        let consent: ShareConsent? = choice(draft.consent, "consent", &errors, what: "whether she consented")
        let reason = trimmedNonEmpty(draft.overrideReason)
        if consent == .overridden {
            if reason.map({ GradingRules.substantiveWords(in: $0) < 3 }) ?? true {
                errors.append(
                    FieldError("override_reason", "Sharing without her consent needs the reason it is necessary and proportionate (who is at risk, of what)."))
            }
        }
        if let reason, reason.count > 2000 { errors.append(FieldError("override_reason", "The reason must be 2,000 characters or fewer.")) }
        var ends: String?
        if let raw = trimmedNonEmpty(draft.endsOn) {
            if let day = CalendarDate.normalise(raw), let date = CalendarDate.date(day), let first = CalendarDate.date(today) {
                let latest = Calendar(identifier: .gregorian).date(byAdding: .month, value: longestMonths, to: first) ?? first
                if day < today {
                    errors.append(FieldError("ends_on", "The end date has passed."))
                } else if date > latest {
                    errors.append(FieldError("ends_on", "A share runs at most \(longestMonths) months; share again to go on."))
                } else {
                    ends = day
                }
            } else {
                errors.append(FieldError("ends_on", "\"\(raw)\" is not a date like 2027-03-31."))
            }
        } else {
            errors.append(FieldError("ends_on", "Give the last day the agency may see it."))
        }
        guard errors.isEmpty, let agency, let consent, let ends else { throw DomainError.invalid(errors) }
        return (agency, groups, consent, reason, ends)
    }

    /// A partner account and its agency, or a refusal.
    public static func partnerAgency(_ actor: Actor) throws -> Agency {
        guard actor.role == .partnerAgency, let agency = actor.user.agency else {
            throw DomainError.forbidden("Shared cases are for partner agencies' accounts.")
        }
        return agency
    }
}

extension Agency {
    /// The team her one contact log names for this agency's contacts (rule 19).
    public var contactTeam: ContactEntry.Team {
        switch self {
        case .police: .police
        case .idva: .idva
        case .childrensSocialCare: .childrensServices
        case .adultSocialCare: .other
        case .health: .health
        case .housing: .housing
        case .probation: .probation
        }
    }
}

/// A line of a partner's list of the cases shared with their agency.
public struct SharedCaseSummary: Sendable, Equatable, Codable {
    public var caseID: String
    public var reference: String
    public var victimName: String
    public var fieldGroups: [FieldGroup]
    public var endsOn: String
}

/// A shared case as the partner sees it: only the groups shared with their agency; everything else is absent.
public struct SharedCaseView: Sendable, Equatable, Codable {
    public struct PlanItem: Sendable, Equatable, Codable {
        public var title: String
        public var owner: String
        public var dueAt: Date
        public var done: Bool
    }
    public struct Child: Sendable, Equatable, Codable {
        public var name: String
        public var age: Int?
    }
    public var caseID: String
    public var reference: String
    public var victimName: String
    public var fieldGroups: [FieldGroup]
    public var endsOn: String
    public var safeContact: SafeContact?
    public var riskLevel: RiskLevel?
    public var safetyPlan: [PlanItem]?
    public var maracReferrals: [MaracReferral]?
    public var children: [Child]?
    public var incidents: [IncidentSummary]?
    public var addresses: [String]?
}
