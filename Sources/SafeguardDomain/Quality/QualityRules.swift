import Foundation

/// Rule 29's rules, in one place: what each kind of sample is drawn from, how many, what a finding must say, and how
/// the results are reported.
public enum QualityRules {
    /// The window each kind is drawn from, ending at `now`: calls and no-arrest decisions from the last week; case
    /// files from crimes recorded one to five weeks ago, so the file has had time to be built.
    public static func window(_ kind: QualitySampleKind, now: Date) -> (from: Date, to: Date) {
        switch kind {
        case .controlRoomCall, .noArrest: (now.addingTimeInterval(-7 * 86_400), now)
        case .caseFile: (now.addingTimeInterval(-35 * 86_400), now.addingTimeInterval(-7 * 86_400))
        }
    }

    /// Whether a candidate is the kind's work: a call; a scene where no arrest was made; a scene where a crime was recorded.
    public static func eligible(_ kind: QualitySampleKind, _ c: QualityCandidate) -> Bool {
        switch kind {
        case .controlRoomCall: c.arrested == nil
        case .noArrest: c.arrested == false
        case .caseFile: c.arrested != nil && c.crimeRecorded
        }
    }

    /// Draws up to `count` of the eligible candidates not sampled before, at random.
    public static func draw<G: RandomNumberGenerator>(
        _ kind: QualitySampleKind, from candidates: [QualityCandidate], already: Set<String>, count: Int, using generator: inout G
    ) -> [QualityCandidate] {
        var pool = candidates.filter { eligible(kind, $0) && !already.contains($0.incidentID) }
        pool.shuffle(using: &generator)
        return Array(pool.prefix(max(0, count)))
    }

    /// A reviewer's findings, checked: every measure answered yes, no or not applicable, and a note saying what was
    /// wrong whenever anything was not done.
    public static func check(_ kind: QualitySampleKind, answers raw: [String: String], note rawNote: String?) throws -> (
        answers: [String: QualityAnswer], note: String?
    ) {
        var errors: [FieldError] = []
        var answers: [String: QualityAnswer] = [:]
        for measure in kind.measures {
            guard let value = trimmedNonEmpty(raw[measure.key]) else {
                errors.append(FieldError("answer_\(measure.key)", "Answer yes, no or not applicable."))
                continue
            }
            guard let answer = QualityAnswer(rawValue: value) else {
                errors.append(FieldError("answer_\(measure.key)", "must be yes, no or not_applicable."))
                continue
            }
            answers[measure.key] = answer
        }
        let note = trimmedNonEmpty(rawNote)
        if let note, let problem = TextInput.textProblem(note, limit: InputLimits.text) { errors.append(FieldError("note", problem)) }
        if answers.values.contains(.no) && (note?.count ?? 0) < 10 {
            errors.append(FieldError("note", "Say what was missing or wrong, for the team to learn from (at least 10 characters)."))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return (answers, note)
    }

    /// The results of reviewed samples: per kind and measure the share done (yes ÷ yes and no; not applicable left
    /// out), and each kind's share done by team and by month.
    public static func report(_ samples: [QualitySample]) -> QualityReport {
        let reviewed = samples.filter { $0.reviewedAt != nil }
        func share(_ of: [QualitySample], measure: String? = nil) -> (done: Int, answered: Int) {
            var done = 0, answered = 0
            for sample in of {
                for (key, answer) in sample.answers where measure == nil || key == measure {
                    if answer == .yes { done += 1 }
                    if answer != .notApplicable { answered += 1 }
                }
            }
            return (done, answered)
        }
        return QualityReport(
            kinds: QualitySampleKind.allCases.map { kind in
                let ofKind = reviewed.filter { $0.kind == kind }
                let teams = Set(ofKind.map(\.team)).sorted()
                let months = Set(ofKind.map { String(CalendarDate.string($0.drawnAt).prefix(7)) }).sorted()
                func line(_ label: String, _ group: [QualitySample]) -> QualityReport.Line {
                    let s = share(group)
                    return QualityReport.Line(
                        label: label, samples: group.count, done: s.done, answered: s.answered, share: FigureRules.share(s.done, of: s.answered))
                }
                return QualityReport.Kind(
                    kind: kind, drawn: samples.filter { $0.kind == kind }.count, reviewed: ofKind.count,
                    measures: kind.measures.map { m in
                        let s = share(ofKind, measure: m.key)
                        return QualityReport.Line(
                            label: m.text, samples: ofKind.count, done: s.done, answered: s.answered, share: FigureRules.share(s.done, of: s.answered))
                    },
                    byTeam: teams.map { team in line(team, ofKind.filter { $0.team == team }) },
                    byMonth: months.map { month in line(month, ofKind.filter { CalendarDate.string($0.drawnAt).hasPrefix(month) }) })
            })
    }
}

/// Dip-sample results (rule 29).
public struct QualityReport: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        public var label: String
        public var samples: Int
        /// Measures answered yes, and answered yes or no.
        public var done: Int
        public var answered: Int
        /// done ÷ answered, a fraction; nil with none answered.
        public var share: Double?
    }
    public struct Kind: Sendable, Equatable, Codable {
        public var kind: QualitySampleKind
        public var drawn: Int
        public var reviewed: Int
        public var measures: [Line]
        public var byTeam: [Line]
        public var byMonth: [Line]
    }
    public var kinds: [Kind]
}
