import Foundation
import Hummingbird
import SafeguardDomain

/// The perpetrators page (rule 24): the latest run's list for an area or the force, and a button to run the lists now.
struct PerpetratorPages {
    let dependencies: WebDependencies

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("perpetrators") { request, context -> Response in
            do {
                let q = request.queryFields
                let query = ["area": q["area"], "list": q["list"], "reason": q["reason"]].compactMapValues { $0 }
                return try await page(try context.actor(), query, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("perpetrators/runs") { request, context -> Response in
            try await dependencies.postForm(
                request, context,
                act: { actor, _ in
                    _ = try await dependencies.service.runPerpetratorLists(actor)
                    return "/perpetrators"
                },
                redraw: { actor, _, errors in try await page(actor, [:], errors: errors, context: context) })
        }
    }

    private func page(_ actor: Actor, _ query: [String: String], errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let area = query["area"].flatMap { $0.isEmpty ? nil : $0 }
        let list = query["list"].flatMap { $0.isEmpty ? nil : $0 }
        let reason = query["reason"]
        var model = PerpetratorPageModel(
            actor: actor, areas: try await dependencies.service.areas(), area: area, list: list, reason: reason,
            ownAreaOnly: dependencies.service.policy.seesOwnAreaOnly(actor.role), policy: dependencies.service.policy.perpetrators)
        var fieldErrors = errors
        do {
            model.show(try await dependencies.service.perpetratorList(actor, area: area, list: list, limit: 100, reason: reason))
        } catch DomainError.reasonRequired(let message) {
            model.reasonNeeded = message
            if reason != nil { fieldErrors.append(FieldError("reason", message)) }
        } catch DomainError.invalid(let errors) {
            fieldErrors += errors
        }
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: fieldErrors).context) { $1 }
        return dependencies.templates.page(
            "perpetrators", title: fieldErrors.isEmpty ? "Perpetrators" : "Error: Perpetrators", context: values, request: context,
            status: fieldErrors.isEmpty ? .ok : .unprocessableContent)
    }
}
