import Foundation

/// How an adult stands to a child of the household (rule 9).
public enum HouseholdRole: String, Sendable, Codable, CaseIterable {
    case parent
    case stepParent = "step_parent"
    case carer
    case householdMember = "household_member"

    public var label: String {
        switch self {
        case .parent: "parent"
        case .stepParent: "step-parent"
        case .carer: "carer"
        case .householdMember: "lives in the household"
        }
    }
}

/// A child linked to an adult of the household (rule 9), with dates: the child is a person with their own record and
/// history, not a line in a form, so the next officer's briefing and the case find them. Ended, never deleted.
public struct HouseholdLink: Sendable, Equatable, Codable {
    public var id: String
    public var adultID: String
    public var childID: String
    public var role: HouseholdRole
    /// First and (once ended) last day in the household, `yyyy-MM-dd`.
    public var from: String
    public var to: String?
    /// Any risk noted for the child ("witnessed the strangulation", "on a child protection plan").
    public var note: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: String, adultID: String, childID: String, role: HouseholdRole, from: String, to: String? = nil, note: String? = nil, recordedBy: String,
        recordedAt: Date
    ) {
        self.id = id
        self.adultID = adultID
        self.childID = childID
        self.role = role
        self.from = from
        self.to = to
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    /// In the household on `today` (`yyyy-MM-dd`).
    public func isCurrent(on today: String) -> Bool { from <= today && (to.map { $0 >= today } ?? true) }
}

/// A child of the household as the briefing and the case show them: who they are, whom they live with, any risk noted
/// for them, and their own incidents.
public struct HouseholdChild: Sendable, Equatable, Codable {
    public var person: PersonSummary
    public var age: Int?
    public var links: [HouseholdLink]
    public var riskNotes: [String]
    /// Incidents the child is a party to (any role), newest first.
    public var incidents: [IncidentSummary]
}
