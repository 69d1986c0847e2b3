import Foundation
import Hummingbird
import SafeguardDomain

/// The orders register and crime outcomes through the API (issue 5 parts 1 and 4), under `/api/v1`.
struct OrdersAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct OrderInput: Decodable {
        var kind: String?; var protectedPersonId: String?; var terms: String?; var startsOn: String?; var endsOn: String?; var incidentId: String?
        var servedAt: String?
    }
    struct EventInput: Decodable {
        var kind: String?; var at: String?; var note: String?; var terms: String?; var endsOn: String?; var hearingAt: String?; var incidentId: String?
    }
    struct RequirementInput: Decodable {
        var text: String?
        var dueOn: String?
    }
    struct ComplianceInput: Decodable {
        var status: String?
        var note: String?
    }
    struct ComplianceOutput: Encodable {
        var requirement: OrderRequirement
        var tasks: [CaseTask]
    }
    struct OutcomeInput: Decodable { var kind: String?; var decidedOn: String?; var decidedBy: String?; var suspectPersonId: String?; var reason: String? }
    struct Orders: Encodable { let orders: [ProtectiveOrder] }
    struct Cautions: Encodable { let items: [CautionReviewItem] }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("people/:id/orders") { request, context -> Response in
            let input = try await APIJSON.decode(OrderInput.self, from: request, context: context)
            let outcome = try await service.recordOrder(
                try context.actor(), subjectID: try context.parameters.require("id"),
                draft: OrderDraft(
                    kind: input.kind, protectedPersonID: input.protectedPersonId, terms: input.terms, startsOn: input.startsOn, endsOn: input.endsOn,
                    incidentID: input.incidentId, servedAt: input.servedAt))
            return try APIJSON.response(outcome, status: .created)
        }
        api.get("people/:id/orders") { request, context -> Response in
            try APIJSON.response(
                Orders(
                    orders: try await service.orders(
                        try context.actor(), personID: try context.parameters.require("id"),
                        reason: request.queryFields["reason"])))
        }
        api.post("orders/:id/events") { request, context -> Response in
            let input = try await APIJSON.decode(EventInput.self, from: request, context: context)
            let outcome = try await service.recordOrderEvent(
                try context.actor(), orderID: try context.parameters.require("id"),
                draft: OrderEventDraft(
                    kind: input.kind, at: input.at, note: input.note, terms: input.terms, endsOn: input.endsOn, hearingAt: input.hearingAt,
                    incidentID: input.incidentId))
            return try APIJSON.response(outcome, status: .created)
        }
        api.post("orders/:id/requirements") { request, context -> Response in
            let input = try await APIJSON.decode(RequirementInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.addOrderRequirement(try context.actor(), orderID: try context.parameters.require("id"), text: input.text, dueOn: input.dueOn),
                status: .created)
        }
        api.post("order-requirements/:id/compliance") { request, context -> Response in
            let input = try await APIJSON.decode(ComplianceInput.self, from: request, context: context)
            let done = try await service.recordRequirementCompliance(
                try context.actor(), requirementID: try context.parameters.require("id"), status: input.status, note: input.note)
            return try APIJSON.response(ComplianceOutput(requirement: done.requirement, tasks: done.tasks))
        }
        api.post("incidents/:id/outcomes") { request, context -> Response in
            let input = try await APIJSON.decode(OutcomeInput.self, from: request, context: context)
            let outcome = try await service.recordOutcome(
                try context.actor(), incidentID: try context.parameters.require("id"),
                draft: OutcomeDraft(
                    kind: input.kind, decidedOn: input.decidedOn, decidedBy: input.decidedBy, suspectPersonID: input.suspectPersonId, reason: input.reason))
            return try APIJSON.response(outcome, status: .created)
        }
        api.get("reviews/cautions") { _, context -> Response in
            try APIJSON.response(Cautions(items: try await service.cautionQueue(try context.actor())))
        }
        api.get("incidents/:id/outcomes") { request, context -> Response in
            try APIJSON.response(
                try await service.outcomes(
                    try context.actor(), incidentID: try context.parameters.require("id"),
                    reason: request.queryFields["reason"]))
        }
    }
}
