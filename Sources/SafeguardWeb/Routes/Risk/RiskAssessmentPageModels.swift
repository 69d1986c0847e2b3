import Foundation
import SafeguardDomain

/// The risk assessment form at the scene: the instrument's questions and its supplementary sets, each answer and note
/// as typed with its error, the victim, the officer's level and rationale, and the "yes" count that guides it.
struct RiskAssessmentFormModel: PageModel {
    struct Instrument: PageModel {
        var title: String
        var guidance: String
    }
    struct Victim: PageModel {
        var id: String
        var name: String
        var checked: Bool
    }
    struct Question: PageModel {
        var id: String
        var number: String
        var text: String
        var hint: String
        var note: String
        var error: String
        var options: [CheckedOptionModel]
    }
    /// A supplementary set, opened by one of the questions.
    struct QuestionSet: PageModel {
        var title: String
        var opener: String
        var questions: [Question]
    }
    var incident: IncidentReferenceModel
    var instrument: Instrument
    var victims: [Victim]
    var questions: [Question]
    var sets: [QuestionSet]
    var levels: [CheckedOptionModel]
    var rationale: String
    var threshold: Int

    init(_ record: IncidentRecord, instrument: RiskInstrument, posted: FormBody, victim: String?, errors: [FieldError]) {
        let byField = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        func question(_ q: RiskInstrument.Question, number: Int?) -> Question {
            let chosen = posted["answer_\(q.id)"]
            return Question(
                id: q.id, number: number.map(String.init) ?? "", text: q.text, hint: q.hint ?? "", note: posted["note_\(q.id)"] ?? "",
                error: byField["answers.\(q.id)"] ?? "",
                options: Answer.allCases.map { CheckedOptionModel(value: $0.rawValue, label: $0.label, checked: $0.rawValue == chosen) })
        }
        incident = IncidentReferenceModel(id: record.incident.id, reference: record.incident.reference)
        self.instrument = Instrument(title: instrument.title, guidance: instrument.guidance)
        victims = record.incident.victims.map {
            Victim(id: $0.personID, name: $0.displayName, checked: $0.personID == victim || record.incident.victims.count == 1)
        }
        questions = instrument.questions.enumerated().map { question($1, number: $0 + 1) }
        sets = instrument.supplementary.map { set in
            let opener = instrument.questions.first { ($0.opens ?? []).contains(set.id) }?.text ?? ""
            return QuestionSet(title: set.title, opener: opener, questions: set.questions.map { question($0, number: nil) })
        }
        levels = RiskLevel.allCases.map { CheckedOptionModel(value: $0.rawValue, label: $0.rawValue.capitalized, checked: $0.rawValue == posted["level"]) }
        rationale = posted["rationale"] ?? ""
        threshold = instrument.visibleHighRiskYesCount
    }
}
