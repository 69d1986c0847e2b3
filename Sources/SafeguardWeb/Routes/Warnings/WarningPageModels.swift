import Foundation
import SafeguardDomain

/// The warnings section of the person page and the address page (rule 3): those in force with a form to end each, the
/// ended ones kept as history, and the form to add one.
struct WarningSectionModel: PageModel {
    struct Row: PageModel {
        var id: String
        var kind: String
        var detail: String
        var on: String
        var by: String
        var when: String
        var canRecord: Bool
        var expires: String?
        var ended: String?
        /// A refused end of this warning: its message and what was typed.
        var endError: String?
        var typedReason: String?
    }
    struct Typed: PageModel {
        var note: String
        var expiresOn: String
    }
    var active: [Row]
    var past: [Row]
    var pastCount: Int
    var canRecord: Bool
    var postTo: String
    var fieldErrors: [String: String]
    var subjects: [OptionModel]
    var kinds: [OptionModel]
    var typed: Typed

    /// `subjects` are the choices of what a new warning goes on (empty: the page's own record, no choice); `postTo` is
    /// where the add form posts and, with `/{id}/end`, where each end form does.
    init(
        _ warnings: [Marker], postTo: String, subjects: [(value: String, label: String)], actor: Actor, refused: RefusedForm?, policy: ForcePolicy,
        today: String
    ) {
        let canRecord = actor.role.can(.recordWarning)
        let typed = refused?.section == "warning" ? refused?.form : nil
        func on(_ warning: Marker) -> String {
            switch warning.subjectKind {
            case .person: return "this person"
            case .address: return "this address"
            case .phone: return "phone \(warning.subjectID)"
            }
        }
        func row(_ warning: Marker) -> Row {
            var row = Row(
                id: warning.id, kind: Display.words(warning.kind).capitalized, detail: warning.detail, on: on(warning),
                by: warning.addedBy ?? "not recorded", when: warning.addedAt.map(Display.time) ?? "before Safeguard", canRecord: canRecord,
                expires: warning.expiresOn)
            if let endedAt = warning.endedAt {
                row.ended = "ended by \(warning.endedBy ?? "someone"), \(Display.time(endedAt)): \(warning.endReason ?? "")"
            } else if let last = warning.expiresOn {
                row.ended = "expired after \(last)"
            }
            if let refused, refused.section == "end-\(warning.id)" {
                row.endError = refused.errors.first?.message ?? ""
                row.typedReason = refused.form["reason"] ?? ""
            }
            return row
        }
        let active = warnings.active(on: today)
        let activeIDs = Set(active.map(\.id))
        let past = warnings.filter { !activeIDs.contains($0.id) }
        self.active = active.reversed().map(row)
        self.past = past.reversed().map(row)
        pastCount = past.count
        self.canRecord = canRecord
        self.postTo = postTo
        fieldErrors = refused?.fieldErrors(for: "warning") ?? [:]
        self.subjects = subjects.map { OptionModel(value: $0.value, label: $0.label, selected: typed?["on"] == $0.value) }
        kinds = policy.warningKinds.map { OptionModel(value: $0, label: Display.words($0).capitalized, selected: typed?["kind"] == $0) }
        self.typed = Typed(note: typed?["note"] ?? "", expiresOn: typed?["expires_on"] ?? "")
    }
}

/// The address page: the place, its warnings and the incidents recorded there.
struct AddressPageModel: PageModel {
    struct Address: PageModel {
        var id: String
        var line: String
        var confidential: Bool
    }
    var address: Address
    var incidents: [IncidentRowModel]
    var warnings: WarningSectionModel
    /// A refused form's error summary.
    var errorList: [[String: String]]?
    /// Whether the viewer may mark the place a refuge (or lift the mark), and that form's errors.
    var canMarkConfidential: Bool
    var confidentialErrors: [String: String]
}

/// Finding an address by postcode or first line, and the places found.
struct AddressSearchModel: PageModel {
    struct Query: PageModel {
        var postcode: String
        var line: String
    }
    struct Place: PageModel {
        var id: String
        var line: String
        var incidentCount: Int
        var warnings: String
    }
    var query: Query
    /// Only once a search ran: the places found.
    var searched: Bool?
    var results: [Place]?
}
