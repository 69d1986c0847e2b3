import Foundation
import SafeguardDomain

/// The person page's "Children in the household" section (rule 9): each child with whom they live, any risk noted
/// and their incidents, and the forms (typed values kept after a refusal) for roles that record them.
struct HouseholdSectionModel: PageModel {
    struct Child: PageModel {
        /// One of the child's links to this adult, with the form to record the child leaving.
        struct Link: PageModel {
            var id: String
            var role: String
            var from: String
            var by: String
            var leaveError: String?
            var typedTo: String?
        }
        var id: String
        var name: String
        var age: String
        var restricted: Bool
        var links: [Link]
        var riskNotes: [String]
        var incidents: [IncidentRowModel]
        var incidentCount: Int
    }
    struct Typed: PageModel {
        var firstName: String
        var surname: String
        var dateOfBirth: String
        var from: String
        var note: String
        var school: String
    }
    var canRecord: Bool
    var fieldErrors: [String: String]
    var children: [Child]
    var roles: [OptionModel]
    var typed: Typed

    init(_ children: [HouseholdChild], adultID: String, actor: Actor, refused: RefusedForm?) {
        let typed = refused?.section == "child" ? refused?.form : nil
        canRecord = actor.role.can(.editPerson)
        fieldErrors = refused?.fieldErrors(for: "child") ?? [:]
        self.children = children.map { child in
            Child(
                id: child.person.id, name: "\(child.person.firstName) \(child.person.surname)", age: child.age.map { "aged \($0)" } ?? "age not known",
                restricted: child.person.restricted,
                links: child.links.filter { $0.adultID == adultID }.map { link in
                    var entry = Child.Link(id: link.id, role: link.role.label, from: link.from, by: link.recordedBy)
                    if let refused, refused.section == "leave-\(link.id)" {
                        entry.leaveError = refused.errors.first?.message ?? ""
                        entry.typedTo = refused.form["to"] ?? ""
                    }
                    return entry
                },
                riskNotes: child.riskNotes, incidents: child.incidents.map(IncidentRowModel.init), incidentCount: child.incidents.count)
        }
        roles = HouseholdRole.allCases.map {
            OptionModel(
                value: $0.rawValue, label: $0.label.prefix(1).uppercased() + $0.label.dropFirst(),
                selected: (typed?["role"] ?? "household_member") == $0.rawValue)
        }
        self.typed = Typed(
            firstName: typed?["first_name"] ?? "", surname: typed?["surname"] ?? "", dateOfBirth: typed?["date_of_birth"] ?? "",
            from: typed?["from"] ?? "", note: typed?["note"] ?? "", school: typed?["school"] ?? "")
    }
}
