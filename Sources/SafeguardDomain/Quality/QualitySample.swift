import Foundation

/// What a dip sample looks at (rule 29), and the measures its reviewer answers.
public enum QualitySampleKind: String, Sendable, Codable, CaseIterable {
    /// A DA call as the control room handled it (Essex: 15 DA calls a week).
    case controlRoomCall = "control_room_call"
    /// An officer's decision not to arrest, and its rationale.
    case noArrest = "no_arrest"
    /// A crime's case file, against HMIC's file-review measures.
    case caseFile = "case_file"

    public var label: String {
        switch self {
        case .controlRoomCall: "Control-room call"
        case .noArrest: "No-arrest rationale"
        case .caseFile: "Case file"
        }
    }

    /// The structured questions, each answered yes, no or not applicable.
    public var measures: [QualityMeasure] {
        switch self {
        case .controlRoomCall:
            [
                .init(key: "history_checked", text: "Were her previous calls and the address's history checked?"),
                .init(key: "risk_questions", text: "Were the risk questions asked (danger, weapons, injuries, fear)?"),
                .init(key: "children_asked", text: "Was she asked about children in the house?"),
                .init(key: "grading_right", text: "Was the grade right for what was said?"),
                .init(key: "officer_briefed", text: "Was the attending officer given the history?")
            ]
        case .noArrest:
            [
                .init(key: "rationale_recorded", text: "Is the rationale recorded in the officer's own words?"),
                .init(key: "necessity_considered", text: "Does it weigh the necessity test (Code G), not only her wishes?"),
                .init(key: "supervisor_consulted", text: "Was a supervisor consulted?"),
                .init(key: "decision_reasonable", text: "Was not arresting a reasonable decision?")
            ]
        case .caseFile:
            // HMIC's file-review measures (national report, "Investigating domestic abuse").
            [
                .init(key: "photographs", text: "Photographs of injuries and the scene"),
                .init(key: "body_worn_video", text: "Body-worn video"),
                .init(key: "recording_999", text: "The 999 recording"),
                .init(key: "first_account", text: "Her first account"),
                .init(key: "statements", text: "Statements from her and witnesses"),
                .init(key: "house_to_house", text: "House-to-house enquiries"),
                .init(key: "victim_support", text: "Referral to victim support"),
                .init(key: "counter_allegation", text: "Any counter-allegation investigated"),
                .init(key: "evidence_led", text: "An evidence-led case considered")
            ]
        }
    }
}

/// One measure of a sample.
public struct QualityMeasure: Sendable, Equatable, Codable {
    public var key: String
    public var text: String
}

/// An answer to a measure.
public enum QualityAnswer: String, Sendable, Codable, CaseIterable {
    case yes, no
    case notApplicable = "not_applicable"

    public var label: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .notApplicable: "Not applicable"
        }
    }
}

/// A piece of work drawn for review (rule 29): what, whose (and so which team), the named reviewer and due date, and
/// the reviewer's findings once recorded.
public struct QualitySample: Sendable, Equatable, Codable {
    public var id: String
    public var kind: QualitySampleKind
    public var incidentID: String
    public var reference: String
    /// Whose work it is, and their supervisor's team (by the supervisor's username; "none" without one).
    public var worker: String
    public var team: String
    public var drawnAt: Date
    public var drawnBy: String
    public var reviewer: String
    public var dueAt: Date
    public var reviewedAt: Date?
    public var answers: [String: QualityAnswer]
    public var note: String?

    public init(
        id: String, kind: QualitySampleKind, incidentID: String, reference: String, worker: String, team: String, drawnAt: Date, drawnBy: String,
        reviewer: String, dueAt: Date, reviewedAt: Date? = nil, answers: [String: QualityAnswer] = [:], note: String? = nil
    ) {
        (self.id, self.kind, self.incidentID, self.reference, self.worker, self.team) = (id, kind, incidentID, reference, worker, team)
        (self.drawnAt, self.drawnBy, self.reviewer, self.dueAt, self.reviewedAt, self.answers, self.note) = (
            drawnAt, drawnBy, reviewer, dueAt, reviewedAt, answers, note
        )
    }
}

/// A piece of work that could be drawn: an incident, whose it is and what it holds.
public struct QualityCandidate: Sendable, Equatable {
    public var incidentID: String
    public var reference: String
    public var workerID: String
    public var at: Date
    /// For scene records: whether he was arrested, whether a rationale for not arresting is recorded, whether a
    /// crime was recorded. Nil for a call.
    public var arrested: Bool?
    public var hasRationale: Bool
    public var crimeRecorded: Bool

    public init(incidentID: String, reference: String, workerID: String, at: Date, arrested: Bool?, hasRationale: Bool, crimeRecorded: Bool) {
        (self.incidentID, self.reference, self.workerID, self.at) = (incidentID, reference, workerID, at)
        (self.arrested, self.hasRationale, self.crimeRecorded) = (arrested, hasRationale, crimeRecorded)
    }
}

/// Storage of samples, and the work they are drawn from.
public protocol QualityRepository: Sendable {
    func create(_ sample: QualitySample, reviewerID: String) async throws
    func find(id: String) async throws -> QualitySample?
    /// Saves the findings; false when they were recorded already.
    func saveFindings(id: String, answers: [String: QualityAnswer], note: String?, at: Date) async throws -> Bool
    /// Samples drawn from `from` up to `to` (excluded), newest first.
    func drawn(from: Date, to: Date) async throws -> [QualitySample]
    /// The incidents already sampled for a kind, so none is drawn twice.
    func sampledIncidents(kind: QualitySampleKind) async throws -> Set<String>
    /// DA calls recorded in the window, by whom.
    func calls(from: Date, to: Date) async throws -> [QualityCandidate]
    /// Scene records made in the window, by whom, with the arrest and crime facts.
    func scenes(from: Date, to: Date) async throws -> [QualityCandidate]
}
