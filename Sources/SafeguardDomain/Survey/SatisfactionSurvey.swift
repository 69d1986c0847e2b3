import Foundation

/// A question of the satisfaction survey (rule 28), as force policy words it.
public struct SurveyQuestion: Sendable, Equatable, Codable {
    public var key: String
    public var text: String
    public init(key: String, text: String) { (self.key, self.text) = (key, text) }

    /// Modelled on Table 2 of the national report: treated with respect, taken seriously, kept informed, felt safer,
    /// and the whole experience.
    public static let table2: [SurveyQuestion] = [
        SurveyQuestion(key: "respect", text: "How satisfied are you that the police treated you with respect?"),
        SurveyQuestion(key: "taken_seriously", text: "How satisfied are you that the police took what happened seriously?"),
        SurveyQuestion(key: "kept_informed", text: "How satisfied are you with how well the police kept you informed?"),
        SurveyQuestion(key: "felt_safer", text: "How satisfied are you that what the police did helped you feel safer?"),
        SurveyQuestion(key: "overall", text: "Overall, how satisfied are you with the service you received?")
    ]
}

/// An answer on the Home Office's five-point scale; "satisfied" is the first two.
public enum SatisfactionAnswer: String, Sendable, Codable, CaseIterable {
    case verySatisfied = "very_satisfied"
    case fairlySatisfied = "fairly_satisfied"
    case neither
    case fairlyDissatisfied = "fairly_dissatisfied"
    case veryDissatisfied = "very_dissatisfied"

    public var label: String {
        switch self {
        case .verySatisfied: "Very satisfied"
        case .fairlySatisfied: "Fairly satisfied"
        case .neither: "Neither satisfied nor dissatisfied"
        case .fairlyDissatisfied: "Fairly dissatisfied"
        case .veryDissatisfied: "Very dissatisfied"
        }
    }
    public var isSatisfied: Bool { self == .verySatisfied || self == .fairlySatisfied }
}

/// The survey offered to a victim after her case closes (rule 28), only through her safe contact route.
public struct SatisfactionSurvey: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// To be offered: she has a safe number.
        case waiting
        case answered
        case declined
        /// No safe number was recorded (or contact is through her IDVA only): she is not called.
        case noSafeRoute = "no_safe_route"
        /// Not reached in the policy's number of attempts.
        case unreached
        /// The line went dead on a call: an immediate response, and she is not called about the survey again.
        case lineDead = "line_dead"
        /// Her case reopened before she was reached: the survey waits for it to close again.
        case caseReopened = "case_reopened"

        public var label: String {
            switch self {
            case .waiting: "Waiting to be offered"
            case .answered: "Answered"
            case .declined: "Declined"
            case .noSafeRoute: "Not offered: no safe route"
            case .unreached: "Not reached"
            case .lineDead: "Ended: the line went dead"
            case .caseReopened: "Not offered: her case reopened"
            }
        }
    }
    public var id: String
    public var caseID: String
    public var caseReference: String
    public var personID: String
    /// When her case closed and the survey was set.
    public var offeredAt: Date
    public var status: Status
    public var attempts: [SurveyAttempt]
    /// Her answers by question key, when she answered.
    public var answers: [String: SatisfactionAnswer]

    public init(
        id: String, caseID: String, caseReference: String, personID: String, offeredAt: Date, status: Status, attempts: [SurveyAttempt] = [],
        answers: [String: SatisfactionAnswer] = [:]
    ) {
        (self.id, self.caseID, self.caseReference, self.personID, self.offeredAt, self.status) = (id, caseID, caseReference, personID, offeredAt, status)
        (self.attempts, self.answers) = (attempts, answers)
    }
}

/// One call made to offer the survey.
public struct SurveyAttempt: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case answered, declined
        case noAnswer = "no_answer"
        /// She said it was not safe to talk: end the call, try another safe time.
        case unsafeToTalk = "unsafe_to_talk"
        /// The line went dead mid-call: an immediate response (Leicestershire).
        case lineDead = "line_dead"

        public var label: String {
            switch self {
            case .answered: "She answered the questions"
            case .declined: "She declined the survey"
            case .noAnswer: "No answer"
            case .unsafeToTalk: "Not safe to talk"
            case .lineDead: "The line went dead"
            }
        }
    }
    public var id: String
    public var at: Date
    public var by: String
    public var outcome: Outcome
    public var leftMessage: Bool
    public var note: String?

    public init(id: String, at: Date, by: String, outcome: Outcome, leftMessage: Bool, note: String?) {
        (self.id, self.at, self.by, self.outcome, self.leftMessage, self.note) = (id, at, by, outcome, leftMessage, note)
    }
}

/// A call as the surveyor records it.
public struct SurveyAttemptDraft: Sendable {
    public var outcome: String?
    /// "yes" when the call was made to her recorded safe number.
    public var calledSafeNumber: String?
    /// "yes" when it was within her safe times.
    public var withinSafeTimes: String?
    /// "yes" when a message was left.
    public var leftMessage: String?
    public var note: String?
    public var answers: [String: String]

    public init(
        outcome: String?, calledSafeNumber: String?, withinSafeTimes: String?, leftMessage: String? = nil, note: String? = nil,
        answers: [String: String] = [:]
    ) {
        (self.outcome, self.calledSafeNumber, self.withinSafeTimes, self.leftMessage, self.note) = (
            outcome, calledSafeNumber, withinSafeTimes, leftMessage, note
        )
        self.answers = answers
    }
}

/// Storage of surveys and their calls.
public protocol SurveyRepository: Sendable {
    func create(_ survey: SatisfactionSurvey) async throws
    func find(id: String) async throws -> SatisfactionSurvey?
    /// Records a call, and the survey's new status and answers; false when its status changed meanwhile.
    func addAttempt(
        _ attempt: SurveyAttempt, surveyID: String, status: SatisfactionSurvey.Status, answers: [String: SatisfactionAnswer],
        expected: SatisfactionSurvey.Status
    ) async throws -> Bool
    /// Surveys with this status, oldest first.
    func withStatus(_ status: SatisfactionSurvey.Status, limit: Int) async throws -> [SatisfactionSurvey]
    /// Surveys set from `from` up to `to` (excluded), with their answers.
    func offered(from: Date, to: Date) async throws -> [SatisfactionSurvey]
    /// Marks the case's surveys still waiting with `status` (her case reopened).
    func setWaiting(caseID: String, to status: SatisfactionSurvey.Status) async throws
}
