import Foundation
import SafeguardDomain

/// The call-record form: the posted values, the choices with the posted ones marked, and each party's matches.
struct CallFormModel: PageModel {
    struct ChildRow: PageModel {
        var n: Int
        var number: Int
        var firstName: String
        var surname: String
        var dateOfBirth: String
        var school: String
        var error: String
    }
    /// A party the page offers (victim, suspect), with its own details, errors and matches.
    struct Party: PageModel {
        struct Message: PageModel {
            var message: String
        }
        var prefix: String
        var label: String
        var first_name: String
        var surname: String
        var date_of_birth: String
        var phone: String
        var postcode: String
        var address_line1: String
        var sex: String
        var errors: [Message]
        var matches: CallMatchesModel
    }
    var occurred_at: String
    var address_line1: String
    var town: String
    var postcode: String
    var summary: String
    var injuries_detail: String
    var weapons_detail: String
    var children_count: String
    var fear_in_their_words: String
    var grade_reason: String
    var appointment_at: String
    var childRows: [ChildRow]
    /// The rows stay open once anything is typed in them or refused.
    var has_childErrors: Bool
    var channels: [OptionModel]
    var callers: [OptionModel]
    var settings: [OptionModel]
    var relationships: [OptionModel]
    var abuseTypes: [OptionModel]
    var immediateDanger: [OptionModel]
    var injuries: [OptionModel]
    var weapons: [OptionModel]
    var childrenPresent: [OptionModel]
    var suspectLocations: [OptionModel]
    var fears: [OptionModel]
    var grades: [OptionModel]
    var handlerConcern: Bool
    var parties: [Party]
    /// Orders in force between the people the handler may choose as suspect and victim (rule 25), said before the
    /// call is saved.
    var breaches: [String]

    init(_ form: FormBody, matches: [String: [PersonMatchCandidate]], errors: [FieldError] = [], orders: [OrderBetween] = []) {
        occurred_at = form["occurred_at"] ?? ""
        address_line1 = form["address_line1"] ?? ""
        town = form["town"] ?? ""
        postcode = form["postcode"] ?? ""
        summary = form["summary"] ?? ""
        injuries_detail = form["injuries_detail"] ?? ""
        weapons_detail = form["weapons_detail"] ?? ""
        children_count = form["children_count"] ?? ""
        fear_in_their_words = form["fear_in_their_words"] ?? ""
        grade_reason = form["grade_reason"] ?? ""
        appointment_at = form["appointment_at"] ?? ""
        // Each row's errors arrive named for the row (`child_1`), as the error summary links them.
        childRows = (0..<CallForm.childRows.count).map { n in
            ChildRow(
                n: n, number: n + 1, firstName: form["child_\(n)_first_name"] ?? "", surname: form["child_\(n)_surname"] ?? "",
                dateOfBirth: form["child_\(n)_date_of_birth"] ?? "", school: form["child_\(n)_school"] ?? "",
                error: errors.filter { $0.field == "child_\(n)" }.map(\.message).joined(separator: " "))
        }
        has_childErrors = errors.contains { $0.field.hasPrefix("child_") } || !CallForm.childRows.filled(form).isEmpty
        channels = CallForm.options(Channel.self, selected: form["channel"]) { Display.words($0.rawValue) }
        callers = CallForm.options(CallerKind.self, selected: form["caller"] ?? "victim") { Display.words($0.rawValue) }
        settings = CallForm.options(Setting.self, selected: form["setting"] ?? "urban") { $0.rawValue.capitalized }
        relationships = CallForm.options(Relationship.self, selected: form["relationship"]) { Display.words($0.rawValue) }
        let ticked = Set(form.list("abuse_types"))
        abuseTypes = AbuseType.allCases.map { OptionModel(value: $0.rawValue, label: Display.words($0.rawValue), selected: ticked.contains($0.rawValue)) }
        immediateDanger = CallForm.options(Answer.self, selected: form["immediate_danger"]) { $0.label }
        injuries = CallForm.options(Answer.self, selected: form["injuries"]) { $0.label }
        weapons = CallForm.options(Answer.self, selected: form["weapons"]) { $0.label }
        childrenPresent = CallForm.options(Answer.self, selected: form["children_present"]) { $0.label }
        suspectLocations = CallForm.options(SuspectLocation.self, selected: form["suspect_location"]) { $0.label }
        fears = CallForm.options(FearLevel.self, selected: form["fear"]) { $0.label }
        grades = CallForm.options(Grade.self, selected: form["grade"]) { $0.label }
        handlerConcern = form["handler_concern"] == "yes"
        parties = CallForm.partyPrefixes.map { party in
            let typed = { (field: String) in form["\(party.prefix)_\(field)"] ?? "" }
            let found = matches[party.prefix] ?? []
            return Party(
                prefix: party.prefix, label: party.label, first_name: typed("first_name"), surname: typed("surname"),
                date_of_birth: typed("date_of_birth"), phone: typed("phone"), postcode: typed("postcode"), address_line1: typed("address_line1"),
                sex: typed("sex"),
                errors: errors.filter { $0.field.hasPrefix("\(party.prefix)_") && !$0.field.hasSuffix("_person_id") }.map {
                    Party.Message(message: $0.message)
                },
                matches: CallMatchesModel(
                    found, prefix: party.prefix, chosen: form["\(party.prefix)_person_id"],
                    advice: CallForm.matchQuery(form, prefix: party.prefix)?.advice(for: found)))
        }
        var names: [String: String] = [:]
        for candidate in matches.values.joined() { names[candidate.person.id] = "\(candidate.person.firstName) \(candidate.person.surname)" }
        breaches = orders.map { between in
            let order = "\(between.flag.kind.label), in force\(between.flag.endsOn.map { " until \($0)" } ?? ""), binding"
            let bound = names[between.suspectPersonID] ?? "the suspect chosen"
            let protected = between.victimPersonID.map { " and protecting \(names[$0] ?? "the victim chosen")" } ?? " (conditions naming nobody protected)"
            return "\(order) \(bound)\(protected). If this call is between them it may be a breach: recording it flags the order, "
                + "fires its breach steps and gives the investigator a task."
        }
    }
}

/// One party's matches as radio choices, on the call form and drawn on their own for the as-you-type update.
struct CallMatchesModel: PageModel {
    var prefix: String
    var searched = true
    var none: Bool
    var newChosen: Bool
    var advice: String?
    var setAside: [FieldMessageModel]
    var candidates: [PersonMatchModel]

    init(_ candidates: [PersonMatchCandidate], prefix: String, chosen: String?, advice: MatchAdvice? = nil, setAside: [FieldError] = []) {
        self.prefix = prefix
        none = candidates.isEmpty
        newChosen = chosen == "new"
        self.advice = advice?.message
        self.setAside = setAside.map { FieldMessageModel(setAside: $0) }
        self.candidates = candidates.map { PersonMatchModel($0, prefix: prefix, chosen: chosen) }
    }
}
