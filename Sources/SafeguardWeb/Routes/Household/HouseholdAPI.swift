import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for the children of a household (rule 9), under `/api/v1`: recorded at any time after the call on an
/// adult's record, and a link ended when the child leaves. At the call, `children` on `POST /incidents` does the same.
struct HouseholdAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    /// A child as the API takes it: `person_id` of an existing record, or names and date of birth for a new one.
    struct ChildInput: Decodable {
        var personId: String?
        var firstName: String?
        var surname: String?
        var dateOfBirth: String?
        var role: String?
        var from: String?
        var note: String?
        var school: String?

        var draft: HouseholdChildDraft {
            HouseholdChildDraft(
                personID: personId, firstName: firstName, surname: surname, dateOfBirth: dateOfBirth, role: role, from: from, note: note,
                school: school)
        }
    }
    struct EndInput: Decodable { var to: String? }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.post("people/:id/children") { request, context -> Response in
            let input = try await APIJSON.decode(ChildInput.self, from: request, context: context)
            let child = try await service.recordHouseholdChild(try context.actor(), adultID: try context.parameters.require("id"), draft: input.draft)
            return try APIJSON.response(child, status: .created)
        }
        api.post("household-links/:id/end") { request, context -> Response in
            let input = try await APIJSON.decode(EndInput.self, from: request, context: context)
            try await service.endHouseholdLink(try context.actor(), linkID: try context.parameters.require("id"), on: input.to)
            return Response(status: .noContent)
        }
    }
}
