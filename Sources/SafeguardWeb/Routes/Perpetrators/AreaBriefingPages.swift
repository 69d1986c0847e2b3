import Foundation
import Hummingbird
import SafeguardDomain

/// An area's daily briefing page (rule 24), the neighbourhood tasks set from it and their results, and "I have been
/// briefed". `/briefing` takes a neighbourhood officer to their own area's.
struct AreaBriefingPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("briefing") { _, context -> Response in
            let actor = try context.actor()
            let areas = try await service.areas()
            guard service.policy.seesOwnAreaOnly(actor.role), let own = areas.first(where: { $0.id == actor.user.areaID }) else {
                return Response.redirect(to: "/perpetrators", type: .normal)
            }
            return Response.redirect(to: "/areas/\(own.code)/briefing", type: .normal)
        }
        router.get("areas/:code/briefing") { request, context -> Response in
            let code = try context.parameters.require("code")
            let reason = request.queryFields["reason"]
            do {
                return try await page(try context.actor(), code: code, reason: reason, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.reasonOrErrorPage(error, action: "/areas/\(code)/briefing", reason: reason, context: context)
            }
        }
        router.post("areas/:code/tasks") { request, context -> Response in
            let code = try context.parameters.require("code")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.setNeighbourhoodTask(
                        actor, area: code,
                        draft: NeighbourhoodTaskDraft(
                            kind: form["kind"], personID: form["person_id"], addressID: form["address_id"], note: form["note"], assignee: form["assignee"],
                            dueOn: form["due_on"]))
                    return "/areas/\(code)/briefing"
                },
                redraw: { actor, _, errors in try await page(actor, code: code, reason: nil, errors: errors, context: context) })
        }
        router.post("areas/:code/briefed") { request, context -> Response in
            let code = try context.parameters.require("code")
            return try await dependencies.postForm(
                request, context,
                act: { actor, _ in
                    _ = try await service.markBriefed(actor, area: code)
                    return "/areas/\(code)/briefing"
                },
                redraw: { actor, _, errors in try await page(actor, code: code, reason: nil, errors: errors, context: context) })
        }
        router.post("neighbourhood-tasks/:id/result") { request, context -> Response in
            let id = try context.parameters.require("id")
            var code = ""
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    code = form["area"] ?? ""
                    let task = try await service.recordNeighbourhoodResult(actor, taskID: id, result: form["result"])
                    let area = try await service.areas().first { $0.id == task.areaID }
                    return area.map { "/areas/\($0.code)/briefing" } ?? "/briefing"
                },
                redraw: { actor, _, errors in try await page(actor, code: code, reason: nil, errors: errors, context: context) })
        }
    }

    private func page(_ actor: Actor, code: String, reason: String?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let briefing = try await service.areaBriefing(actor, area: code, reason: reason)
        var values = ModelValues.values(AreaBriefingPageModel(briefing, actor: actor))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "area-briefing", title: "\(errors.isEmpty ? "" : "Error: ")Daily briefing, \(briefing.area.name)", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
