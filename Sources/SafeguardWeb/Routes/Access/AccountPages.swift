import Foundation
import Hummingbird
import SafeguardDomain

/// Accounts (`/users`, administrators): every account with who it reports to, changed here (rule 20: late work
/// escalates to the supervisor, who also covers the user's cases while they are away). The API has the same.
struct AccountPages {
    let dependencies: WebDependencies

    struct SupervisorInput: Decodable { var supervisorId: String? }

    func register(on router: RouterGroup<AppRequestContext>) {
        let service = dependencies.service

        router.get("users") { _, context -> Response in
            do {
                return try await page(try context.actor(), errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.post("users/:id/supervisor") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let form = try await dependencies.readForm(request, context: context)
                let chosen = form["supervisor"].flatMap { $0.isEmpty ? nil : $0 }
                do {
                    try await service.setSupervisor(userID: id, supervisorID: chosen, by: actor)
                    return Response.redirect(to: "/users", type: .normal)
                } catch let DomainError.invalid(errors) {
                    // Each row's choice is its own field, so the error summary links to the one that needs changing.
                    let named = errors.map { FieldError($0.field == "supervisor" ? "supervisor_\(id)" : $0.field, $0.message) }
                    return try await page(actor, errors: named, context: context, status: .unprocessableContent)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    func registerAPI(on api: RouterGroup<AppRequestContext>) {
        let service = dependencies.service
        api.put("users/:id/supervisor") { request, context -> Response in
            let input = try await APIJSON.decode(SupervisorInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.setSupervisor(
                    userID: try context.parameters.require("id"),
                    supervisorID: input.supervisorId, by: try context.actor()))
        }
    }

    private func page(
        _ actor: Actor, errors: [FieldError], context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let users = try await dependencies.service.listUsers(actor).sorted { $0.username < $1.username }
        let names = Dictionary(users.map { ($0.id, "\($0.displayName) (\($0.username))") }, uniquingKeysWith: { first, _ in first })
        let errorOf = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        var values: [String: Any] = [
            "users": users.map { user -> [String: Any] in
                [
                    "id": user.id, "username": user.username, "displayName": user.displayName, "role": user.role.title,
                    "field": "supervisor_\(user.id)", "current": user.supervisorID.flatMap { names[$0] } ?? "nobody",
                    "choices": users.filter { $0.id != user.id }.map { other -> [String: Any] in
                        ["id": other.id, "name": names[other.id] ?? other.username, "selected": other.id == user.supervisorID]
                    },
                    "none": user.supervisorID == nil, "error": errorOf["supervisor_\(user.id)"] ?? false
                ]
            }
        ]
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "accounts", title: errors.isEmpty ? "Accounts" : "Error: Accounts", context: values,
            request: context, status: status)
    }
}
