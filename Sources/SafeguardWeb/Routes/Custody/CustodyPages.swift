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

    /// The section's values: events newest first, the form (typed values kept after a refusal) for roles that record.
    static func values(_ events: [CustodyEvent], incidents: [IncidentSummary], actor: Actor, refused: RefusedForm?, triggered: String?) -> [String: Any] {
        let form = refused?.form
        var values: [String: Any] = [
            "fieldErrors": refused?.fieldErrors(for: "custody") ?? [:],
            "events": events.map { e -> [String: Any] in
                [
                    "label": e.kind.label, "when": Display.time(e.at), "conditions": e.conditions ?? "", "endsOn": e.endsOn ?? "",
                    "note": e.note ?? "", "by": e.recordedBy, "release": e.kind.isRelease
                ]
            },
            "canRecord": actor.role.can(.recordCustody),
            "kinds": CustodyEvent.Kind.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": form?["kind"] == $0.rawValue] },
            "suspectIncidents": incidents.filter { $0.role == .suspect }.map {
                ["id": $0.id, "reference": $0.reference, "selected": form?["incident_id"] == $0.id]
            },
            "typed": ["at": form?["at"] ?? "", "conditions": form?["conditions"] ?? "", "endsOn": form?["ends_on"] ?? "", "note": form?["note"] ?? ""]
        ]
        if let triggered, let count = Int(triggered) {
            values["triggered"] = count == 0 ? "Saved. No victim's open case needed a new task." : "Saved. \(count) task(s) set on victims' cases."
        }
        return values
    }
}
