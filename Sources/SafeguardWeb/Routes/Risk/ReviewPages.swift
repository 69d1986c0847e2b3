import Foundation
import Hummingbird
import SafeguardDomain

/// The reviewer's queue (sergeant: every assessment; DA specialist: the dip sample) and the review itself, which can
/// change the level in place with a reason.
struct ReviewPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("reviews") { _, context -> Response in
            do {
                return try await reviewsPage(try context.actor(), errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.post("risk-assessments/:id/review") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let form = try await dependencies.readForm(request, context: context)
                do {
                    let assessment = try await service.reviewRiskAssessment(actor, assessmentID: id, draft: Self.draft(form))
                    return Response.redirect(to: "/incidents/\(assessment.incidentID)#assessments", type: .normal)
                } catch let DomainError.invalid(errors) {
                    let incidentID = form["incident_id"] ?? ""
                    let record = try await service.viewIncidentRecord(actor, id: incidentID)
                    return try IncidentPages(dependencies: dependencies).incidentPage(
                        record, errors: errors, context: context, status: .unprocessableContent,
                        review: (id, form))
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    /// The queue page; `errors` carries a refused no-arrest finding back to its own task.
    func reviewsPage(_ actor: Actor, errors: [FieldError], context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let items = try await service.reviewQueue(actor)
        let noArrest = actor.role.can(.reviewRisk) ? try await service.noArrestQueue(actor) : []
        let cautions = actor.role.can(.reviewRisk) ? try await service.cautionQueue(actor) : []
        var values = ModelValues.values(
            ReviewsPageModel(items, noArrest: noArrest, cautions: cautions, actor: actor, now: service.clock.now(), errors: errors))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "reviews", title: (errors.isEmpty ? "" : "Error: ") + (actor.role == .daSpecialist ? "Dip sample" : "Assessments to review"),
            context: values, request: context, status: status)
    }

    static func draft(_ form: FormBody) -> RiskReviewDraft {
        RiskReviewDraft(
            qualityNote: form["quality_note"], newLevel: form["new_level"], reason: form["reason"],
            explanation: form["explanation"], newInformation: form["new_information"])
    }
}
