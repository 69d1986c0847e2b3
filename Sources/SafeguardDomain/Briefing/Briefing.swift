import Foundation

/// One person as the officer's briefing shows them (rule 3).
public struct BriefingPerson: Sendable, Equatable, Codable {
    /// Their part in this incident, or `child` for a child of the household who is not a party.
    public var role: PartyRole
    /// True when the person is a child of a victim's household rather than a party to the incident.
    public var householdOnly: Bool
    public var person: PersonSummary
    /// Victims only: repeat and vulnerable status under the force's definitions.
    public var status: VictimStatus?
    /// Officer-safety and other warnings on the person.
    public var markers: [Marker]
    /// Warnings on any address the person is known at.
    public var addressMarkers: [Marker]
    /// Every earlier incident, across confirmed and strongly proposed records of the same person, any address.
    public var history: [IncidentSummary]
    /// The other records whose history is included, and how sure the system is that they are this person.
    public var linkedRecords: [BriefingLinkedRecord]
    /// Risk levels recorded for the person, newest first.
    public var riskLevels: [RiskLevelRecord]
    /// Orders and bail conditions in force that bind or protect the person.
    public var orders: [ProtectiveOrder]
    /// Suspects only: the other people they have been a suspect against.
    public var otherVictims: [PersonSummary]
    /// Children of the household: any risk noted for them when they were linked (rule 9).
    public var riskNotes: [String] = []
}

/// Another record whose history the briefing includes.
public struct BriefingLinkedRecord: Sendable, Equatable, Codable {
    public var personID: String
    /// `confirmed`, or `proposed` (strongly matched, not yet confirmed: the officer is told so).
    public var status: String
    public var probability: Double?
}

/// What an officer reads on the way (rule 3): everything known about the people and the place, on one page.
public struct Briefing: Sendable, Equatable, Codable {
    public var incident: Incident
    public var call: CallDetails?
    public var response: IncidentResponse?
    /// Warnings on the incident's address.
    public var locationMarkers: [Marker]
    /// Other incidents at the same place, newest first, whoever was involved.
    public var locationHistory: [IncidentSummary] = []
    public var people: [BriefingPerson]
    /// Orders or bail conditions this incident may have breached (rule 25): the officer goes knowing.
    public var possibleBreaches: [BreachFlag] = []
    public var generatedAt: Date
}
