import Foundation

/// The lists that look across victims (rule 24; Lancashire's serial list, West Mercia's pilot).
public enum PerpetratorList: String, Sendable, Codable, CaseIterable {
    /// More than one DA incident as suspect within the window.
    case repeatPerpetrator = "repeat"
    /// The force's serial rule (Lancashire: five or more DA incidents, or crimes against three or more victims).
    case serial
    /// One perpetrator, two or more victims within the window (West Mercia).
    case manyVictims = "many_victims"
    /// One victim, two or more perpetrators within the window (West Mercia). The person on it is the victim.
    case victimManyPerpetrators = "victim_many_perpetrators"

    public var label: String {
        switch self {
        case .repeatPerpetrator: "Repeat perpetrators"
        case .serial: "Serial perpetrators"
        case .manyVictims: "One perpetrator, several victims"
        case .victimManyPerpetrators: "One victim, several perpetrators"
        }
    }
}

/// One DA incident as the lists read it: when, whether a crime was recorded and which, where, and who.
public struct DAIncidentFacts: Sendable, Equatable {
    public var id: String
    public var occurredAt: Date
    public var isCrime: Bool
    public var classification: CrimeClassification?
    /// The incident's address's postcode, for its area; nil when none is recorded or it is confidential.
    public var postcode: String?
    public var victimIDs: [String]
    public var suspectIDs: [String]
    public init(
        id: String, occurredAt: Date, isCrime: Bool, classification: CrimeClassification?, postcode: String?, victimIDs: [String], suspectIDs: [String]
    ) {
        self.id = id
        self.occurredAt = occurredAt
        self.isCrime = isCrime
        self.classification = classification
        self.postcode = postcode
        self.victimIDs = victimIDs
        self.suspectIDs = suspectIDs
    }
}

/// Why a man ranks where he does: each component of his score, as the page shows it.
public struct HarmScore: Sendable, Equatable, Codable {
    /// Days since his latest incident in the window.
    public var daysSinceLatest: Int
    /// 0.5^(days ÷ half-life): 1 on the day of his latest incident.
    public var recency: Double
    /// DA incidents as suspect in the window.
    public var frequency: Int
    /// Days of harm summed over those incidents (the gravity table).
    public var gravity: Double
    /// Different victims in the window.
    public var victims: Int
    /// 1 + perExtraVictim × (victims − 1).
    public var victimMultiplier: Double
    /// recency × (pointsPerIncident × frequency + pointsPerHarmDay × gravity) × victimMultiplier.
    public var score: Double
    public init(daysSinceLatest: Int, recency: Double, frequency: Int, gravity: Double, victims: Int, victimMultiplier: Double, score: Double) {
        self.daysSinceLatest = daysSinceLatest
        self.recency = recency
        self.frequency = frequency
        self.gravity = gravity
        self.victims = victims
        self.victimMultiplier = victimMultiplier
        self.score = score
    }
}

/// One person found by the daily run: his records, what he did in the window, the lists he is on and his score.
public struct PerpetratorFinding: Sendable, Equatable, Codable {
    /// The record that stands for him: the first (lowest id) of the records confirmed to be one person.
    public var personID: String
    /// Every record confirmed to be him.
    public var recordIDs: [String]
    public var incidents: Int
    public var crimes: Int
    public var victims: Int
    /// Different victims of recorded crimes.
    public var crimeVictims: Int
    public var latestAt: Date
    /// The areas his incidents in the window happened in (ids).
    public var areaIDs: [String]
    public var lists: [PerpetratorList]
    public var harm: HarmScore
    /// His place in the force's ranking (1 = most harmful).
    public var rank: Int
    public init(
        personID: String, recordIDs: [String], incidents: Int, crimes: Int, victims: Int, crimeVictims: Int, latestAt: Date, areaIDs: [String],
        lists: [PerpetratorList], harm: HarmScore, rank: Int
    ) {
        self.personID = personID
        self.recordIDs = recordIDs
        self.incidents = incidents
        self.crimes = crimes
        self.victims = victims
        self.crimeVictims = crimeVictims
        self.latestAt = latestAt
        self.areaIDs = areaIDs
        self.lists = lists
        self.harm = harm
        self.rank = rank
    }
}

/// A person's time on a list: when and why they went on, and when and why they came off (nil while on it).
public struct PerpetratorListEntry: Sendable, Equatable, Codable {
    public var id: String
    public var personID: String
    public var list: PerpetratorList
    public var enteredAt: Date
    public var enteredReason: String
    public var leftAt: Date?
    public var leftReason: String?
    public init(
        id: String, personID: String, list: PerpetratorList, enteredAt: Date, enteredReason: String, leftAt: Date? = nil, leftReason: String? = nil
    ) {
        self.id = id
        self.personID = personID
        self.list = list
        self.enteredAt = enteredAt
        self.enteredReason = enteredReason
        self.leftAt = leftAt
        self.leftReason = leftReason
    }
}

/// One run of the lists: when, why (the daily clock or someone asking), the weights version it ranked with, and what
/// it found.
public struct PerpetratorRun: Sendable, Equatable, Codable {
    public var id: String
    public var at: Date
    /// `daily` or the username of whoever asked.
    public var trigger: String
    public var weightsVersion: Int
    public var windowDays: Int
    public var perpetrators: Int
    public var serial: Int
    public var entered: Int
    public var left: Int
    public init(
        id: String, at: Date, trigger: String, weightsVersion: Int, windowDays: Int, perpetrators: Int, serial: Int, entered: Int, left: Int
    ) {
        self.id = id
        self.at = at
        self.trigger = trigger
        self.weightsVersion = weightsVersion
        self.windowDays = windowDays
        self.perpetrators = perpetrators
        self.serial = serial
        self.entered = entered
        self.left = left
    }
}

/// What the lists found: each perpetrator scored, and who is on each list with the reason.
public struct PerpetratorFindings: Sendable, Equatable {
    /// Every suspect with a DA incident in the window, most harmful first.
    public var perpetrators: [PerpetratorFinding]
    /// Who is on each list now (person id and list) and why, victims on their list included.
    public var membership: [String: String]

    public static func key(_ personID: String, _ list: PerpetratorList) -> String { "\(list.rawValue)|\(personID)" }
}
