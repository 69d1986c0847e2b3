import Foundation
import Hummingbird
import SafeguardDomain

/// A crime's outcomes on the incident page (rule 27), and the form to record one. Its fields are named `outcome_…` on
/// the page, so a refusal marks this form and not the others on the incident page.
struct OutcomePages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.post("incidents/:id/outcomes") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let form = try await dependencies.readForm(request, context: context)
                do {
                    _ = try await service.recordOutcome(
                        actor, incidentID: id,
                        draft: OutcomeDraft(
                            kind: form["outcome_kind"], decidedOn: form["outcome_decided_on"], decidedBy: form["outcome_decided_by"],
                            suspectPersonID: form["outcome_suspect_person_id"], reason: form["outcome_reason"]))
                    return Response.redirect(to: "/incidents/\(id)#outcomes", type: .normal)
                } catch let DomainError.invalid(errors) {
                    let record = try await service.viewIncidentRecord(actor, id: id)
                    return try IncidentPages(dependencies: dependencies).incidentPage(
                        record, errors: errors.map { FieldError("outcome_" + $0.field, $0.message) },
                        context: context, status: .unprocessableContent)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }
}
