import Foundation

/// What the control room recorded about the call itself.
public struct CallDetails: Sendable, Equatable, Codable {
    public var caller: CallerKind
    public var answers: CallAnswers
    public var handlerConcern: Bool
    public var recordedBy: String
    public init(caller: CallerKind, answers: CallAnswers, handlerConcern: Bool, recordedBy: String) {
        self.caller = caller
        self.answers = answers
        self.handlerConcern = handlerConcern
        self.recordedBy = recordedBy
    }
}

/// A victim on an incident with their status under the force's definitions at the time of the incident.
public struct VictimOnIncident: Sendable, Equatable, Codable {
    public var personID: String
    public var displayName: String
    public var status: VictimStatus
}

/// Everything the incident page shows: the incident, the call, the response and each victim's status.
public struct IncidentRecord: Sendable, Equatable, Codable {
    public var incident: Incident
    /// Nil for incidents that came from before the call record existed (e.g. imported history).
    public var call: CallDetails?
    public var response: IncidentResponse?
    public var victims: [VictimOnIncident]
    /// Risk assessments recorded on this incident, oldest first.
    public var assessments: [RiskAssessment]
    /// The victims' safeguarding cases this incident joined, each with its one owner (rule 15).
    public var cases: [SafeguardingCase]
    /// What the officer recorded at the scene, once they have.
    public var scene: SceneRecord?
    /// The crime's outcomes, oldest first (rule 27).
    public var outcomes: [CrimeOutcome] = []
    /// Each classification its crime has had, oldest first (the last is current).
    public var crimeClassifications: [CrimeClassificationChange] = []
    /// Other incidents at the same place, newest first (issue 20: an address is one place, so the handler sees them).
    public var atSamePlace: [IncidentSummary] = []
    /// Orders or bail conditions this incident may have breached (rule 25: found when it was recorded).
    public var possibleBreaches: [BreachFlag] = []
    /// The tasks the call set on victims' cases (assess her risk; for a case it joined, reassess and review; the
    /// suspect's other victims' reassessments). Only in the answer to the call itself; absent when the incident is viewed.
    public var tasksSetByCall: [CaseTask]?
    /// Rule 27's evidence-led prosecution flag: she does not support action, but evidence exists to go on.
    public var evidenceLed: Bool { OutcomeRules.evidenceLed(scene) }
}

/// Risk level as judged by a person (rule 8); standard, medium or high.
public enum RiskLevel: String, Sendable, Codable, CaseIterable {
    case standard, medium, high
}

/// A risk level recorded for a person on an incident (the risk-assessment issue writes them; the briefing reads them).
public struct RiskLevelRecord: Sendable, Equatable, Codable {
    public var personID: String
    public var incidentID: String
    public var incidentReference: String
    public var level: RiskLevel
    public var assessedAt: Date
    public var source: String
    public init(personID: String, incidentID: String, incidentReference: String, level: RiskLevel, assessedAt: Date, source: String) {
        self.personID = personID
        self.incidentID = incidentID
        self.incidentReference = incidentReference
        self.level = level
        self.assessedAt = assessedAt
        self.source = source
    }
}
