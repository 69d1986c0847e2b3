import Foundation
import SafeguardDomain
import SafeguardMatching

// The generator first plans the whole force in compact form (indices and a few strings), then turns each batch of
// households into `Person`, `Address` and `Incident` values only when that batch is emitted. Planning first lets a
// serial perpetrator reach a victim in a later household and lets noise depend on a person's later incidents,
// while emitting late keeps memory flat for big forces.

/// The communities whose names the generator draws on (see `SyntheticNames`).
enum NameGroup: Sendable {
    case british, caribbean, european, indian, pakistani, bangladeshi, african, chinese, other
}

/// What kind of home a household is; it decides who lives there and which abuse can happen in it.
enum HouseholdKind: Sendable {
    case coupleNoChildren, coupleYoungChildren, coupleOlderChildren, singleAdult, singleParent, separatedParent,
        parentWithAdultChild, adultSiblings
}

/// A time at an address, as whole day numbers (`CivilDay`); `to == nil` is where the person lives now.
struct Stay: Sendable {
    var address: Int
    var from: Int
    var to: Int?
}

/// One synthetic individual: the truth, plus what their first (primary) record holds.
struct Individual: Sendable {
    var household: Int
    var sex: Sex
    var birthDay: Int
    var group: NameGroup
    var firstName: String
    var middleName: String?
    var surname: String
    /// A maiden or earlier surname, which noise may put on a later record.
    var previousSurname: String?
    /// Whether the primary record lists `previousSurname` among its other names.
    var showsPreviousName = false
    /// A nickname the primary record lists among its other names.
    var knownNickname: String?
    var ethnicity: String?
    /// Address history as the primary record holds it; the last entry is current.
    var stays: [Stay]
    var phones: [String] = []
    var emails: [String] = []
    var vulnerabilities: [String] = []
    var interpreter: String?
    var restricted = false
    var markers: [Marker] = []
    /// A real move that only a later duplicate record knows about (the primary record still shows the old address).
    var movedTo: (address: Int, day: Int)?
    /// When the primary record was first used by an incident (epoch seconds), which becomes its creation time.
    var firstUsed: Int?
}

/// A second or third record for an individual, entered with the mistakes and changes real systems collect.
struct DuplicateRecord: Sendable {
    var individual: Int
    var firstName: String
    var middleName: String?
    var surname: String
    var dateOfBirth: String?
    var ethnicity: String?
    var phones: [String]
    var emails: [String]
    var stays: [Stay]
    var otherNames: [PersonName]
    var sourceID: String?
    /// Epoch seconds the record was created: its first use by an incident, or when it was entered.
    var created: Int
}

/// A household: its members are a contiguous run of individuals, so a batch of households is a run of individuals too.
struct Household: Sendable {
    var kind: HouseholdKind
    var members: Range<Int>
    var address: Int
}

/// An address, the household whose batch first emits it, and its town (index into `SyntheticNames.towns`).
struct PlannedAddress: Sendable {
    var address: Address
    var owner: Int
    var town: Int
}

/// "a is `relationship` of b", between the individuals' primary records.
struct PlannedRelationship: Sendable {
    var a: Int
    var b: Int
    var relationship: Relationship
}

/// Which of an individual's records an incident names.
enum RecordRef: Sendable, Equatable {
    case primary(Int)
    case duplicate(Int)
}

/// A person's part in a planned incident.
struct PlannedParty: Sendable {
    var individual: Int
    var role: PartyRole
    var record: RecordRef
}

/// Where an incident happened, resolved to an address once everyone's moves are known.
enum IncidentPlace: Sendable {
    case victimHome, suspectHome, friend(household: Int)
}

/// An incident before it becomes an `Incident`.
struct PlannedIncident: Sendable {
    var occurred: Int
    var reported: Int
    var channel: Channel
    var relationship: Relationship
    var abuseTypes: [AbuseType]
    var isCrime: Bool
    var parties: [PlannedParty]
    var place: IncidentPlace
    var summary: String
    var address = 0
    var reference = ""
    /// The household whose batch carries the incident: the latest of its parties' and its address's households.
    var owner = 0
}

/// The whole planned force, ready to be emitted batch by batch.
struct ForcePlan: Sendable {
    var seed: UInt64
    var households: [Household] = []
    var individuals: [Individual] = []
    var duplicates: [DuplicateRecord] = []
    var addresses: [PlannedAddress] = []
    var relationships: [PlannedRelationship] = []
    var incidents: [PlannedIncident] = []
    /// Epoch seconds used as the creation time of records no incident touches.
    var baseline = 0

    /// Id streams, one per kind of thing, so ids never collide across kinds.
    enum Stream: UInt64 { case person = 1, address = 2, duplicate = 3, incident = 4, identity = 5 }

    func id(_ stream: Stream, _ index: Int) -> String {
        DeterministicID.make(seed: seed, stream: stream.rawValue, index: index)
    }

    /// "First Surname" of a record, as an incident shows its parties.
    func displayName(_ ref: RecordRef) -> String {
        switch ref {
        case .primary(let i): individuals[i].firstName + " " + individuals[i].surname
        case .duplicate(let d): duplicates[d].firstName + " " + duplicates[d].surname
        }
    }
}
