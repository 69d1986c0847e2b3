import Foundation

/// What the officer records at the scene besides the risk assessment (rules 9–14): the children, the evidence, the
/// arrest decision, the interpreter and the immediate safety actions. One per incident.
public struct SceneRecord: Sendable, Equatable, Codable {
    public var incidentID: String
    public var children: [ChildAtScene]
    public var evidence: [EvidenceItem: EvidenceAnswer]
    public var victimSupportsAction: Answer
    public var counterAllegation: Bool
    public var arrest: ArrestDecision
    public var interpreter: InterpreterNeed
    /// Toolkit actions chosen at the scene; each became an owned task on the victim's case.
    public var safetyActions: [String]
    public var recordedBy: String
    public var recordedAt: Date
    /// Changes to the evidence since the scene, oldest first (rule 10: the checklist stays open; rule 34: kept).
    public var evidenceHistory: [EvidenceChange]

    public init(
        incidentID: String, children: [ChildAtScene], evidence: [EvidenceItem: EvidenceAnswer], victimSupportsAction: Answer,
        counterAllegation: Bool, arrest: ArrestDecision, interpreter: InterpreterNeed, safetyActions: [String], recordedBy: String, recordedAt: Date,
        evidenceHistory: [EvidenceChange] = []
    ) {
        self.incidentID = incidentID
        self.children = children
        self.evidence = evidence
        self.victimSupportsAction = victimSupportsAction
        self.counterAllegation = counterAllegation
        self.arrest = arrest
        self.interpreter = interpreter
        self.safetyActions = safetyActions
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.evidenceHistory = evidenceHistory
    }

    /// How complete the evidence is (rule 10): gathered items against those that apply.
    public var evidenceCompleteness: EvidenceCompleteness {
        let applicable = EvidenceItem.allCases.filter { evidence[$0] != .notApplicable }
        let gathered = applicable.filter { evidence[$0] == .gathered }
        return EvidenceCompleteness(
            gathered: gathered.count, applicable: applicable.count,
            missing: applicable.filter { evidence[$0] != .gathered },
            evidenceLed: victimSupportsAction != .yes)
    }
}

/// A child present at the incident or living in the household (rule 9), as a person record on the incident.
public struct ChildAtScene: Sendable, Equatable, Codable {
    public var personID: String
    public var displayName: String
    /// Present at the incident, or living in the household but not there.
    public var present: Bool
    /// The child's school, if they attend one; the school is told before the next school day.
    public var school: String?
    /// Whether the child's record is restricted: `Visibility` hides the name from roles without restricted access.
    public var restricted: Bool
    public init(personID: String, displayName: String, present: Bool, school: String?, restricted: Bool = false) {
        self.personID = personID
        self.displayName = displayName
        self.present = present
        self.school = school
        self.restricted = restricted
    }
}

/// The evidence checklist drawn from HMIC's file review (rule 10). Whether the victim supports police action and
/// whether there is a counter-allegation are asked separately: they are facts about the case, not evidence gathered.
public enum EvidenceItem: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
    case injuryPhotographs = "injury_photographs"
    case bodyWornVideo = "body_worn_video"
    case recording999Kept = "recording_999_kept"
    case victimFirstAccount = "victim_first_account"
    case officerStatement = "officer_statement"
    case houseToHouse = "house_to_house"
    case witnessStatements = "witness_statements"

    public var label: String {
        switch self {
        case .injuryPhotographs: "Photographs of injuries"
        case .bodyWornVideo: "Body-worn video of the scene and the victim's account"
        case .recording999Kept: "The 999 recording kept"
        case .victimFirstAccount: "The victim's first account or statement"
        case .officerStatement: "Officer's statement describing the scene and injuries"
        case .houseToHouse: "House-to-house enquiries"
        case .witnessStatements: "Witness statements"
        }
    }
}

public enum EvidenceAnswer: String, Sendable, Codable, CaseIterable {
    case gathered, notYet = "not_yet", notApplicable = "not_applicable"

    public var label: String {
        switch self {
        case .gathered: "Gathered"
        case .notYet: "Not yet"
        case .notApplicable: "Not applicable"
        }
    }
}

/// Gathered against applicable; `evidenceLed` when the victim does not (or may not) support action, which is a
/// reason to gather *more* evidence, not less (rule 10).
public struct EvidenceCompleteness: Sendable, Equatable, Codable {
    public var gathered: Int
    public var applicable: Int
    public var missing: [EvidenceItem]
    public var evidenceLed: Bool
    public init(gathered: Int, applicable: Int, missing: [EvidenceItem], evidenceLed: Bool) {
        self.gathered = gathered
        self.applicable = applicable
        self.missing = missing
        self.evidenceLed = evidenceLed
    }
}

/// The arrest decision (rule 11). The record never holds whether the victim wanted an arrest: it is not asked.
public struct ArrestDecision: Sendable, Equatable, Codable {
    public var crimeRecorded: Bool
    public var suspectIdentified: Bool
    public var arrested: Bool
    /// Required when a crime is recorded, the suspect identified and no arrest made; it goes to the sergeant.
    public var noArrestRationale: String?
    public init(crimeRecorded: Bool, suspectIdentified: Bool, arrested: Bool, noArrestRationale: String?) {
        self.crimeRecorded = crimeRecorded
        self.suspectIdentified = suspectIdentified
        self.arrested = arrested
        self.noArrestRationale = noArrestRationale
    }

    /// Positive action: a crime, a known suspect and no arrest must be explained and reviewed.
    public var needsRationale: Bool { crimeRecorded && suspectIdentified && !arrested }
}

/// Interpreter need (rule 14): who interpreted, and never a child.
public struct InterpreterNeed: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case professional, adultFamilyMember = "adult_family_member", otherAdult = "other_adult" }
    public var needed: Bool
    public var language: String?
    public var kind: Kind?
    /// The party who interpreted, when it was someone on the incident (never one of its children).
    public var personID: String?
    public init(needed: Bool, language: String? = nil, kind: Kind? = nil, personID: String? = nil) {
        self.needed = needed
        self.language = language
        self.kind = kind
        self.personID = personID
    }
}
