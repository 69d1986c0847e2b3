import Foundation
import SafeguardDomain

/// The call-record form: reading what the handler posted into a `CallDraft`, and drawing it back with choices ticked.
/// The page names the two parties the handler works with first (victim, suspect); the API takes any number.
enum CallForm {
    /// The parties the page offers, each with its own details and matches.
    static let partyPrefixes: [(prefix: String, role: PartyRole, label: String)] = [("victim", .victim, "Victim"), ("suspect", .suspect, "Suspect")]
    static let partyFields = ["first_name", "surname", "date_of_birth", "phone", "postcode", "address_line1"]
    /// Rows for the children the caller names (rule 9); the API takes any number.
    static let childRows = ChildRows(count: 3, fields: ["first_name", "surname", "date_of_birth", "school"])

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
    static func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, selected: String?, label: (T) -> String) -> [[String: Any]]
    where T.RawValue == String {
        T.allCases.map { ["value": $0.rawValue, "label": label($0), "selected": $0.rawValue == selected] }
    }

    /// Everything the form template needs: posted values, choices, and each party's matches.
    static func values(_ form: FormBody, matches: [String: [PersonMatchCandidate]], errors: [FieldError] = []) -> [String: Any] {
        var values: [String: Any] = [:]
        for key in [
            "occurred_at", "address_line1", "town", "postcode", "summary", "injuries_detail", "weapons_detail", "children_count",
            "fear_in_their_words", "grade_reason", "appointment_at"
        ] {
            values[key] = form[key] ?? ""
        }
        // Each row's errors arrive named for the row (`child_1`), as the error summary links them.
        values["childRows"] = (0..<childRows.count).map { n -> [String: Any] in
            [
                "n": n, "number": n + 1, "firstName": form["child_\(n)_first_name"] ?? "", "surname": form["child_\(n)_surname"] ?? "",
                "dateOfBirth": form["child_\(n)_date_of_birth"] ?? "", "school": form["child_\(n)_school"] ?? "",
                "error": errors.filter { $0.field == "child_\(n)" }.map(\.message).joined(separator: " ")
            ]
        }
        // The rows stay open once anything is typed in them or refused.
        values["has_childErrors"] = errors.contains { $0.field.hasPrefix("child_") } || !childRows.filled(form).isEmpty
        values["channels"] = options(Channel.self, selected: form["channel"]) { Display.words($0.rawValue) }
        values["callers"] = options(CallerKind.self, selected: form["caller"] ?? "victim") { Display.words($0.rawValue) }
        values["settings"] = options(Setting.self, selected: form["setting"] ?? "urban") { $0.rawValue.capitalized }
        values["relationships"] = options(Relationship.self, selected: form["relationship"]) { Display.words($0.rawValue) }
        let ticked = Set(form.list("abuse_types"))
        values["abuseTypes"] = AbuseType.allCases.map { ["value": $0.rawValue, "label": Display.words($0.rawValue), "selected": ticked.contains($0.rawValue)] }
        for (field, label) in [
            ("immediate_danger", "immediateDanger"), ("injuries", "injuries"), ("weapons", "weapons"), ("children_present", "childrenPresent")
        ] {
            values[label] = options(Answer.self, selected: form[field]) { $0.label }
        }
        values["suspectLocations"] = options(SuspectLocation.self, selected: form["suspect_location"]) { $0.label }
        values["fears"] = options(FearLevel.self, selected: form["fear"]) { $0.label }
        values["grades"] = options(Grade.self, selected: form["grade"]) { $0.label }
        values["handlerConcern"] = form["handler_concern"] == "yes"
        values["parties"] = partyPrefixes.map { party -> [String: Any] in
            var p: [String: Any] = ["prefix": party.prefix, "label": party.label]
            for field in partyFields + ["sex"] { p[field] = form["\(party.prefix)_\(field)"] ?? "" }
            p["errors"] = errors.filter { $0.field.hasPrefix("\(party.prefix)_") && !$0.field.hasSuffix("_person_id") }.map { ["message": $0.message] }
            let found = matches[party.prefix] ?? []
            p["matches"] = matchValues(
                found, prefix: party.prefix, chosen: form["\(party.prefix)_person_id"], advice: matchQuery(form, prefix: party.prefix)?.advice(for: found))
            return p
        }
        return values
    }

    /// One party's matches as radio choices (also drawn on their own for the as-you-type update).
    static func matchValues(
        _ candidates: [PersonMatchCandidate], prefix: String, chosen: String?, advice: MatchAdvice? = nil,
        setAside: [FieldError] = []
    ) -> [String: Any] {
        [
            "prefix": prefix, "searched": true, "none": candidates.isEmpty, "newChosen": chosen == "new", "advice": advice?.message ?? false,
            "setAside": setAside.map { ["field": Display.words($0.field), "message": $0.message] },
            "candidates": candidates.map { m -> [String: Any] in
                [
                    "id": m.person.id, "name": "\(m.person.firstName) \(m.person.surname)", "dateOfBirth": Display.dateOfBirth(m.person.dateOfBirth),
                    "postcode": m.person.postcode ?? "", "incidentCount": m.incidentCount, "percent": Int((m.probability * 100).rounded(.down)),
                    "proposed": m.proposed, "reasons": m.reasons.joined(separator: "; "), "chosen": m.person.id == chosen, "prefix": prefix,
                    "restricted": m.person.restricted, "sameAs": Display.sameAs(m.sameAs)
                ]
            }
        ]
    }
}
