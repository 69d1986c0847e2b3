import Foundation

/// How the report reached the police.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case emergency999 = "999", nonEmergency101 = "101", frontCounter = "front_counter", online, partnerAgency = "partner_agency"
    /// Imported history only: the legacy record did not say.
    case notRecorded = "not_recorded"

    /// Whether someone was there, asking for help as the report was taken (a call or the front counter). An online
    /// form or a partner's referral is read later: it gets no emergency target by itself (issue 20).
    public var isLive: Bool {
        switch self {
        case .online, .partnerAgency: false
        case .emergency999, .nonEmergency101, .frontCounter, .notRecorded: true
        }
    }
}

/// The part a person plays in an incident.
public enum PartyRole: String, Sendable, Codable, CaseIterable {
    case victim, suspect, witness, child
}

/// How victim and suspect are connected (Domestic Abuse Act 2021: "personally connected").
public enum Relationship: String, Sendable, Codable, CaseIterable {
    case intimatePartner = "intimate_partner"
    case exPartner = "ex_partner"
    case parentOfChild = "parent_of_child"
    case childOfParent = "child_of_parent"
    case sibling
    case otherFamily = "other_family"
    /// Imported history only: the legacy record did not say.
    case notRecorded = "not_recorded"

    /// Intimate partner abuse (current or former partners), as opposed to family abuse.
    public var isIntimate: Bool { self == .intimatePartner || self == .exPartner }
}

/// The kinds of abuse in the statutory definition, plus stalking and non-fatal strangulation.
public enum AbuseType: String, Sendable, Codable, CaseIterable {
    case physical, sexual, threatening, coerciveControl = "coercive_control", economic, emotional, stalking, strangulation
}

/// A person's part in an incident.
public struct IncidentParty: Sendable, Equatable, Codable {
    public var personID: String
    public var role: PartyRole
    /// The person's name as shown on the incident (from their record); `Visibility` hides it on a restricted record.
    public var displayName: String
    /// Whether the person's record is restricted (rule 33): only roles with restricted access see who they are.
    public var restricted: Bool
    public init(personID: String, role: PartyRole, displayName: String, restricted: Bool = false) {
        self.personID = personID
        self.role = role
        self.displayName = displayName
        self.restricted = restricted
    }
}

/// A domestic abuse incident, crime or not.
public struct Incident: Sendable, Equatable, Codable {
    public var id: String
    /// The force's human reference, e.g. `DA-2024-000123`.
    public var reference: String
    public var occurredAt: Date
    public var reportedAt: Date
    public var channel: Channel
    public var address: Address?
    public var relationship: Relationship
    public var abuseTypes: [AbuseType]
    public var isCrime: Bool
    /// What crime was recorded (nil: none recorded, or not yet classified).
    public var crimeClassification: CrimeClassification?
    public var summary: String
    public var parties: [IncidentParty]
    public var version: Int

    public init(
        id: String, reference: String, occurredAt: Date, reportedAt: Date, channel: Channel, address: Address?, relationship: Relationship,
        abuseTypes: [AbuseType], isCrime: Bool, summary: String, parties: [IncidentParty], version: Int = 1,
        crimeClassification: CrimeClassification? = nil
    ) {
        self.id = id
        self.reference = reference
        self.occurredAt = occurredAt
        self.reportedAt = reportedAt
        self.channel = channel
        self.address = address
        self.relationship = relationship
        self.abuseTypes = abuseTypes
        self.isCrime = isCrime
        self.crimeClassification = crimeClassification
        self.summary = summary
        self.parties = parties
        self.version = version
    }

    public var victims: [IncidentParty] { parties.filter { $0.role == .victim } }
    public var suspects: [IncidentParty] { parties.filter { $0.role == .suspect } }
}

/// One line per incident for a person's history.
public struct IncidentSummary: Sendable, Equatable, Codable {
    public var id: String
    public var reference: String
    public var occurredAt: Date
    public var channel: Channel
    public var relationship: Relationship
    public var isCrime: Bool
    /// The role the person whose page this is played in it.
    public var role: PartyRole
    public var postcode: String?
    /// The postcode is of a confidential address (a refuge): shown only to named roles.
    public var postcodeConfidential: Bool
    /// Set when the incident belongs to another record confirmed to be the same person.
    public var linkedRecordID: String?
    public init(
        id: String, reference: String, occurredAt: Date, channel: Channel, relationship: Relationship, isCrime: Bool, role: PartyRole, postcode: String?,
        postcodeConfidential: Bool = false
    ) {
        self.id = id
        self.reference = reference
        self.occurredAt = occurredAt
        self.channel = channel
        self.relationship = relationship
        self.isCrime = isCrime
        self.role = role
        self.postcode = postcode
        self.postcodeConfidential = postcodeConfidential
    }
}
