import Foundation
import Hummingbird
import SafeguardDomain

/// The satisfaction survey over the API (rule 28), under `/api/v1`: those who conduct surveys.
struct SurveyAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct AttemptInput: Decodable {
        var outcome: String?
        var calledSafeNumber: Bool?
        var withinSafeTimes: Bool?
        var leftMessage: Bool?
        var note: String?
        var answers: [String: String]?
    }
    struct Output: Encodable {
        var survey: SatisfactionSurvey
        var person: PersonSummary?
        var safeContact: SafeContact?
        var questions: [SurveyQuestion]
        var instruction: String
        init(_ v: SurveyView) {
            (survey, person, safeContact, questions, instruction) = (v.survey, v.person, v.safeContact, v.questions, v.instruction)
        }
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("surveys") { _, context -> Response in
            struct List: Encodable { var items: [Output] }
            return try APIJSON.response(List(items: try await service.surveysWaiting(try context.actor()).map(Output.init)))
        }
        api.get("surveys/:id") { _, context -> Response in
            try APIJSON.response(Output(try await service.survey(try context.actor(), id: try context.parameters.require("id"))))
        }
        api.post("surveys/:id/attempts") { request, context -> Response in
            let input = try await APIJSON.decode(AttemptInput.self, from: request, context: context)
            func yes(_ flag: Bool?) -> String? { flag.map { $0 ? "yes" : "no" } }
            let view = try await service.recordSurveyAttempt(
                try context.actor(), surveyID: try context.parameters.require("id"),
                draft: SurveyAttemptDraft(
                    outcome: input.outcome, calledSafeNumber: yes(input.calledSafeNumber), withinSafeTimes: yes(input.withinSafeTimes),
                    leftMessage: yes(input.leftMessage), note: input.note, answers: input.answers ?? [:]))
            return try APIJSON.response(Output(view), status: .created)
        }
    }
}
