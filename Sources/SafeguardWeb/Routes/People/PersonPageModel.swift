import Foundation
import SafeguardDomain

/// The person page's own facts: who she is, her names, contacts, addresses, incidents and the records that may be her.
/// The sections with forms (custody, orders, warnings, household, contacts) are drawn by their own areas' helpers.
struct PersonPageModel: PageModel {
    struct Head: PageModel {
        var id: String
        var fullName: String
        var restricted: Bool
        var dateOfBirthText: String
        var sex: String
        var version: Int
        var ethnicity: String?
        var interpreterLanguage: String?
    }
    struct OtherName: PageModel {
        var name: String
        var kind: String
    }
    /// A value the legacy import kept as it was given, with what is wrong with it.
    struct QualityNote: PageModel {
        var field: String
        var value: String
        var problem: String
    }
    struct AddressRow: PageModel {
        var id: String
        var line: String
        var confidential: Bool
        var period: String
    }
    struct Linked: PageModel {
        var id: String
        var name: String
        var relationship: String
    }
    /// Another record that is, may be, or was judged not to be her, with the decision's form.
    struct Link: PageModel {
        var id: String
        var name: String
        var dateOfBirth: String
        var status: String
        var proposed: Bool
        var decided: Bool
        var reasons: String
        var percent: Int?
    }

    var person: Head
    var markers: [MarkerModel]
    var otherNames: [OtherName]
    var phones: [String]
    var emails: [String]
    var vulnerabilities: [String]
    var dataQuality: [QualityNote]
    var addresses: [AddressRow]
    var incidents: [IncidentRowModel]
    var linked: [Linked]
    var canEdit: Bool
    var canSearchAudit = false
    /// When the record was disposed of under the retention policy, as shown; empty for a live record.
    var disposedOn = ""
    /// On the force's staff list (only ever true for roles that see restricted records).
    var onStaffList = false
    var links: [Link]
}

/// The person page's sections with forms, each drawn by its own area's model, and a refused form's error summary.
struct PersonSectionsModel: PageModel {
    var custody: CustodySectionModel
    var orders: OrderSectionModel
    var warnings: WarningSectionModel
    var household: HouseholdSectionModel
    var contacts: ContactSectionModel
    var errorList: [[String: String]]?
}

extension PersonPageModel {
    init(_ view: PersonRecordView, canEdit: Bool) {
        let p = view.person
        person = Head(
            id: p.id, fullName: p.fullName, restricted: p.restricted, dateOfBirthText: Display.dateOfBirth(p.dateOfBirth), sex: p.sex.rawValue,
            version: p.version, ethnicity: p.ethnicity, interpreterLanguage: p.interpreterLanguage)
        markers = (p.markers + p.addresses.flatMap(\.address.markers)).map(MarkerModel.init)
        otherNames = p.otherNames.map { OtherName(name: "\($0.firstName) \($0.surname)", kind: $0.kind.rawValue) }
        phones = p.phones
        emails = p.emails
        vulnerabilities = p.vulnerabilities
        dataQuality = view.dataQuality.map { QualityNote(field: Display.words($0.field), value: $0.value, problem: $0.problem) }
        addresses = p.addresses.reversed().map { entry in
            AddressRow(
                id: entry.address.id, line: entry.address.singleLine, confidential: entry.address.confidential,
                period: [entry.from.map { "from \($0)" }, entry.to.map { "to \($0)" } ?? "current"].compactMap { $0 }.joined(separator: " "))
        }
        incidents = view.incidents.map(IncidentRowModel.init)
        linked = view.linkedPeople.map { Linked(id: $0.person.id, name: "\($0.person.firstName) \($0.person.surname)", relationship: $0.relationship) }
        // A disposed record has nothing of hers left to correct.
        self.canEdit = canEdit && p.disposedAt == nil
        disposedOn = p.disposedAt.map(Display.time) ?? ""
        onStaffList = view.onStaffList ?? false
        links = view.links.map { link in
            Link(
                id: link.otherPerson.id, name: "\(link.otherPerson.firstName) \(link.otherPerson.surname)",
                dateOfBirth: Display.dateOfBirth(link.otherPerson.dateOfBirth), status: link.status, proposed: link.status == "proposed",
                decided: link.status != "proposed", reasons: link.reasons.joined(separator: "; "),
                percent: link.probability.map { Int(($0 * 100).rounded(.down)) })
        }
    }
}
