import Foundation
import Hummingbird
import SafeguardDomain

/// The risk assessment at the scene, on a phone-sized page: every question blank each time (never copied from an
/// earlier assessment), the officer's level and rationale, and the "yes" count shown only as a guide.
struct RiskAssessmentPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("incidents/:id/risk-assessments/new") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                try actor.require(.assessRisk)
                let record = try await service.viewIncidentRecord(actor, id: id)
                return try form(record, posted: FormBody(encoded: ""), victim: request.queryFields["victim"], errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.post("incidents/:id/risk-assessments") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let posted = try await dependencies.readForm(request, context: context)
                do {
                    _ = try await service.recordRiskAssessment(actor, incidentID: id, draft: Self.draft(from: posted, instrument: try service.riskInstrument()))
                    return Response.redirect(to: "/incidents/\(id)#assessments", type: .normal)
                } catch let DomainError.invalid(errors) {
                    let record = try await service.viewIncidentRecord(actor, id: id)
                    return try form(record, posted: posted, victim: posted["victim_person_id"], errors: errors, context: context, status: .unprocessableContent)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    /// Form fields are `answer_<question>` and `note_<question>`.
    static func draft(from form: FormBody, instrument: RiskInstrument) -> RiskAssessmentDraft {
        var answers: [String: String] = [:], notes: [String: String] = [:]
        for question in instrument.questions + instrument.supplementary.flatMap(\.questions) {
            if let answer = form["answer_\(question.id)"], !answer.isEmpty { answers[question.id] = answer }
            if let note = form["note_\(question.id)"], !note.isEmpty { notes[question.id] = note }
        }
        return RiskAssessmentDraft(
            victimPersonID: form["victim_person_id"], instrumentID: instrument.id, answers: answers, notes: notes,
            level: form["level"], rationale: form["rationale"])
    }

    private func form(
        _ record: IncidentRecord, posted: FormBody, victim: String?, errors: [FieldError], context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let instrument = try service.riskInstrument()
        var all = ModelValues.values(RiskAssessmentFormModel(record, instrument: instrument, posted: posted, victim: victim, errors: errors))
        all.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "risk-assessment", title: (errors.isEmpty ? "" : "Error: ") + "Risk assessment \(record.incident.reference)",
            context: all, request: context, status: status)
    }
}
