import Foundation
import Hummingbird
import SafeguardDomain

/// Keeping the victim informed, safely (rule 19), on the person page: her safe-contact route, her one contact log with
/// who spoke to her last, and a form for anyone who has just made contact.
struct ContactPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        post(router, "people/:id/safe-contact", section: "safe-contact") { actor, id, form in
            _ = try await service.saveSafeContact(
                actor, personID: id,
                draft: SafeContactDraft(
                    safeNumber: form["safe_number"], safeTimes: form["safe_times"], mayLeaveMessage: form["may_leave_message"], language: form["language"],
                    viaIDVAOnly: form["via_idva_only"] ?? "no", notes: form["safe_notes"]))
        }
        post(router, "people/:id/contacts", section: "contact") { actor, id, form in
            _ = try await service.logContact(
                actor, personID: id,
                draft: ContactDraft(
                    at: form["at"], team: form["team"], method: form["method"], reached: form["reached"], summary: form["summary"]))
        }
    }

    private func post(
        _ router: RouterGroup<AppRequestContext>, _ path: RouterPath, section: String,
        _ act: @escaping @Sendable (Actor, String, FormBody) async throws -> Void
    ) {
        router.post(path) { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    try await act(actor, id, form)
                    return "/people/\(id)#contacts"
                },
                redraw: { actor, form, errors in
                    try await PeoplePages(dependencies: dependencies).personPage(
                        actor, id: id, context: context, refused: RefusedForm(section: section, form: form, errors: errors),
                        status: .unprocessableContent)
                })
        }
    }

    static func teams(selected: String?) -> [OptionModel] {
        ContactEntry.Team.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: $0.rawValue == (selected ?? "police")) }
    }

    static func methods(selected: String?) -> [OptionModel] {
        ContactEntry.Method.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    /// Who spoke to her last, for the person page and the case page.
    static func lastContact(_ entries: [ContactEntry]) -> String {
        entries.first.map { "Last contact: \($0.team.label), \(Display.time($0.at)), by \($0.madeBy)" } ?? "No contact logged yet."
    }
}
