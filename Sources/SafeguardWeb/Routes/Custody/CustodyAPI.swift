import Foundation
import Hummingbird
import SafeguardDomain

/// Custody and court events through the API (issue 5 part 1), under `/api/v1`.
struct CustodyAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct EventInput: Decodable {
        var kind: String?; var at: String?; var incidentId: String?; var conditions: String?; var endsOn: String?; var note: String?
    }
    struct Events: Encodable { let events: [CustodyEvent] }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("people/:id/custody-events") { request, context -> Response in
            let input = try await APIJSON.decode(EventInput.self, from: request, context: context)
            let outcome = try await service.recordCustodyEvent(
                try context.actor(), suspectID: try context.parameters.require("id"),
                draft: CustodyDraft(
                    kind: input.kind, at: input.at, incidentID: input.incidentId, conditions: input.conditions, endsOn: input.endsOn, note: input.note))
            return try APIJSON.response(outcome, status: .created)
        }

        api.get("people/:id/custody-events") { request, context -> Response in
            try APIJSON.response(
                Events(
                    events: try await service.custodyEvents(
                        try context.actor(), personID: try context.parameters.require("id"),
                        reason: request.queryFields["reason"])))
        }
    }
}
