import Foundation
import Hummingbird
import SafeguardDomain

/// The orders register on the person page (rule 25): every order binding or protecting the person with its history,
/// a form to record a new one against them, and on each order a form for what happened next. Saving fires the
/// triggers on the protected person's case; the page says how many tasks it set.
struct OrderPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.post("people/:id/orders") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await respond(request, context, personID: id, section: "order") { actor, form in
                try await service.recordOrder(
                    actor, subjectID: id,
                    draft: OrderDraft(
                        kind: form["kind"], protectedPersonID: form["protected_person_id"], terms: form["terms"], startsOn: form["starts_on"],
                        endsOn: form["ends_on"], incidentID: form["incident_id"], servedAt: form["served_at"])
                ).tasks.count
            }
        }
        router.post("orders/:id/events") { request, context -> Response in
            let orderID = try context.parameters.require("id")
            let form = try await dependencies.readForm(request, context: context)
            // The page it came from: the person whose register shows the order.
            let personID = form["person_id"].flatMap { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? $0 : nil } ?? ""
            return try await respond(form: form, context, personID: personID, section: "order-\(orderID)") { actor, form in
                try await service.recordOrderEvent(
                    actor, orderID: orderID,
                    draft: OrderEventDraft(
                        kind: form["kind"], at: form["at"], note: form["note"], terms: form["terms"], endsOn: form["ends_on"],
                        hearingAt: form["hearing_at"], incidentID: form["incident_id"])
                ).tasks.count
            }
        }
    }

    private func respond(
        _ request: Request, _ context: AppRequestContext, personID: String, section: String,
        _ act: @escaping @Sendable (Actor, FormBody) async throws -> Int
    ) async throws -> Response {
        do {
            return try await respond(form: try await dependencies.readForm(request, context: context), context, personID: personID, section: section, act)
        } catch let error as DomainError {
            return dependencies.errorPage(error, context: context)
        }
    }

    private func respond(
        form: FormBody, _ context: AppRequestContext, personID: String, section: String,
        _ act: @escaping @Sendable (Actor, FormBody) async throws -> Int
    ) async throws -> Response {
        do {
            let actor = try context.actor()
            do {
                let count = try await act(actor, form)
                return Response.redirect(to: "/people/\(personID)?order_triggered=\(count)#orders", type: .normal)
            } catch let DomainError.invalid(errors) {
                return try await PeoplePages(dependencies: dependencies).personPage(
                    actor, id: personID, context: context,
                    refused: RefusedForm(section: section, form: form, errors: errors),
                    status: .unprocessableContent)
            }
        } catch let error as DomainError {
            return dependencies.errorPage(error, context: context)
        }
    }

    /// The section's values: orders newest first with their history, and the forms for roles that record.
    static func values(
        _ orders: [ProtectiveOrder], personID: String, victims: [PersonSummary], incidents: [IncidentSummary], actor: Actor,
        refused: RefusedForm?, triggered: String?, now: Date
    ) -> [String: Any] {
        let today = CalendarDate.string(now)
        let names = Dictionary(victims.map { ($0.id, "\($0.firstName) \($0.surname)") }, uniquingKeysWith: { first, _ in first })
        let canRecord = actor.role.can(.recordCustody)
        var values: [String: Any] = [
            "personID": personID,
            "canRecord": canRecord,
            "isSuspect": !victims.isEmpty,
            "fieldErrors": refused?.fieldErrors(for: "order") ?? [:],
            "kinds": ProtectiveOrder.Kind.allCases.filter { !$0.isBail }.map {
                ["value": $0.rawValue, "label": $0.label, "selected": refused?.typed("kind", section: "order") == $0.rawValue]
            },
            "victims": victims.map {
                ["id": $0.id, "name": "\($0.firstName) \($0.surname)", "selected": refused?.typed("protected_person_id", section: "order") == $0.id]
            },
            "suspectIncidents": incidents.filter { $0.role == .suspect }.map { ["id": $0.id, "reference": $0.reference] },
            "typed": [
                "terms": refused?.typed("terms", section: "order") ?? "", "startsOn": refused?.typed("starts_on", section: "order") ?? "",
                "endsOn": refused?.typed("ends_on", section: "order") ?? "", "servedAt": refused?.typed("served_at", section: "order") ?? ""
            ],
            "orders": orders.map { o -> [String: Any] in
                let section = "order-\(o.id)"
                return [
                    "id": o.id, "label": o.kind.label, "terms": o.terms, "startsOn": o.startsOn, "endsOn": o.endsOn ?? "",
                    "active": o.isActive(on: today), "ended": o.endedOn ?? "", "breaches": o.breaches > 0 ? "\(o.breaches) breach(es)" : "",
                    "protects": o.protectedPersonID.map {
                        o.subjectPersonID == personID ? "protects \(names[$0] ?? "the victim")" : "binds the suspect; protects this person"
                    } ?? "",
                    "served": o.servedAt.map(Display.time) ?? "", "hearing": o.hearingAt.map(Display.time) ?? "",
                    "noticeWithoutHearing": o.kind.isNotice && o.hearingAt == nil && o.endedOn == nil,
                    "history": o.history.map { e -> [String: Any] in
                        [
                            "label": e.kind.label, "when": Display.time(e.at), "by": e.recordedBy,
                            "detail": [
                                e.terms.map { "terms: \($0)" }, e.endsOn.map { "until \($0)" }, e.hearingAt.map { "hearing \(Display.time($0))" }, e.note
                            ]
                            .compactMap { $0 }.joined(separator: "; ")
                        ]
                    },
                    "canRecord": canRecord && o.endedOn == nil,
                    "eventKinds": OrderEvent.Kind.allCases.filter { $0 != .made }.map {
                        ["value": $0.rawValue, "label": $0.label, "selected": refused?.typed("kind", section: section) == $0.rawValue]
                    },
                    "fieldErrors": refused?.fieldErrors(for: section) ?? [:],
                    "typed": [
                        "at": refused?.typed("at", section: section) ?? "", "note": refused?.typed("note", section: section) ?? "",
                        "terms": refused?.typed("terms", section: section) ?? "", "endsOn": refused?.typed("ends_on", section: section) ?? "",
                        "hearingAt": refused?.typed("hearing_at", section: section) ?? ""
                    ]
                ]
            }
        ]
        if let triggered, let count = Int(triggered) {
            values["triggered"] = count == 0 ? "Saved. No victim's open case needed a new task." : "Saved. \(count) task(s) set on the victim's case."
        }
        return values
    }
}
