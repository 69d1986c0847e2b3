import Foundation
import Hummingbird
import SafeguardDomain

/// Custody and court events on the person page (issue 5 part 1): the history, and a form for those who record them.
/// Saving one fires its triggers on every victim's case; the page says how many tasks it set.
struct CustodyPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.post("people/:id/custody-events") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let form = try await dependencies.readForm(request, context: context)
                let draft = CustodyDraft(
                    kind: form["kind"], at: form["at"], incidentID: form["incident_id"], conditions: form["conditions"],
                    endsOn: form["ends_on"], note: form["note"])
                do {
                    let outcome = try await service.recordCustodyEvent(actor, suspectID: id, draft: draft)
                    return Response.redirect(to: "/people/\(id)?triggered=\(outcome.tasks.count)#custody", type: .normal)
                } catch let DomainError.invalid(errors) {
                    return try await PeoplePages(dependencies: dependencies).personPage(
                        actor, id: id, context: context,
                        refused: RefusedForm(section: "custody", form: form, errors: errors),
                        status: .unprocessableContent)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }
}
