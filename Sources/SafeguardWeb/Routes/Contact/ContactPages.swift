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

    static func teams(selected: String?) -> [[String: Any]] {
        ContactEntry.Team.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": ($0.rawValue == (selected ?? "police"))] }
    }

    static func methods(selected: String?) -> [[String: Any]] {
        ContactEntry.Method.allCases.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == selected] }
    }

    static func entries(_ entries: [ContactEntry]) -> [[String: Any]] {
        entries.map {
            ["when": Display.time($0.at), "team": $0.team.label, "method": $0.method.label, "reached": $0.reached, "summary": $0.summary, "by": $0.madeBy]
        }
    }

    /// The section's values: the safe route (and its form), the log newest first, and the log-a-contact form.
    static func values(_ log: ContactLog, actor: Actor, refused: RefusedForm?) -> [String: Any] {
        let safe = log.safeContact
        let typed = { (name: String, section: String, fallback: String) in refused?.section == section ? refused!.typed(name, section: section) : fallback }
        var values: [String: Any] = [
            "canWork": actor.role.can(.workCases),
            "entries": entries(log.entries),
            "lastContact": log.entries.first.map { "Last contact: \($0.team.label), \(Display.time($0.at)), by \($0.madeBy)" } ?? "No contact logged yet.",
            "safeErrors": refused?.fieldErrors(for: "safe-contact") ?? [:],
            "contactErrors": refused?.fieldErrors(for: "contact") ?? [:],
            "safeTyped": [
                "safeNumber": typed("safe_number", "safe-contact", safe?.safeNumber ?? ""),
                "safeTimes": typed("safe_times", "safe-contact", safe?.safeTimes ?? ""),
                "language": typed("language", "safe-contact", safe?.language ?? ""), "notes": typed("safe_notes", "safe-contact", safe?.notes ?? "")
            ],
            "messageYes": typed("may_leave_message", "safe-contact", safe.map { $0.mayLeaveMessage ? "yes" : "no" } ?? "") == "yes",
            "messageNo": typed("may_leave_message", "safe-contact", safe.map { $0.mayLeaveMessage ? "yes" : "no" } ?? "") == "no",
            "viaIDVA": typed("via_idva_only", "safe-contact", safe?.viaIDVAOnly == true ? "yes" : "") == "yes",
            "teams": teams(selected: refused?.typed("team", section: "contact")),
            "methods": methods(selected: refused?.typed("method", section: "contact")),
            "contactTyped": ["at": refused?.typed("at", section: "contact") ?? "", "summary": refused?.typed("summary", section: "contact") ?? ""]
        ]
        if let safe { values["safe"] = ["summary": safe.summary, "by": safe.updatedBy, "when": Display.time(safe.updatedAt), "notes": safe.notes ?? ""] }
        return values
    }
}
