import Foundation

/// A risk assessment as the officer fills it in at the scene, before it is checked. Answers are text as sent
/// (`yes`, `no`, `not_known`), keyed by question id.
public struct RiskAssessmentDraft: Sendable, Equatable, Codable {
    public var victimPersonID: String?
    public var instrumentID: String?
    public var answers: [String: String]
    public var notes: [String: String]
    public var level: String?
    public var rationale: String?

    public init(
        victimPersonID: String?, instrumentID: String? = nil, answers: [String: String], notes: [String: String] = [:],
        level: String?, rationale: String?
    ) {
        self.victimPersonID = victimPersonID
        self.instrumentID = instrumentID
        self.answers = answers
        self.notes = notes
        self.level = level
        self.rationale = rationale
    }
}

/// One answered question.
public struct RiskAnswer: Sendable, Equatable, Codable {
    public var questionID: String
    public var answer: Answer
    public var note: String?
}

/// A completed risk assessment (rules 7 and 8): every answer, the "yes" count shown as guidance, and the level the
/// officer's professional judgement set, with its rationale.
public struct RiskAssessment: Sendable, Equatable, Codable {
    public var id: String
    public var incidentID: String
    public var personID: String
    public var instrumentID: String
    public var instrumentVersion: Int
    public var answers: [RiskAnswer]
    /// "Yes" answers to the main questions: a guide, never the level.
    public var yesCount: Int
    public var level: RiskLevel
    public var rationale: String
    /// Set when the reviewing sergeant must look at this one first, with why.
    public var flagReasons: [String]
    public var assessedBy: String
    public var assessedAt: Date
    /// The level now, after any reviewer's change (the officer's `level` is kept as it was).
    public var currentLevel: RiskLevel
    /// Drawn for a DA specialist's dip sample (standard risk, policy share).
    public var dipSample: Bool = false
    public var review: RiskReview?
    public var dipReview: RiskReview?
    /// Every change of level, oldest first.
    public var decisions: [LevelDecision] = []

    public var flaggedForReview: Bool { !flagReasons.isEmpty }

    public init(
        id: String, incidentID: String, personID: String, instrumentID: String, instrumentVersion: Int, answers: [RiskAnswer], yesCount: Int,
        level: RiskLevel, rationale: String, flagReasons: [String], assessedBy: String, assessedAt: Date
    ) {
        self.id = id
        self.incidentID = incidentID
        self.personID = personID
        self.instrumentID = instrumentID
        self.instrumentVersion = instrumentVersion
        self.answers = answers
        self.yesCount = yesCount
        self.level = level
        self.rationale = rationale
        self.flagReasons = flagReasons
        self.assessedBy = assessedBy
        self.assessedAt = assessedAt
        currentLevel = level
    }
}

/// A reviewer's look at an assessment: who, when, and what they said of its quality.
public struct RiskReview: Sendable, Equatable, Codable {
    public var byUsername: String
    public var at: Date
    public var note: String?
    public init(byUsername: String, at: Date, note: String?) {
        self.byUsername = byUsername
        self.at = at
        self.note = note
    }
}

/// The high-risk floor (rule 8 with SafeLives): once the "yes" answers reach the instrument's visible-high-risk count,
/// neither the officer's judgement nor a review may set the level below high. Judgement may still raise a level with
/// fewer yes answers; the count never sets the level by itself.
public enum VisibleHighRiskFloor {
    /// The refusal, on `field`, when `level` is below high and the yes answers meet the instrument's count; nil otherwise.
    public static func violation(_ level: RiskLevel, yesCount: Int, instrument: RiskInstrument, field: String) -> FieldError? {
        guard level != .high, instrument.meetsVisibleHighRisk(yesCount) else { return nil }
        return FieldError(field, refusal(yesCount: yesCount, instrument: instrument, level: level))
    }

    /// The words of a refusal: the count, the threshold and the instrument, and what to do instead.
    static func refusal(yesCount: Int, instrument: RiskInstrument, level: RiskLevel) -> String {
        "\(yesCount) of \(instrument.questions.count) answers are yes, which meets the visible-high-risk threshold of \(instrument.visibleHighRiskYesCount) on this checklist: the level cannot be \(level.rawValue). Judgement may raise a level with fewer yes answers, never lower one that meets the threshold; if her situation has changed, record a new assessment."
    }
}

/// Rules 7 and 8 as checks on a draft.
public enum RiskAssessmentRules {
    /// The "yes" answers to the main questions (the supplementary prompts are not counted, as in DASH).
    public static func yesCount(_ answers: [String: Answer], instrument: RiskInstrument) -> Int {
        instrument.questions.filter { answers[$0.id] == .yes }.count
    }

    /// Checks a draft against its instrument, reporting every problem at once.
    /// The level is whatever the officer judged: nothing here derives it from the answers.
    public static func check(_ draft: RiskAssessmentDraft, instrument: RiskInstrument) throws
        -> (answers: [RiskAnswer], yesCount: Int, level: RiskLevel, rationale: String)
    {
        var errors: [FieldError] = []
        var main: [String: Answer] = [:]
        for question in instrument.questions {
            let raw = trimmedNonEmpty(draft.answers[question.id])
            guard let raw else {
                errors.append(FieldError("answers.\(question.id)", "Answer \"\(question.text)\": yes, no or not known."))
                continue
            }
            guard let answer = Answer(rawValue: raw.lowercased()) else {
                errors.append(FieldError("answers.\(question.id)", "\"\(raw)\" is not an answer: use yes, no or not_known."))
                continue
            }
            main[question.id] = answer
        }
        let known = Set(instrument.questions.map(\.id) + instrument.supplementary.flatMap { $0.questions.map(\.id) })
        for id in draft.answers.keys.sorted() where !known.contains(id) {
            errors.append(FieldError("answers.\(id)", "is not a question of \(instrument.title)."))
        }
        var answers = instrument.questions.compactMap { q in
            main[q.id].map { RiskAnswer(questionID: q.id, answer: $0, note: trimmedNonEmpty(draft.notes[q.id])) }
        }
        // The prompts a "yes" opened must be answered; prompts nobody opened are left out, whatever was sent.
        for set in instrument.openedSets(by: main) {
            for question in set.questions {
                guard let raw = trimmedNonEmpty(draft.answers[question.id]), let answer = Answer(rawValue: raw.lowercased()) else {
                    errors.append(FieldError("answers.\(question.id)", "\(set.title): answer \"\(question.text)\" (yes, no or not known)."))
                    continue
                }
                answers.append(RiskAnswer(questionID: question.id, answer: answer, note: trimmedNonEmpty(draft.notes[question.id])))
            }
        }
        for (id, note) in draft.notes where note.count > 2000 { errors.append(FieldError("notes.\(id)", "must be 2,000 characters or fewer.")) }

        let level: RiskLevel? = choice(draft.level, "level", &errors, what: "the risk level your judgement sets")
        let rationale = trimmedNonEmpty(draft.rationale)
        if (rationale?.count ?? 0) < 20 {
            errors.append(
                FieldError(
                    "rationale",
                    "Explain your judgement of the level in your own words (at least 20 characters): what you saw, what the victim said, what worries you."))
        }
        let count = yesCount(main, instrument: instrument)
        if let level, let floor = VisibleHighRiskFloor.violation(level, yesCount: count, instrument: instrument, field: "level") { errors.append(floor) }
        guard errors.isEmpty, let level, let rationale else { throw DomainError.invalid(errors) }
        return (answers, count, level, rationale)
    }
}
