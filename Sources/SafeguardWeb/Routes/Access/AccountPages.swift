import Foundation
import Hummingbird
import SafeguardDomain

/// Accounts (`/users`, administrators): every account with who it reports to, changed here (rule 20: late work
/// escalates to the supervisor, who also covers the user's cases while they are away). The API has the same.
struct AccountPages {
    let dependencies: WebDependencies

    struct SupervisorInput: Decodable { var supervisorId: String? }
    struct AccountInput: Decodable {
        var username: String?
        var displayName: String?
        var role: String?
        var password: String?
        var area: String?
        var agency: String?
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        let service = dependencies.service

        router.get("users") { _, context -> Response in
            do {
                return try await page(try context.actor(), errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        // An administrator adds an account, a partner's with its agency (rule 23).
        router.post("users") { request, context -> Response in
            try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.createAccount(
                        actor, username: form["username"], displayName: form["display_name"], role: form["role"], password: form["password"],
                        areaCode: form["area"], agency: form["agency"])
                    return "/users"
                },
                redraw: { actor, form, errors in
                    try await page(actor, errors: errors, context: context, typed: form, status: .unprocessableContent)
                })
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
        api.post("users") { request, context -> Response in
            let input = try await APIJSON.decode(AccountInput.self, from: request, context: context)
            let user = try await service.createAccount(
                try context.actor(), username: input.username, displayName: input.displayName, role: input.role, password: input.password,
                areaCode: input.area, agency: input.agency)
            return try APIJSON.response(user, status: .created)
        }
        api.put("users/:id/supervisor") { request, context -> Response in
            let input = try await APIJSON.decode(SupervisorInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.setSupervisor(
                    userID: try context.parameters.require("id"),
                    supervisorID: input.supervisorId, by: try context.actor()))
        }
    }

    private func page(
        _ actor: Actor, errors: [FieldError], context: AppRequestContext, typed: FormBody? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let users = try await dependencies.service.listUsers(actor).sorted { $0.username < $1.username }
        var values = ModelValues.values(AccountsPageModel(users, errors: errors, typed: typed))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "accounts", title: errors.isEmpty ? "Accounts" : "Error: Accounts", context: values,
            request: context, status: status)
    }
}
