import Foundation

/// Rule 28's rules, in one place: who may be called (only through her safe route), what a call must confirm, what
/// each outcome does, and how the answers are reported (Table 2: the share satisfied).
public enum SurveyRules {
    /// Leicestershire's instruction, shown before every call and acted on when the line goes dead.
    public static let lineDeadInstruction =
        "If the line goes dead, or she cannot talk freely, do not call back: ask the control room at once for an immediate response to her address, and record it here."

    /// Whether she can be offered the survey at all: a safe number recorded, and contact not through her IDVA only.
    public static func hasSafeRoute(_ safe: SafeContact?) -> Bool {
        guard let safe, !safe.viaIDVAOnly, let number = safe.safeNumber else { return false }
        return !number.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// A call, checked: made to her safe number within her safe times, no message unless she agreed to them, and —
    /// when she answered — an answer on the scale to every question. Errors name the fields.
    public static func check(_ draft: SurveyAttemptDraft, questions: [SurveyQuestion], safe: SafeContact?) throws -> (
        outcome: SurveyAttempt.Outcome, leftMessage: Bool, note: String?, answers: [String: SatisfactionAnswer]
    ) {
        var errors: [FieldError] = []
        let outcome: SurveyAttempt.Outcome? = choice(draft.outcome, "outcome", &errors, what: "what happened on the call")
        guard hasSafeRoute(safe) else {
            throw DomainError.invalid([FieldError("outcome", "She has no safe route recorded: she is not called for the survey.")])
        }
        if draft.calledSafeNumber != "yes" {
            errors.append(
                FieldError("called_safe_number", "Call her only on her recorded safe number (\(safe?.safeNumber ?? "")).".trimmingCharacters(in: .whitespaces)))
        }
        if draft.withinSafeTimes != "yes" {
            errors.append(FieldError("within_safe_times", "Call her only within her safe times (\(safe?.safeTimes ?? "as recorded"))."))
        }
        let leftMessage = draft.leftMessage == "yes"
        if leftMessage && safe?.mayLeaveMessage != true { errors.append(FieldError("left_message", "She has not agreed to messages: leave none.")) }
        let note = trimmedNonEmpty(draft.note)
        if let note, let problem = TextInput.textProblem(note, limit: InputLimits.line) { errors.append(FieldError("note", problem)) }
        var answers: [String: SatisfactionAnswer] = [:]
        if outcome == .answered {
            for question in questions {
                guard let raw = trimmedNonEmpty(draft.answers[question.key]) else {
                    errors.append(FieldError("answer_\(question.key)", "Record her answer, or choose that she declined."))
                    continue
                }
                guard let answer = SatisfactionAnswer(rawValue: raw) else {
                    errors.append(
                        FieldError("answer_\(question.key)", "must be one of \(SatisfactionAnswer.allCases.map(\.rawValue).joined(separator: ", "))."))
                    continue
                }
                answers[question.key] = answer
            }
        }
        if outcome == .lineDead && (note?.count ?? 0) < 5 {
            errors.append(FieldError("note", "Say what happened and that the control room was asked for an immediate response."))
        }
        guard errors.isEmpty, let outcome else { throw DomainError.invalid(errors) }
        return (outcome, leftMessage, note, answers)
    }

    /// The survey's status after a call: answered and declined end it; so does the last allowed attempt unanswered.
    public static func status(after outcome: SurveyAttempt.Outcome, attempts: Int, policy: ForcePolicy) -> SatisfactionSurvey.Status {
        switch outcome {
        case .answered: .answered
        case .declined: .declined
        // A line gone dead may mean he is there: she is not called about the survey again.
        case .lineDead: .lineDead
        case .noAnswer, .unsafeToTalk: attempts >= policy.surveyAttempts ? .unreached : .waiting
        }
    }

    /// Table 2 over the surveys set in a period: how many were offered, answered, declined or could not be, and per
    /// question the share of those who answered it who were satisfied.
    public static func figures(_ surveys: [SatisfactionSurvey], questions: [SurveyQuestion]) -> SatisfactionFigures {
        var byStatus = Dictionary(uniqueKeysWithValues: SatisfactionSurvey.Status.allCases.map { ($0.rawValue, 0) })
        for survey in surveys { byStatus[survey.status.rawValue, default: 0] += 1 }
        let answered = surveys.filter { $0.status == .answered }
        return SatisfactionFigures(
            surveys: surveys.count, byStatus: byStatus,
            questions: questions.map { question in
                let given = answered.compactMap { $0.answers[question.key] }
                let satisfied = given.filter(\.isSatisfied).count
                return SatisfactionFigures.Question(
                    key: question.key, text: question.text, answered: given.count, satisfied: satisfied, share: FigureRules.share(satisfied, of: given.count))
            })
    }
}

/// Victims' satisfaction for a period (rule 28; the national report's Table 2).
public struct SatisfactionFigures: Sendable, Equatable, Codable {
    public struct Question: Sendable, Equatable, Codable {
        public var key: String
        public var text: String
        public var answered: Int
        public var satisfied: Int
        /// Satisfied ÷ answered, a fraction; nil with no answers.
        public var share: Double?
    }
    /// Surveys set by cases closing in the period.
    public var surveys: Int
    public var byStatus: [String: Int]
    public var questions: [Question]
}
