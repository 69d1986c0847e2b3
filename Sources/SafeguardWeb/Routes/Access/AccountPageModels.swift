import Foundation
import SafeguardDomain

/// Accounts (`/users`): every account with who it reports to and the form to change it, and the form to add one
/// (typed values kept after a refusal).
struct AccountsPageModel: PageModel {
    struct Account: PageModel {
        var id: String
        var username: String
        var displayName: String
        var role: String
        var field: String
        var current: String
        var choices: [ChoiceModel]
        var none: Bool
        var error: String?
    }
    struct Typed: PageModel {
        var username: String
        var displayName: String
        var area: String
    }
    var users: [Account]
    var roles: [OptionModel]
    var agencies: [OptionModel]
    var typed: Typed

    init(_ users: [User], errors: [FieldError], typed: FormBody?) {
        let names = Dictionary(users.map { ($0.id, "\($0.displayName) (\($0.username))") }, uniquingKeysWith: { first, _ in first })
        let errorOf = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        self.users = users.map { user in
            Account(
                id: user.id, username: user.username, displayName: user.displayName, role: user.role.title + (user.agency.map { " (\($0.label))" } ?? ""),
                field: "supervisor_\(user.id)", current: user.supervisorID.flatMap { names[$0] } ?? "nobody",
                choices: users.filter { $0.id != user.id }.map { other in
                    ChoiceModel(id: other.id, name: names[other.id] ?? other.username, selected: other.id == user.supervisorID)
                },
                none: user.supervisorID == nil, error: errorOf["supervisor_\(user.id)"])
        }
        roles = Role.allCases.map { OptionModel(value: $0.rawValue, label: $0.title, selected: $0.rawValue == typed?["role"]) }
        agencies = Agency.allCases.filter { $0 != .police }.map { OptionModel(value: $0.rawValue, label: $0.label, selected: $0.rawValue == typed?["agency"]) }
        self.typed = Typed(username: typed?["username"] ?? "", displayName: typed?["display_name"] ?? "", area: typed?["area"] ?? "")
    }
}
