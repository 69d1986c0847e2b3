import Foundation
import Hummingbird
import SafeguardDomain

/// Clare's Law pages (rule 26): the list with the scheme's figures and a new application, and each application with
/// its clocks and steps. Only for those who run the scheme.
struct DisclosurePages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("disclosures") { _, context -> Response in
            do {
                return try await listPage(try context.actor(), form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("disclosures") { request, context -> Response in
            try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let view = try await service.applyForDisclosure(
                        actor,
                        draft: DisclosureApplicationDraft(
                            route: form["route"], applicantName: form["applicant_name"], applicantRelationship: form["applicant_relationship"],
                            applicantContact: form["applicant_contact"], atRiskPersonID: form["at_risk_person_id"],
                            subjectPersonID: form["subject_person_id"]))
                    return "/disclosures/\(view.application.id)"
                },
                redraw: { actor, form, errors in try await listPage(actor, form: form, errors: errors, context: context) })
        }
        router.get("disclosures/:id") { _, context -> Response in
            do {
                return try await applicationPage(try context.actor(), id: try context.parameters.require("id"), errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("disclosures/:id/steps") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    func answer(_ name: String) -> Bool? { form[name].flatMap { $0 == "yes" ? true : $0 == "no" ? false : nil } }
                    _ = try await service.recordDisclosureStep(
                        actor, applicationID: id,
                        draft: DisclosureStepDraft(
                            kind: form["kind"], note: form["note"], immediateRisk: answer("immediate_risk"), pressingNeed: answer("pressing_need"),
                            lawful: answer("lawful"), necessary: answer("necessary"), proportionate: answer("proportionate"), disclose: answer("disclose"),
                            reasons: form["reasons"], method: form["method"], safetyPlan: form["safety_plan"]))
                    return "/disclosures/\(id)"
                },
                redraw: { actor, _, errors in try await applicationPage(actor, id: id, errors: errors, context: context) })
        }
    }

    private func listPage(_ actor: Actor, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let found = try await service.disclosureApplications(actor)
        var values = ModelValues.values(DisclosureListPageModel(found.applications, figures: found.figures, now: service.clock.now(), form: form))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "disclosures", title: errors.isEmpty ? "Clare's Law applications" : "Error: Clare's Law applications", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func applicationPage(_ actor: Actor, id: String, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let view = try await service.disclosureApplication(actor, id: id)
        var values = ModelValues.values(DisclosurePageModel(view))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "disclosure", title: "\(errors.isEmpty ? "" : "Error: ")Clare's Law \(view.application.reference)", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
