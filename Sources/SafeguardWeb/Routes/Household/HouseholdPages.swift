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

    /// The section's values: the children, the form (typed values kept after a refusal) for roles that record them.
    static func values(_ children: [HouseholdChild], adultID: String, actor: Actor, refused: RefusedForm?) -> [String: Any] {
        let typed = refused?.section == "child" ? refused?.form : nil
        return [
            "canRecord": actor.role.can(.editPerson),
            "fieldErrors": refused?.fieldErrors(for: "child") ?? [:],
            "children": children.map { child -> [String: Any] in
                let mine = child.links.filter { $0.adultID == adultID }
                var row: [String: Any] = [
                    "id": child.person.id, "name": "\(child.person.firstName) \(child.person.surname)",
                    "age": child.age.map { "aged \($0)" } ?? "age not known", "restricted": child.person.restricted,
                    "links": mine.map { link -> [String: Any] in
                        var entry: [String: Any] = ["id": link.id, "role": link.role.label, "from": link.from, "by": link.recordedBy]
                        if let refused, refused.section == "leave-\(link.id)" {
                            entry["leaveError"] = refused.errors.first?.message ?? ""
                            entry["typedTo"] = refused.form["to"] ?? ""
                        }
                        return entry
                    },
                    "riskNotes": child.riskNotes, "incidents": PageValues.incidentRows(child.incidents)
                ]
                row["incidentCount"] = child.incidents.count
                return row
            },
            "roles": HouseholdRole.allCases.map {
                [
                    "value": $0.rawValue, "label": $0.label.prefix(1).uppercased() + $0.label.dropFirst(),
                    "selected": (typed?["role"] ?? "household_member") == $0.rawValue
                ]
            },
            "typed": [
                "firstName": typed?["first_name"] ?? "", "surname": typed?["surname"] ?? "", "dateOfBirth": typed?["date_of_birth"] ?? "",
                "from": typed?["from"] ?? "", "note": typed?["note"] ?? "", "school": typed?["school"] ?? ""
            ]
        ]
    }
}
