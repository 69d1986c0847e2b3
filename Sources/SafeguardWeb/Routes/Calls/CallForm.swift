import Foundation
import SafeguardDomain

/// The call-record form: reading what the handler posted into a `CallDraft` (`CallFormModel` draws it back).
/// The page names the two parties the handler works with first (victim, suspect); the API takes any number.
enum CallForm {
    /// The parties the page offers, each with its own details and matches.
    static let partyPrefixes: [(prefix: String, role: PartyRole, label: String)] = [("victim", .victim, "Victim"), ("suspect", .suspect, "Suspect")]
    /// Rows for the children the caller names (rule 9); the API takes any number.
    static let childRows = ChildRows(count: 3, fields: ["first_name", "surname", "date_of_birth", "school"])

    /// The records a party may turn out to be: the one chosen, else every possible match shown.
    static func possibleRecords(_ form: FormBody, _ matches: [String: [PersonMatchCandidate]], prefix: String) -> [String] {
        let chosen = (form["\(prefix)_person_id"] ?? "").trimmingCharacters(in: .whitespaces)
        if !chosen.isEmpty && chosen != "new" { return [chosen] }
        return (matches[prefix] ?? []).map(\.person.id)
    }

    /// A party's details as a match query (nil when nothing is typed).
    static func matchQuery(_ form: FormBody, prefix: String) -> PersonMatchQuery? {
        let value = { (field: String) in form["\(prefix)_\(field)"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        let query = PersonMatchQuery(
            firstName: value("first_name"), surname: value("surname"), dateOfBirth: value("date_of_birth"),
            phone: value("phone"), postcode: value("postcode"))
        return [query.firstName, query.surname, query.dateOfBirth, query.phone, query.postcode].contains { $0 != nil } ? query : nil
    }

    /// The party as the draft needs it: the chosen record, or the typed details as a new person; nil when left empty.
    static func party(_ form: FormBody, prefix: String, role: PartyRole) -> CallPartyDraft? {
        let chosen = form["\(prefix)_person_id"] ?? ""
        if !chosen.isEmpty && chosen != "new" { return CallPartyDraft(role: role.rawValue, personID: chosen) }
        guard matchQuery(form, prefix: prefix) != nil else { return nil }
        let f = { (field: String) in form["\(prefix)_\(field)"] }
        let line1 = f("address_line1")
        // "None of these" is the handler's confirmation; with no choice made (no matches shown), the domain checks again.
        return CallPartyDraft(
            role: role.rawValue,
            newPerson: PersonDraft(
                firstName: f("first_name") ?? "", surname: f("surname") ?? "", dateOfBirth: f("date_of_birth"), sex: f("sex"),
                phones: [f("phone") ?? ""], addressLine1: line1,
                // A postcode typed to help the match, with no street, is not an address to file.
                postcode: (line1?.isEmpty ?? true) ? nil : f("postcode")),
            confirmedNew: chosen == "new")
    }

    static func draft(from form: FormBody) -> CallDraft {
        var draft = CallDraft(
            channel: form["channel"], caller: form["caller"], setting: form["setting"], occurredAt: form["occurred_at"],
            addressLine1: form["address_line1"], town: form["town"], postcode: form["postcode"], relationship: form["relationship"],
            abuseTypes: form.list("abuse_types"), summary: form["summary"],
            parties: partyPrefixes.compactMap { party(form, prefix: $0.prefix, role: $0.role) },
            immediateDanger: form["immediate_danger"], suspectLocation: form["suspect_location"], injuries: form["injuries"],
            injuriesDetail: form["injuries_detail"], weapons: form["weapons"], weaponsDetail: form["weapons_detail"],
            childrenPresent: form["children_present"], childrenCount: form["children_count"], fear: form["fear"],
            fearInTheirWords: form["fear_in_their_words"], handlerConcern: form["handler_concern"] == "yes",
            grade: form["grade"], gradeReason: form["grade_reason"], appointmentAt: form["appointment_at"])
        draft.children = childRows.filled(form).map { n in
            HouseholdChildDraft(
                firstName: form["child_\(n)_first_name"], surname: form["child_\(n)_surname"], dateOfBirth: form["child_\(n)_date_of_birth"],
                school: form["child_\(n)_school"])
        }
        return draft
    }

    /// Radio or select options with the posted one marked.
    static func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, selected: String?, label: (T) -> String) -> [OptionModel]
    where T.RawValue == String {
        T.allCases.map { OptionModel(value: $0.rawValue, label: label($0), selected: $0.rawValue == selected) }
    }
}
