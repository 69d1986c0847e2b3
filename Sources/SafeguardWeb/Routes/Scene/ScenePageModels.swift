import Foundation
import SafeguardDomain

/// The scene form (rules 9–14): each child row, each evidence item, the yes/no questions, the interpreter and the
/// toolkit, with what was typed and each error beside its field.
struct SceneFormModel: PageModel {
    struct Child: PageModel {
        var n: Int
        var number: Int
        var firstName: String
        var surname: String
        var dateOfBirth: String
        var school: String
        var present: Bool
        var household: Bool
        var error: String
    }
    struct Evidence: PageModel {
        var id: String
        var label: String
        var error: String
        var options: [CheckedOptionModel]
    }
    /// One question answered with a radio button each.
    struct Question: PageModel {
        var name: String
        var question: String
        var error: String
        var options: [CheckedOptionModel]
    }
    struct ToolkitEntry: PageModel {
        var n: Int
        var label: String
        var checked: Bool
    }
    var incident: IncidentReferenceModel
    var children: [Child]
    var evidence: [Evidence]
    var supports: Question
    var counter: Question
    var crime: Question
    var classifications: [OptionModel]
    var identified: Question
    var arrested: Question
    var interpreterNeeded: Question
    var rationale: String
    var language: String
    var kinds: [OptionModel]
    var interpreters: [ChoiceModel]
    var toolkit: [ToolkitEntry]

    init(_ record: IncidentRecord, posted: FormBody, errors: [FieldError], childErrors: [Int: [String: String]], childRows: Int, toolkit: [String]) {
        let byField = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        func yesNo(_ name: String, _ question: String, _ options: [(String, String)] = [("yes", "Yes"), ("no", "No")]) -> Question {
            Question(
                name: name, question: question, error: byField[name] ?? "",
                options: options.map { CheckedOptionModel(value: $0.0, label: $0.1, checked: posted[name] == $0.0) })
        }
        incident = IncidentReferenceModel(id: record.incident.id, reference: record.incident.reference)
        children = (0..<childRows).map { n in
            Child(
                n: n, number: n + 1, firstName: posted["child_\(n)_first_name"] ?? "", surname: posted["child_\(n)_surname"] ?? "",
                dateOfBirth: posted["child_\(n)_date_of_birth"] ?? "", school: posted["child_\(n)_school"] ?? "",
                present: posted["child_\(n)_presence"] == "present", household: posted["child_\(n)_presence"] == "household",
                error: ChildRows.line(childErrors[n] ?? [:]))
        }
        evidence = EvidenceItem.allCases.map { item in
            Evidence(
                id: item.rawValue, label: item.label, error: byField["evidence.\(item.rawValue)"] ?? "",
                options: EvidenceAnswer.allCases.map {
                    CheckedOptionModel(value: $0.rawValue, label: $0.label, checked: posted["evidence_\(item.rawValue)"] == $0.rawValue)
                })
        }
        supports = yesNo("victim_supports_action", "Does the victim support police action?", [("yes", "Yes"), ("no", "No"), ("not_known", "Not known")])
        counter = yesNo("counter_allegation", "Does the suspect make a counter-allegation?")
        crime = yesNo("crime_recorded", "Is a crime recorded?")
        classifications = OptionModel.crimeClassifications(selected: posted["crime_classification"])
        identified = yesNo("suspect_identified", "Is the suspect identified?")
        arrested = yesNo("arrested", "Was the suspect arrested?")
        interpreterNeeded = yesNo("interpreter_needed", "Was an interpreter needed?")
        rationale = posted["no_arrest_rationale"] ?? ""
        language = posted["interpreter_language"] ?? ""
        kinds = InterpreterNeed.Kind.allCases.map {
            OptionModel(value: $0.rawValue, label: Display.words($0.rawValue).capitalized, selected: posted["interpreter_kind"] == $0.rawValue)
        }
        // Only adults on the incident are offered as interpreter; the rule is still checked in the domain.
        interpreters = record.incident.parties.filter { $0.role != .child }.map {
            ChoiceModel(id: $0.personID, name: "\($0.displayName) (\($0.role.rawValue))", selected: posted["interpreter_person_id"] == $0.personID)
        }
        let toolkitChosen = Set(posted.list("safety_action"))
        self.toolkit = toolkit.enumerated().map { ToolkitEntry(n: $0.offset, label: $0.element, checked: toolkitChosen.contains($0.element)) }
    }
}

/// A recorded scene as the incident page and the case page show it (the case page adds the incident's reference).
struct SceneSummaryModel: PageModel {
    struct Child: PageModel {
        var id: String
        var name: String
        var presence: String
        var school: String
    }
    struct Change: PageModel {
        var when: String
        var by: String
        var changes: [String]
        var note: String
    }
    var by: String
    var when: String
    var incidentID: String
    var children: [Child]
    var gathered: Int
    var applicable: Int
    var complete: Bool
    var missing: String
    var evidenceLed: Bool
    var supports: String
    var counterAllegation: Bool
    var arrest: String
    var rationale: String
    var crime: String
    var interpreter: String
    var actions: [String]
    var history: [Change]
    var reference: String?

    init(_ scene: SceneRecord, reference: String? = nil) {
        let evidence = scene.evidenceCompleteness
        let arrest = scene.arrest
        by = scene.recordedBy
        when = Display.time(scene.recordedAt)
        incidentID = scene.incidentID
        children = scene.children.map {
            Child(id: $0.personID, name: $0.displayName, presence: $0.present ? "present" : "in the household", school: $0.school ?? "no school recorded")
        }
        gathered = evidence.gathered
        applicable = evidence.applicable
        complete = evidence.missing.isEmpty
        missing = evidence.missing.map(\.label).joined(separator: "; ")
        evidenceLed = evidence.evidenceLed
        supports = Display.words(scene.victimSupportsAction.rawValue)
        counterAllegation = scene.counterAllegation
        self.arrest =
            arrest.arrested
            ? "Suspect arrested"
            : arrest.needsRationale ? "Not arrested — rationale sent to the sergeant" : "No arrest (no crime recorded or suspect not identified)"
        rationale = arrest.noArrestRationale ?? ""
        crime = arrest.crimeRecorded ? "Yes" : "No"
        interpreter =
            scene.interpreter.needed
            ? "Needed (\(scene.interpreter.language ?? "")) — \(scene.interpreter.kind.map { Display.words($0.rawValue) } ?? "")" : "Not needed"
        actions = scene.safetyActions
        history = scene.evidenceHistory.map { Change(when: Display.time($0.at), by: $0.byUsername, changes: $0.changes, note: $0.note ?? "") }
        self.reference = reference
    }
}

/// The incident page's form to update the evidence after the scene: each item shows its answer now (or what was just
/// typed, after a refusal), with its error beside it.
struct EvidenceUpdateModel: PageModel {
    struct Item: PageModel {
        var name: String
        var label: String
        var error: String
        var options: [CheckedOptionModel]
    }
    var items: [Item]
    var supports: [CheckedOptionModel]
    var counter: [CheckedOptionModel]
    var note: String

    init(_ scene: SceneRecord, posted: FormBody?, errors: [FieldError]) {
        let byField = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        func chosen(_ name: String, now: String) -> String { posted?[name] ?? now }
        items = EvidenceItem.allCases.map { item in
            let name = "update_evidence_\(item.rawValue)"
            let current = chosen(name, now: scene.evidence[item]?.rawValue ?? "")
            return Item(
                name: name, label: item.label, error: byField[name] ?? "",
                options: EvidenceAnswer.allCases.map { CheckedOptionModel(value: $0.rawValue, label: $0.label, checked: current == $0.rawValue) })
        }
        supports = Answer.allCases.map { answer in
            CheckedOptionModel(
                value: answer.rawValue, label: answer.label,
                checked: chosen("update_victim_supports_action", now: scene.victimSupportsAction.rawValue) == answer.rawValue)
        }
        counter = [("yes", "Yes"), ("no", "No")].map { value, label in
            CheckedOptionModel(value: value, label: label, checked: chosen("update_counter_allegation", now: scene.counterAllegation ? "yes" : "no") == value)
        }
        note = posted?["update_note"] ?? ""
    }
}
