import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for officer-safety warnings (rule 3) and the address record, under `/api/v1`.
struct WarningsAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct WarningInput: Decodable { var kind: String?; var note: String?; var expiresOn: String?; var phone: String? }
    struct EndInput: Decodable { var reason: String? }
    struct ConfidentialInput: Decodable { var confidential: Bool?; var reason: String? }

    func register(on api: RouterGroup<AppRequestContext>) {
        for (path, subject) in [("people/:id/warnings", WarningSubjectKind.person), ("addresses/:id/warnings", .address)] {
            api.post(RouterPath(path)) { request, context -> Response in
                let input = try await APIJSON.decode(WarningInput.self, from: request, context: context)
                let (actor, id) = (try context.actor(), try context.parameters.require("id"))
                let draft = WarningDraft(kind: input.kind, note: input.note, expiresOn: input.expiresOn)
                // `phone` puts the warning on one of the person's numbers, as the person page's "On" choice does.
                let warning: Marker
                switch (subject, input.phone) {
                case (.person, let phone?): warning = try await service.addPhoneWarning(actor, personID: id, phone: phone, draft: draft)
                case (.address, _?): throw DomainError.invalid([FieldError("phone", "A phone's warning is added on the person's record, not the address.")])
                default: warning = try await service.addWarning(actor, on: subject, id: id, draft: draft)
                }
                return try APIJSON.response(warning, status: .created)
            }
        }

        api.post("warnings/:id/end") { request, context -> Response in
            let input = try await APIJSON.decode(EndInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.endWarning(try context.actor(), warningID: try context.parameters.require("id"), reason: input.reason))
        }

        api.get("addresses") { request, context -> Response in
            let fields = request.queryFields
            return try APIJSON.response(try await service.findAddresses(try context.actor(), postcode: fields["postcode"], line: fields["line"]))
        }

        api.post("addresses/:id/confidential") { request, context -> Response in
            let input = try await APIJSON.decode(ConfidentialInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.setAddressConfidential(
                    try context.actor(), addressID: try context.parameters.require("id"), confidential: input.confidential, reason: input.reason))
        }

        api.get("addresses/:id") { _, context -> Response in
            try APIJSON.response(try await service.viewAddress(try context.actor(), id: try context.parameters.require("id")))
        }
    }
}
