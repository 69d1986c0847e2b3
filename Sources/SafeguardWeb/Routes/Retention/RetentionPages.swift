import Foundation
import Hummingbird
import SafeguardDomain

/// Retention reviews (rule 34): the queue of records due, each record's standing with its decisions, the reviewer's
/// decision (retain, or mark for disposal) and a second person's approval or refusal.
struct RetentionPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("retention") { _, context -> Response in
            do {
                let model = RetentionQueueModel(try await service.retentionQueue(try context.actor()))
                return dependencies.templates.page("retention", title: "Retention reviews", context: ModelValues.values(model), request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.get("retention/people/:id") { _, context -> Response in
            do {
                return try await standingPage(try context.actor(), id: try context.parameters.require("id"), form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("retention/people/:id/review") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.reviewRetention(actor, personID: id, decision: form["decision"], reason: form["reason"])
                    return "/retention/people/\(id)"
                },
                redraw: { actor, form, errors in try await standingPage(actor, id: id, form: form, errors: errors, context: context) })
        }
        router.post("retention/people/:id/disposal") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let approve: Bool? = form["approve"] == "yes" ? true : form["approve"] == "no" ? false : nil
                    _ = try await service.decideDisposal(actor, personID: id, approve: approve, reason: form["reason"])
                    return "/retention/people/\(id)"
                },
                redraw: { actor, form, errors in try await standingPage(actor, id: id, form: form, errors: errors, context: context) })
        }
    }

    private func standingPage(_ actor: Actor, id: String, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let model = RetentionStandingModel(try await service.retentionStanding(actor, personID: id), actor: actor, form: form)
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "retention-record", title: "\(errors.isEmpty ? "" : "Error: ")Retention review: \(model.name)", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
