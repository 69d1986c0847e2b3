import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for sharing (rule 23): the police share a case; a partner lists and reads what is shared with their
/// agency, and records their contacts in her one contact log.
struct SharingAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ShareInput: Decodable {
        var agency: String?
        var fieldGroups: [String]?
        var consent: String?
        var overrideReason: String?
        var endsOn: String?
    }
    struct ContactInput: Decodable {
        var at: String?
        var method: String?
        var reached: String?
        var summary: String?
    }
    struct SharedList: Encodable { let items: [SharedCaseSummary] }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("cases/:id/shares") { request, context -> Response in
            let input = try await APIJSON.decode(ShareInput.self, from: request, context: context)
            let share = try await service.shareCase(
                try context.actor(), caseID: try context.parameters.require("id"),
                draft: CaseShareDraft(
                    agency: input.agency, fieldGroups: input.fieldGroups ?? [], consent: input.consent, overrideReason: input.overrideReason,
                    endsOn: input.endsOn))
            return try APIJSON.response(share, status: .created)
        }
        api.get("shared/cases") { _, context -> Response in
            try APIJSON.response(SharedList(items: try await service.sharedCases(try context.actor())))
        }
        api.get("shared/cases/:id") { _, context -> Response in
            try APIJSON.response(try await service.sharedCase(try context.actor(), caseID: try context.parameters.require("id")))
        }
        api.post("shared/cases/:id/contacts") { request, context -> Response in
            let input = try await APIJSON.decode(ContactInput.self, from: request, context: context)
            let entry = try await service.logPartnerContact(
                try context.actor(), caseID: try context.parameters.require("id"),
                draft: ContactDraft(at: input.at, method: input.method, reached: input.reached, summary: input.summary))
            return try APIJSON.response(entry, status: .created)
        }
    }
}
