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
        // A DAPO's positive requirement, and whether he complied (not complied with is a breach of the order).
        router.post("orders/:id/requirements") { request, context -> Response in
            let orderID = try context.parameters.require("id")
            let form = try await dependencies.readForm(request, context: context)
            let personID = form["person_id"].flatMap { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? $0 : nil } ?? ""
            return try await respond(form: form, context, personID: personID, section: "requirement-\(orderID)") { actor, form in
                _ = try await service.addOrderRequirement(actor, orderID: orderID, text: form["text"], dueOn: form["due_on"])
                return 0
            }
        }
        router.post("order-requirements/:id/compliance") { request, context -> Response in
            let requirementID = try context.parameters.require("id")
            let form = try await dependencies.readForm(request, context: context)
            let personID = form["person_id"].flatMap { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? $0 : nil } ?? ""
            return try await respond(form: form, context, personID: personID, section: "compliance-\(requirementID)") { actor, form in
                try await service.recordRequirementCompliance(actor, requirementID: requirementID, status: form["status"], note: form["note"]).tasks.count
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
}
