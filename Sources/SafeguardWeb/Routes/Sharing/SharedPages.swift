import Foundation
import Hummingbird
import SafeguardDomain

/// A partner's pages (rule 23): the cases shared with their agency, each showing only what is shared, with a form
/// to record their own contact with her in her one contact log (rule 19). Usable at 360 px.
struct SharedPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ListPage: PageModel {
        struct Row: PageModel {
            var caseID: String
            var reference: String
            var name: String
            var groups: String
            var endsOn: String
        }
        var cases: [Row]
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("shared") { _, context -> Response in
            do {
                let list = try await service.sharedCases(try context.actor())
                let page = ListPage(
                    cases: list.map {
                        .init(
                            caseID: $0.caseID, reference: $0.reference, name: $0.victimName, groups: $0.fieldGroups.map(\.label).joined(separator: ", "),
                            endsOn: $0.endsOn)
                    })
                return dependencies.templates.page("shared-cases", title: "Cases shared with you", context: ModelValues.values(page), request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("shared/cases/:id") { _, context -> Response in
            do {
                return try await casePage(try context.actor(), caseID: try context.parameters.require("id"), errors: [], form: nil, context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.post("shared/cases/:id/contacts") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.logPartnerContact(
                        actor, caseID: id, draft: ContactDraft(at: form["at"], method: form["method"], reached: form["reached"], summary: form["summary"]))
                    return "/shared/cases/\(id)"
                },
                redraw: { actor, form, errors in
                    try await casePage(actor, caseID: id, errors: errors, form: form, context: context, status: .unprocessableContent)
                })
        }
    }

    func casePage(
        _ actor: Actor, caseID: String, errors: [FieldError], form: FormBody?, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view = try await service.sharedCase(actor, caseID: caseID)
        var values = ModelValues.values(SharedCasePageModel(view, form: form))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "shared-case", title: (errors.isEmpty ? "" : "Error: ") + "Shared case \(view.reference)", context: values, request: context, status: status)
    }
}
