import Foundation
import Hummingbird
import SafeguardDomain

/// The "Children in the household" section of the person page (rule 9): each child with whom they live, any risk
/// noted and their incidents; a form to record a child at any time after the call; and one to record a child leaving.
struct HouseholdPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        let people = PeoplePages(dependencies: dependencies)
        router.post("people/:id/children") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.recordHouseholdChild(
                        actor, adultID: id,
                        draft: HouseholdChildDraft(
                            firstName: form["first_name"], surname: form["surname"], dateOfBirth: form["date_of_birth"], role: form["role"],
                            from: form["from"], note: form["note"], school: form["school"]))
                    return "/people/\(id)#household"
                },
                redraw: { actor, form, errors in
                    try await people.personPage(
                        actor, id: id, context: context, refused: RefusedForm(section: "child", form: form, errors: errors), status: .unprocessableContent)
                })
        }
        router.post("people/:id/household-links/:link/end") { request, context -> Response in
            let id = try context.parameters.require("id")
            let linkID = try context.parameters.require("link")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    try await service.endHouseholdLink(actor, linkID: linkID, on: form["to"])
                    return "/people/\(id)#household"
                },
                redraw: { actor, form, errors in
                    try await people.personPage(
                        actor, id: id, context: context, refused: RefusedForm(section: "leave-\(linkID)", form: form, errors: errors),
                        status: .unprocessableContent)
                })
        }
    }
}
