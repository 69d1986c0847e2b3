import Foundation
import Hummingbird
import SafeguardDomain

extension CasePages {
    /// The reallocation queue for sergeants and DA specialists: each waiting case with a form to give it an owner.
    func awaitingOwnerPage(_ actor: Actor, errors: [FieldError], context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let queue = try await service.awaitingOwner(actor)
        let choices = queue.choices.map { ["id": $0.id, "name": "\($0.displayName) (\($0.role.title))"] }
        var values: [String: Any] = [
            "cases": queue.cases.map { c -> [String: Any] in
                var row = CaseValues.summary(c)
                row["choices"] = choices
                row["error"] = errors.first { $0.field == "owner_id_\(c.id)" }?.message ?? ""
                return row
            },
            "total": queue.total, "shown": queue.cases.count, "more": queue.total > queue.cases.count
        ]
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "awaiting-owner", title: (errors.isEmpty ? "" : "Error: ") + "Cases awaiting an owner", context: values, request: context, status: status)
    }
}
