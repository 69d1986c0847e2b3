import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for retention reviews and information requests (rule 34), under `/api/v1`.
struct RetentionAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ReviewInput: Decodable {
        var decision: String?
        var reason: String?
    }
    struct DisposalInput: Decodable {
        var approve: Bool?
        var reason: String?
    }
    struct RequestInput: Decodable {
        var kind: String?
        var personId: String?
        var requester: String?
        var basis: String?
        var receivedOn: String?
    }
    struct AnswerInput: Decodable {
        var outcome: String?
        var disclosed: String?
        var withheld: String?
    }
    struct RequestList: Encodable {
        var items: [InformationRequest]
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("retention/queue") { _, context -> Response in
            try APIJSON.response(try await service.retentionQueue(try context.actor()))
        }
        api.get("retention/people/:id") { _, context -> Response in
            try APIJSON.response(try await service.retentionStanding(try context.actor(), personID: try context.parameters.require("id")))
        }
        api.post("retention/people/:id/review") { request, context -> Response in
            let input = try await APIJSON.decode(ReviewInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.reviewRetention(
                    try context.actor(), personID: try context.parameters.require("id"), decision: input.decision, reason: input.reason))
        }
        api.post("retention/people/:id/disposal") { request, context -> Response in
            let input = try await APIJSON.decode(DisposalInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.decideDisposal(
                    try context.actor(), personID: try context.parameters.require("id"), approve: input.approve, reason: input.reason)
            )
        }
        api.get("information-requests") { request, context -> Response in
            let personID = request.uri.queryParameters.get("person_id")
            return try APIJSON.response(RequestList(items: try await service.informationRequests(try context.actor(), personID: personID).requests))
        }
        api.post("information-requests") { request, context -> Response in
            let input = try await APIJSON.decode(RequestInput.self, from: request, context: context)
            let logged = try await service.logInformationRequest(
                try context.actor(),
                draft: InformationRequestDraft(
                    kind: input.kind, personID: input.personId, requester: input.requester, basis: input.basis, receivedOn: input.receivedOn))
            return try APIJSON.response(logged, status: .created)
        }
        api.get("information-requests/:id") { _, context -> Response in
            try APIJSON.response(try await service.informationRequest(try context.actor(), id: try context.parameters.require("id")))
        }
        api.post("information-requests/:id/answer") { request, context -> Response in
            let input = try await APIJSON.decode(AnswerInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.answerInformationRequest(
                    try context.actor(), id: try context.parameters.require("id"), outcome: input.outcome, disclosed: input.disclosed,
                    withheld: input.withheld))
        }
    }
}
