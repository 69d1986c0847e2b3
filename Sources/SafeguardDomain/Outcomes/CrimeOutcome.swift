import Foundation

/// The outcome of a domestic abuse crime (rule 27), per crime, with its date and who decided. A crime may collect
/// several over time (charged, then convicted); each is kept.
public struct CrimeOutcome: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case charge, caution
        case communityResolution = "community_resolution"
        case restorativeJustice = "restorative_justice"
        case otherOutOfCourt = "other_out_of_court"
        case policeNoFurtherAction = "police_nfa"
        case cpsNoFurtherAction = "cps_nfa"
        case discontinued, conviction, acquittal

        public var label: String {
            switch self {
            case .charge: "Charged"
            case .caution: "Caution"
            case .communityResolution: "Community resolution"
            case .restorativeJustice: "Restorative justice"
            case .otherOutOfCourt: "Other out-of-court disposal"
            case .policeNoFurtherAction: "No further action (police)"
            case .cpsNoFurtherAction: "No further action (CPS)"
            case .discontinued: "Discontinued"
            case .conviction: "Convicted"
            case .acquittal: "Acquitted"
            }
        }
    }
    /// Who made the decision.
    public enum Decider: String, Sendable, Codable, CaseIterable {
        case police, cps, court
        public var label: String { self == .cps ? "CPS" : rawValue.capitalized }
    }

    public var id: String
    public var incidentID: String
    public var suspectPersonID: String?
    public var kind: Kind
    public var decidedOn: String
    public var decidedBy: Decider
    public var reason: String
    /// The supervisor who authorised it, where the rules ask for one (restorative justice for family abuse).
    public var authorisedBy: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: String, incidentID: String, suspectPersonID: String?, kind: Kind, decidedOn: String, decidedBy: Decider, reason: String,
        authorisedBy: String?, recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.incidentID = incidentID
        self.suspectPersonID = suspectPersonID
        self.kind = kind
        self.decidedOn = decidedOn
        self.decidedBy = decidedBy
        self.reason = reason
        self.authorisedBy = authorisedBy
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// An outcome as typed.
public struct OutcomeDraft: Sendable, Equatable, Codable {
    public var kind: String?
    public var decidedOn: String?
    public var decidedBy: String?
    public var suspectPersonID: String?
    public var reason: String?
    public init(kind: String? = nil, decidedOn: String? = nil, decidedBy: String? = nil, suspectPersonID: String? = nil, reason: String? = nil) {
        self.kind = kind
        self.decidedOn = decidedOn
        self.decidedBy = decidedBy
        self.suspectPersonID = suspectPersonID
        self.reason = reason
    }
}

/// Rule 27 in one place: which outcomes a crime may have, and who must see them.
public enum OutcomeRules {
    public struct Checked: Sendable, Equatable {
        public var kind: CrimeOutcome.Kind
        public var decidedOn: String
        public var decidedBy: CrimeOutcome.Decider
        public var reason: String
        /// Set when the recorder's own authority is the authorisation the rules ask for.
        public var authorisedBy: String?
        /// A caution for a DA crime goes to a supervisor's review queue.
        public var needsSupervisorReview: Bool
    }

    /// Checks an outcome for a crime between people related as `relationship`, recorded by `actor`. Restorative
    /// justice is refused outright for intimate-partner abuse (the national report: a power imbalance no meeting
    /// can put right) and for family abuse needs a supervisor — the person recording it — with a reason.
    public static func check(_ draft: OutcomeDraft, isCrime: Bool, relationship: Relationship, actor: Actor, now: Date) throws -> Checked {
        var errors: [FieldError] = []
        if !isCrime { errors.append(FieldError("kind", "Outcomes are recorded for crimes; this incident has no crime recorded.")) }
        let kind: CrimeOutcome.Kind? = choice(draft.kind, "kind", &errors, what: "the outcome")
        let decider: CrimeOutcome.Decider? = choice(draft.decidedBy ?? kind.map(defaultDecider)?.rawValue, "decided_by", &errors, what: "who decided")
        var decidedOn = CalendarDate.string(now)
        if let text = trimmedNonEmpty(draft.decidedOn) {
            if let day = CalendarDate.normalise(text) {
                if day > CalendarDate.string(now) { errors.append(FieldError("decided_on", "must not be in the future.")) } else { decidedOn = day }
            } else {
                errors.append(FieldError("decided_on", "\"\(text)\" is not a date like 2026-11-20."))
            }
        }
        let reason = trimmedNonEmpty(draft.reason) ?? ""
        if reason.count > 2000 { errors.append(FieldError("reason", "must be 2,000 characters or fewer.")) }
        var authorisedBy: String?
        if kind == .restorativeJustice {
            if relationship.isIntimate {
                errors.append(FieldError("kind", "Restorative justice is not used for intimate-partner abuse."))
            } else if !actor.role.can(.reviewRisk) {
                errors.append(
                    FieldError("kind", "Restorative justice for family abuse needs a supervisor's authorisation: a sergeant records it, with the reason."))
            } else if reason.count < 20 {
                errors.append(
                    FieldError("reason", "Give the reason restorative justice is safe here (at least 20 characters): it is warned against for family abuse."))
            } else {
                authorisedBy = actor.user.username
            }
        }
        if let kind, [.caution, .policeNoFurtherAction, .cpsNoFurtherAction, .discontinued, .communityResolution, .otherOutOfCourt].contains(kind),
            reason.count < 10
        {
            errors.append(FieldError("reason", "Give the reason for this outcome (at least 10 characters)."))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return Checked(
            kind: kind!, decidedOn: decidedOn, decidedBy: decider!, reason: reason, authorisedBy: authorisedBy,
            needsSupervisorReview: kind == .caution)
    }

    static func defaultDecider(_ kind: CrimeOutcome.Kind) -> CrimeOutcome.Decider {
        switch kind {
        case .conviction, .acquittal: .court
        case .cpsNoFurtherAction, .discontinued: .cps
        default: .police
        }
    }

    /// The evidence-led prosecution flag: the victim does not support action, but evidence exists to go on without her.
    public static func evidenceLed(_ scene: SceneRecord?) -> Bool {
        guard let scene else { return false }
        let completeness = scene.evidenceCompleteness
        return completeness.evidenceLed && completeness.gathered > 0
    }
}
