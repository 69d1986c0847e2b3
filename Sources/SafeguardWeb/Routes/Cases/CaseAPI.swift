import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for cases, ownership, safety plans and tasks (issue 4 parts 4 and 5), under `/api/v1`.
struct CaseAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct HandoverInput: Decodable { var toUserId: String?; var note: String?; var version: Int? }
    struct NoteInput: Decodable { var note: String? }
    struct InvestigatorInput: Decodable { var investigatorId: String? }
    struct CloseInput: Decodable { var reason: String?; var version: Int? }
    struct AllocateInput: Decodable { var ownerId: String?; var version: Int? }
    struct SafetyActionInput: Decodable { var action: String?; var ownerId: String?; var dueAt: String? }
    struct OutcomeInput: Decodable { var outcome: String? }
    struct AvailabilityInput: Decodable { var available: Bool? }
    struct Toolkit: Encodable { let actions: [String] }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("my-work") { _, context -> Response in
            try APIJSON.response(try await service.myWork(try context.actor()))
        }

        api.get("cases/awaiting-owner") { _, context -> Response in
            try APIJSON.response(try await service.awaitingOwner(try context.actor()))
        }

        api.post("cases/:id/allocate") { request, context -> Response in
            let input = try await APIJSON.decode(AllocateInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.allocateCase(
                    try context.actor(), caseID: try context.parameters.require("id"), ownerID: input.ownerId ?? "", expectedVersion: input.version))
        }

        api.get("cases/:id") { request, context -> Response in
            try APIJSON.response(
                try await service.viewCase(try context.actor(), caseID: try context.parameters.require("id"), reason: request.queryFields["reason"]))
        }

        api.post("cases/:id/handover") { request, context -> Response in
            let input = try await APIJSON.decode(HandoverInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.offerHandover(
                    try context.actor(), caseID: try context.parameters.require("id"),
                    toUserID: input.toUserId ?? "", note: input.note, expectedVersion: input.version))
        }

        api.post("cases/:id/handover/accept") { _, context -> Response in
            try APIJSON.response(try await service.acceptHandover(try context.actor(), caseID: try context.parameters.require("id")))
        }

        api.post("cases/:id/handover/decline") { request, context -> Response in
            let input = try await APIJSON.decode(NoteInput.self, from: request, context: context)
            return try APIJSON.response(try await service.declineHandover(try context.actor(), caseID: try context.parameters.require("id"), note: input.note))
        }

        api.post("cases/:id/close") { request, context -> Response in
            let input = try await APIJSON.decode(CloseInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.closeCase(
                    try context.actor(), caseID: try context.parameters.require("id"), reason: input.reason, expectedVersion: input.version))
        }

        api.get("figures/caseload") { request, context -> Response in
            try APIJSON.response(try await service.caseload(try context.actor(), on: request.queryFields["on"]))
        }

        api.post("cases/:id/investigator") { request, context -> Response in
            let input = try await APIJSON.decode(InvestigatorInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.assignInvestigator(
                    try context.actor(), caseID: try context.parameters.require("id"),
                    investigatorID: input.investigatorId ?? ""))
        }

        api.post("cases/:id/safety-actions") { request, context -> Response in
            let input = try await APIJSON.decode(SafetyActionInput.self, from: request, context: context)
            let task = try await service.addSafetyAction(
                try context.actor(), caseID: try context.parameters.require("id"),
                action: input.action, ownerID: input.ownerId, dueAt: input.dueAt)
            return try APIJSON.response(task, status: .created)
        }

        api.get("safety-toolkit") { _, context -> Response in
            _ = try context.actor()
            return try APIJSON.response(Toolkit(actions: service.policy.safetyToolkit))
        }

        api.post("tasks/:id/complete") { request, context -> Response in
            let input = try await APIJSON.decode(OutcomeInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.completeTask(try context.actor(), taskID: try context.parameters.require("id"), outcome: input.outcome))
        }

        api.post("users/:id/availability") { request, context -> Response in
            let input = try await APIJSON.decode(AvailabilityInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.setAvailability(try context.actor(), userID: try context.parameters.require("id"), available: input.available))
        }
    }
}
