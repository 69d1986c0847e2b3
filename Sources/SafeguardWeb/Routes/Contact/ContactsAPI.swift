import Foundation
import Hummingbird
import SafeguardDomain

/// Keeping the victim informed through the API (issue 5 part 3): her safe route, her one contact log, and closing a
/// "tell the victim" task with how and when she was told, or why not.
struct ContactsAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct SafeInput: Decodable {
        var safeNumber: String?; var safeTimes: String?; var mayLeaveMessage: Bool?; var language: String?; var viaIdvaOnly: Bool?; var notes: String?
    }
    struct ContactInput: Decodable { var at: String?; var team: String?; var method: String?; var reached: Bool?; var summary: String? }
    struct ToldInput: Decodable { var told: Bool?; var method: String?; var at: String?; var team: String?; var note: String? }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("people/:id/contacts") { request, context -> Response in
            try APIJSON.response(
                try await service.contactLog(
                    try context.actor(), personID: try context.parameters.require("id"),
                    reason: request.queryFields["reason"]))
        }
        api.post("people/:id/contacts") { request, context -> Response in
            let input = try await APIJSON.decode(ContactInput.self, from: request, context: context)
            let entry = try await service.logContact(
                try context.actor(), personID: try context.parameters.require("id"),
                draft: ContactDraft(
                    at: input.at, team: input.team, method: input.method, reached: input.reached.map { $0 ? "yes" : "no" }, summary: input.summary))
            return try APIJSON.response(entry, status: .created)
        }
        api.put("people/:id/safe-contact") { request, context -> Response in
            let input = try await APIJSON.decode(SafeInput.self, from: request, context: context)
            let safe = try await service.saveSafeContact(
                try context.actor(), personID: try context.parameters.require("id"),
                draft: SafeContactDraft(
                    safeNumber: input.safeNumber, safeTimes: input.safeTimes, mayLeaveMessage: input.mayLeaveMessage.map { $0 ? "yes" : "no" },
                    language: input.language, viaIDVAOnly: (input.viaIdvaOnly ?? false) ? "yes" : "no", notes: input.notes))
            return try APIJSON.response(safe)
        }
        api.post("tasks/:id/victim-told") { request, context -> Response in
            let input = try await APIJSON.decode(ToldInput.self, from: request, context: context)
            let task = try await service.recordVictimTold(
                try context.actor(), taskID: try context.parameters.require("id"),
                draft: VictimToldDraft(
                    told: input.told.map { $0 ? "yes" : "no" }, method: input.method, at: input.at, team: input.team, note: input.note))
            return try APIJSON.response(task)
        }
    }
}
