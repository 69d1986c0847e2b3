import Foundation

/// Sex as recorded for monitoring (rule 31 counts victims by gender).
public enum Sex: String, Sendable, Codable, CaseIterable {
    case female, male, other, unknown
}

/// A name a person has been known by: their current name, a maiden or previous name, an alias or a nickname.
public struct PersonName: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case primary, previous, alias, nickname
    }
    public var firstName: String
    public var surname: String
    public var kind: Kind

    public init(firstName: String, surname: String, kind: Kind) {
        self.firstName = firstName
        self.surname = surname
        self.kind = kind
    }
}

/// A place. Refuges and other confidential addresses are flagged so they are shown only to named roles (rule 33).
public struct Address: Sendable, Equatable, Codable {
    public var id: String
    public var line1: String
    public var line2: String?
    public var town: String
    public var postcode: String
    public var confidential: Bool
    public var markers: [Marker]

    public init(id: String, line1: String, line2: String? = nil, town: String, postcode: String, confidential: Bool = false, markers: [Marker] = []) {
        self.id = id
        self.line1 = line1
        self.line2 = line2
        self.town = town
        self.postcode = postcode
        self.confidential = confidential
        self.markers = markers
    }

    /// One line for lists and briefings.
    public var singleLine: String {
        [line1, line2, town, postcode].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// Where a person lived, and when: the address history that lets a caller be found at a new address.
public struct AddressHistoryEntry: Sendable, Equatable, Codable {
    public var address: Address
    public var from: String?
    public var to: String?
    public init(address: Address, from: String? = nil, to: String? = nil) {
        self.address = address
        self.from = from
        self.to = to
    }
}

/// A person record: victim, suspect, witness or child, as the force holds it.
/// Several records may stand for one real person; matching proposes links, people confirm them.
public struct Person: Sendable, Equatable, Codable {
    public var id: String
    /// The id the record had in the system it was imported from, if any.
    public var sourceID: String?
    public var firstName: String
    public var middleNames: String?
    public var surname: String
    /// `YYYY-MM-DD`, or nil when not known.
    public var dateOfBirth: String?
    public var sex: Sex
    public var ethnicity: String?
    public var interpreterLanguage: String?
    public var restricted: Bool
    public var vulnerabilities: [String]
    public var otherNames: [PersonName]
    public var phones: [String]
    public var emails: [String]
    public var addresses: [AddressHistoryEntry]
    public var markers: [Marker]
    /// Incremented on every edit; an edit made against an older version is refused.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// When the record was disposed of under the retention policy (rule 34): its identifying details are gone and it
    /// is kept only so the incidents and figures that counted her still add up. Nil for a live record.
    public var disposedAt: Date? = nil

    public init(
        id: String, sourceID: String? = nil, firstName: String, middleNames: String? = nil, surname: String,
        dateOfBirth: String? = nil, sex: Sex = .unknown, ethnicity: String? = nil, interpreterLanguage: String? = nil,
        restricted: Bool = false, vulnerabilities: [String] = [], otherNames: [PersonName] = [], phones: [String] = [],
        emails: [String] = [], addresses: [AddressHistoryEntry] = [], markers: [Marker] = [], version: Int = 1,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.sourceID = sourceID
        self.firstName = firstName
        self.middleNames = middleNames
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.ethnicity = ethnicity
        self.interpreterLanguage = interpreterLanguage
        self.restricted = restricted
        self.vulnerabilities = vulnerabilities
        self.otherNames = otherNames
        self.phones = phones
        self.emails = emails
        self.addresses = addresses
        self.markers = markers
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var fullName: String {
        [firstName, middleNames, surname].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The address with no end date, or the latest one.
    public var currentAddress: Address? {
        (addresses.first { $0.to == nil } ?? addresses.last)?.address
    }
}

/// A short summary of a person for search results and party lists.
public struct PersonSummary: Sendable, Equatable, Codable {
    public var id: String
    public var firstName: String
    public var surname: String
    public var dateOfBirth: String?
    public var sex: Sex
    public var postcode: String?
    /// The postcode is of a confidential address (a refuge): shown only to named roles.
    public var postcodeConfidential: Bool
    public var restricted: Bool
    /// How many incidents the person is a party to.
    public var incidentCount: Int

    public init(
        id: String, firstName: String, surname: String, dateOfBirth: String?, sex: Sex, postcode: String?, postcodeConfidential: Bool = false, restricted: Bool,
        incidentCount: Int
    ) {
        self.id = id
        self.firstName = firstName
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.postcode = postcode
        self.postcodeConfidential = postcodeConfidential
        self.restricted = restricted
        self.incidentCount = incidentCount
    }
}

/// A person linked to another: partner, family, or someone met in an incident.
public struct LinkedPerson: Sendable, Equatable, Codable {
    public var person: PersonSummary
    /// How they are linked, in words (e.g. "intimate partner", "suspect in 3 incidents with this person").
    public var relationship: String
    public init(person: PersonSummary, relationship: String) {
        self.person = person
        self.relationship = relationship
    }
}
