import Foundation
import Hummingbird
import SafeguardDomain

extension CasePages {
    /// The reallocation queue for sergeants and DA specialists: each waiting case with a form to give it an owner.
    func awaitingOwnerPage(_ actor: Actor, errors: [FieldError], context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let queue = try await service.awaitingOwner(actor)
        var values = ModelValues.values(AwaitingOwnerPageModel(queue, errors: errors))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "awaiting-owner", title: (errors.isEmpty ? "" : "Error: ") + "Cases awaiting an owner", context: values, request: context, status: status)
    }
}
