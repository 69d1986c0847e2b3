import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for officer-safety warnings (rule 3) and the address record, under `/api/v1`.
struct WarningsAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct WarningInput: Decodable { var kind: String?; var note: String?; var expiresOn: String? }
    struct EndInput: Decodable { var reason: String? }

    func register(on api: RouterGroup<AppRequestContext>) {
        for (path, subject) in [("people/:id/warnings", WarningSubjectKind.person), ("addresses/:id/warnings", .address)] {
            api.post(RouterPath(path)) { request, context -> Response in
                let input = try await APIJSON.decode(WarningInput.self, from: request, context: context)
                let warning = try await service.addWarning(
                    try context.actor(), on: subject, id: try context.parameters.require("id"),
                    draft: WarningDraft(kind: input.kind, note: input.note, expiresOn: input.expiresOn))
                return try APIJSON.response(warning, status: .created)
            }
        }

        api.post("warnings/:id/end") { request, context -> Response in
            let input = try await APIJSON.decode(EndInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.endWarning(try context.actor(), warningID: try context.parameters.require("id"), reason: input.reason))
        }

        api.get("addresses/:id") { _, context -> Response in
            try APIJSON.response(try await service.viewAddress(try context.actor(), id: try context.parameters.require("id")))
        }
    }
}
