import Foundation

/// What became of the offer of an IDVA every high-risk victim is made (rule 22; Norfolk's target: 95% offered).
public enum IdvaOfferOutcome: String, Sendable, Codable, CaseIterable {
    case accepted, declined
    /// She could not be offered one safely or at all (no safe contact, left the area): why is recorded.
    case notPossible = "not_possible"

    public var label: String {
        switch self {
        case .accepted: "Accepted"
        case .declined: "Declined"
        case .notPossible: "Could not be offered"
        }
    }
}

/// One offer of an IDVA on her case, who recorded it and when; accepted, with the IDVA allocated if one is named.
public struct IdvaOffer: Sendable, Equatable, Codable {
    public var id: String
    public var caseID: String
    public var outcome: IdvaOfferOutcome
    public var reason: String?
    public var idva: CaseUser?
    public var recordedBy: String
    public var recordedAt: Date

    public init(id: String, caseID: String, outcome: IdvaOfferOutcome, reason: String?, idva: CaseUser?, recordedBy: String, recordedAt: Date) {
        self.id = id
        self.caseID = caseID
        self.outcome = outcome
        self.reason = reason
        self.idva = idva
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// An offer as a person or program sent it.
public struct IdvaOfferDraft: Sendable, Equatable, Codable {
    public var outcome: String?
    public var reason: String?
    public var idvaUserID: String?
    public init(outcome: String? = nil, reason: String? = nil, idvaUserID: String? = nil) {
        self.outcome = outcome
        self.reason = reason
        self.idvaUserID = idvaUserID
    }
}

/// One IDVA's load against the service's capacity (SafeLives: about 100 referrals a year per full-time IDVA, a
/// caseload of 60–80). Shown, never used to refuse.
public struct IdvaLoad: Sendable, Equatable, Codable {
    public var idva: CaseUser
    /// Open cases allocated to them.
    public var caseload: Int
    /// Offers accepted and allocated to them in the last twelve months.
    public var referralsThisYear: Int
    public var caseloadCapacity: Int
    public var referralCapacity: Int
    public var over: Bool
}

/// The IDVA service's view: each IDVA's load, accepted offers waiting for an IDVA, and the share of high-risk cases offered.
public struct IdvaService: Sendable, Equatable, Codable {
    public var idvas: [IdvaLoad]
    /// Cases whose offer was accepted with no IDVA named yet.
    public var waitingForAnIdva: Int
    /// High-risk cases open now, and how many have had an offer recorded (Norfolk: 95%).
    public var highRiskOpen: Int
    public var highRiskOffered: Int
}

/// Rule 22's rules.
public enum IdvaRules {
    /// The offer must say what became of it, and why when she did not take it.
    public static func check(_ draft: IdvaOfferDraft) throws -> (outcome: IdvaOfferOutcome, reason: String?) {
        var errors: [FieldError] = []
        let outcome: IdvaOfferOutcome? = choice(draft.outcome, "outcome", &errors, what: "what became of the offer")
        let reason = trimmedNonEmpty(draft.reason)
        if let outcome, outcome != .accepted, reason == nil {
            errors.append(
                FieldError("reason", outcome == .declined ? "Say why she declined, in her words if you can." : "Say why the offer could not be made."))
        }
        if let reason, reason.count > 2000 { errors.append(FieldError("reason", "The reason must be 2,000 characters or fewer.")) }
        guard errors.isEmpty, let outcome else { throw DomainError.invalid(errors) }
        return (outcome, reason)
    }

    /// Whether an account belongs to the IDVA service (a partner account of the IDVA agency), or works beside it.
    public static func seesService(_ user: User) -> Bool {
        user.role == .partnerAgency ? user.agency == .idva : user.role.can(.viewMaracReferrals)
    }

    /// Over either capacity: shown to the service, never a reason to refuse a referral (rule 16).
    public static func isOver(caseload: Int, referrals: Int, policy: ForcePolicy) -> Bool {
        caseload > policy.idvaCaseloadCapacity || referrals > policy.idvaReferralsPerYear
    }
}
