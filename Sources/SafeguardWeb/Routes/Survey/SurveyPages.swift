import Foundation
import Hummingbird
import SafeguardDomain

/// The satisfaction survey (rule 28): those waiting to be offered, and each with her safe route, Leicestershire's
/// instruction for a line that goes dead, and the form for a call.
struct SurveyPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("surveys") { _, context -> Response in
            do {
                let waiting = try await service.surveysWaiting(try context.actor())
                return dependencies.templates.page(
                    "surveys", title: "Satisfaction surveys", context: ModelValues.values(SurveyListModel(waiting)), request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.get("surveys/:id") { _, context -> Response in
            do {
                return try await surveyPage(try context.actor(), id: try context.parameters.require("id"), form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("surveys/:id/attempts") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let questions = service.policy.satisfactionQuestions
                    _ = try await service.recordSurveyAttempt(
                        actor, surveyID: id,
                        draft: SurveyAttemptDraft(
                            outcome: form["outcome"], calledSafeNumber: form["called_safe_number"], withinSafeTimes: form["within_safe_times"],
                            leftMessage: form["left_message"], note: form["note"],
                            answers: Dictionary(uniqueKeysWithValues: questions.map { ($0.key, form["answer_\($0.key)"] ?? "") })))
                    return "/surveys/\(id)"
                },
                redraw: { actor, form, errors in try await surveyPage(actor, id: id, form: form, errors: errors, context: context) })
        }
    }

    private func surveyPage(_ actor: Actor, id: String, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let view = try await service.survey(actor, id: id)
        var values = ModelValues.values(SurveyPageModel(view, form: form))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "survey", title: "\(errors.isEmpty ? "" : "Error: ")Satisfaction survey, \(view.survey.caseReference)", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// Surveys waiting to be offered.
struct SurveyListModel: PageModel {
    struct Row: PageModel {
        var id: String
        var reference: String
        var name: String
        var closed: String
        var route: String
        var calls: Int
    }
    var rows: [Row]

    init(_ views: [SurveyView]) {
        rows = views.map { v in
            Row(
                id: v.survey.id, reference: v.survey.caseReference, name: v.person.map { "\($0.firstName) \($0.surname)" } ?? "",
                closed: Display.time(v.survey.offeredAt), route: v.safeContact?.summary ?? "", calls: v.survey.attempts.count)
        }
    }
}

/// One survey: her safe route, the instruction, the calls so far and the form.
struct SurveyPageModel: PageModel {
    struct Question: PageModel {
        var key: String
        var text: String
        var choices: [OptionModel]
        var answer: String
    }
    struct Call: PageModel {
        var when: String
        var by: String
        var outcome: String
        var note: String
    }
    var id: String
    var reference: String
    var name: String
    var status: String
    var waiting: Bool
    var safeNumber: String
    var safeTimes: String
    var messages: String
    var instruction: String
    var questions: [Question]
    var calls: [Call]
    var outcomeChoices: [OptionModel]
    var typedNote: String

    init(_ view: SurveyView, form: FormBody?) {
        id = view.survey.id
        reference = view.survey.caseReference
        name = view.person.map { "\($0.firstName) \($0.surname)" } ?? ""
        status = view.survey.status.label
        waiting = view.survey.status == .waiting
        safeNumber = view.safeContact?.safeNumber ?? "none recorded"
        safeTimes = view.safeContact?.safeTimes ?? "none recorded"
        messages = view.safeContact?.mayLeaveMessage == true ? "A message may be left" : "Do NOT leave a message"
        instruction = view.instruction
        questions = view.questions.map { q in
            let given = view.survey.answers[q.key]?.label ?? ""
            return Question(
                key: q.key, text: q.text,
                choices: SatisfactionAnswer.allCases.map {
                    OptionModel(value: $0.rawValue, label: $0.label, selected: form?["answer_\(q.key)"] == $0.rawValue)
                }, answer: given)
        }
        calls = view.survey.attempts.map { Call(when: Display.time($0.at), by: $0.by, outcome: $0.outcome.label, note: $0.note ?? "") }
        outcomeChoices = SurveyAttempt.Outcome.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: form?["outcome"] == $0.rawValue) }
        typedNote = form?["note"] ?? ""
    }
}
