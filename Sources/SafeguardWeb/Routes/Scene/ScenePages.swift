import Foundation
import Hummingbird
import SafeguardDomain

/// The officer's scene page (rules 9–14) on a phone-sized screen, and both parties' histories side by side (rule 13).
/// The form never asks whether the victim wants an arrest.
struct ScenePages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }
    /// Blank child rows on the form; a household with more children is recorded on a second visit to the case.
    static let childRows = 4

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("incidents/:id/scene/new") { _, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                try actor.require(.assessRisk)
                let record = try await service.viewIncidentRecord(actor, id: id)
                // One scene record per incident: once made, the incident page shows it (further actions go on the case).
                if record.scene != nil { return Response.redirect(to: "/incidents/\(id)#scene", type: .normal) }
                return form(record, posted: FormBody(encoded: ""), errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.post("incidents/:id/scene") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let posted = try await dependencies.readForm(request, context: context)
                do {
                    _ = try await service.recordScene(actor, incidentID: id, draft: Self.draft(posted))
                    return Response.redirect(to: "/incidents/\(id)#scene", type: .normal)
                } catch let DomainError.invalid(errors) {
                    let record = try await service.viewIncidentRecord(actor, id: id)
                    return form(record, posted: posted, errors: errors, context: context, status: .unprocessableContent)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        // Evidence gathered after the scene, or a change in her support for police action (rule 10). The form's fields
        // are named `update_…` so a refusal marks this form and not the others on the incident page.
        router.post("incidents/:id/evidence") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let form = try await dependencies.readForm(request, context: context)
                var evidence: [String: String] = [:]
                for item in EvidenceItem.allCases { if let answer = form["update_evidence_\(item.rawValue)"] { evidence[item.rawValue] = answer } }
                do {
                    _ = try await service.updateEvidence(
                        actor, incidentID: id,
                        draft: EvidenceUpdateDraft(
                            evidence: evidence, victimSupportsAction: form["update_victim_supports_action"],
                            counterAllegation: form["update_counter_allegation"],
                            note: form["update_note"]))
                    return Response.redirect(to: "/incidents/\(id)#scene", type: .normal)
                } catch let DomainError.invalid(errors) {
                    let record = try await service.viewIncidentRecord(actor, id: id)
                    return try IncidentPages(dependencies: dependencies).incidentPage(
                        record, errors: errors.map { FieldError(SceneValues.updateField($0.field), $0.message) }, context: context,
                        status: .unprocessableContent, evidenceForm: form)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("incidents/:id/counter-allegation") { request, context -> Response in
            do {
                let view = try await service.counterAllegation(
                    try context.actor(), incidentID: try context.parameters.require("id"),
                    reason: request.queryFields["reason"])
                let values: [String: Any] = [
                    "incident": ["id": view.incident.id, "reference": view.incident.reference],
                    "columns": [BriefingValues.person(view.victim), BriefingValues.person(view.suspect)]
                ]
                return dependencies.templates.page(
                    "counter-allegation", title: "Both histories – \(view.incident.reference)", context: values, request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    /// Fields: `child_<n>_first_name|surname|date_of_birth|presence|school`, `evidence_<item>`, the yes/no questions,
    /// `interpreter_*`, and one `safety_action` per ticked toolkit entry. Empty child rows are ignored.
    static func draft(_ form: FormBody) -> SceneDraft {
        var children: [ChildDraft] = []
        for n in 0..<childRows {
            let child = ChildDraft(
                firstName: form["child_\(n)_first_name"], surname: form["child_\(n)_surname"], dateOfBirth: form["child_\(n)_date_of_birth"],
                presence: form["child_\(n)_presence"], school: form["child_\(n)_school"])
            if [child.firstName, child.surname, child.dateOfBirth, child.school].contains(where: { !($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }) {
                children.append(child)
            }
        }
        var evidence: [String: String] = [:]
        for item in EvidenceItem.allCases { if let answer = form["evidence_\(item.rawValue)"] { evidence[item.rawValue] = answer } }
        return SceneDraft(
            children: children, evidence: evidence, victimSupportsAction: form["victim_supports_action"], counterAllegation: form["counter_allegation"],
            crimeRecorded: form["crime_recorded"], suspectIdentified: form["suspect_identified"], arrested: form["arrested"],
            noArrestRationale: form["no_arrest_rationale"], interpreterNeeded: form["interpreter_needed"],
            interpreterLanguage: form["interpreter_language"], interpreterKind: form["interpreter_kind"],
            interpreterPersonID: form["interpreter_person_id"], safetyActions: form.list("safety_action"),
            crimeClassification: form["crime_classification"])
    }

    private func form(_ record: IncidentRecord, posted: FormBody, errors: [FieldError], context: AppRequestContext, status: HTTPResponse.Status = .ok)
        -> Response
    {
        let byField = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        let rows = ChildRows(count: Self.childRows, fields: ["first_name", "surname", "date_of_birth", "school"])
        let childErrors = rows.errors(errors, posted: posted)
        func yesNo(_ name: String, _ question: String, _ options: [(String, String)] = [("yes", "Yes"), ("no", "No")]) -> [String: Any] {
            [
                "name": name, "question": question, "error": byField[name] ?? "",
                "options": options.map { ["value": $0.0, "label": $0.1, "checked": posted[name] == $0.0] }
            ]
        }
        let toolkitChosen = Set(posted.list("safety_action"))
        var values: [String: Any] = [
            "incident": ["id": record.incident.id, "reference": record.incident.reference],
            "children": (0..<Self.childRows).map { n -> [String: Any] in
                let errors = childErrors[n] ?? [:]
                return [
                    "n": n, "number": n + 1, "firstName": posted["child_\(n)_first_name"] ?? "", "surname": posted["child_\(n)_surname"] ?? "",
                    "dateOfBirth": posted["child_\(n)_date_of_birth"] ?? "", "school": posted["child_\(n)_school"] ?? "",
                    "present": posted["child_\(n)_presence"] == "present", "household": posted["child_\(n)_presence"] == "household",
                    "error": ChildRows.line(errors)
                ]
            },
            "evidence": EvidenceItem.allCases.map { item -> [String: Any] in
                [
                    "id": item.rawValue, "label": item.label, "error": byField["evidence.\(item.rawValue)"] ?? "",
                    "options": EvidenceAnswer.allCases.map {
                        [
                            "value": $0.rawValue, "label": $0.label,
                            "checked": posted["evidence_\(item.rawValue)"] == $0.rawValue
                        ]
                    }
                ]
            },
            "supports": yesNo("victim_supports_action", "Does the victim support police action?", [("yes", "Yes"), ("no", "No"), ("not_known", "Not known")]),
            "counter": yesNo("counter_allegation", "Does the suspect make a counter-allegation?"),
            "crime": yesNo("crime_recorded", "Is a crime recorded?"),
            "classifications": PageValues.crimeClassifications(selected: posted["crime_classification"]),
            "identified": yesNo("suspect_identified", "Is the suspect identified?"),
            "arrested": yesNo("arrested", "Was the suspect arrested?"), "interpreterNeeded": yesNo("interpreter_needed", "Was an interpreter needed?"),
            "rationale": posted["no_arrest_rationale"] ?? "", "language": posted["interpreter_language"] ?? "",
            "kinds": InterpreterNeed.Kind.allCases.map {
                ["value": $0.rawValue, "label": Display.words($0.rawValue).capitalized, "selected": posted["interpreter_kind"] == $0.rawValue]
            },
            // Only adults on the incident are offered as interpreter; the rule is still checked in the domain.
            "interpreters": record.incident.parties.filter { $0.role != .child }.map {
                ["id": $0.personID, "name": "\($0.displayName) (\($0.role.rawValue))", "selected": posted["interpreter_person_id"] == $0.personID]
            },
            "toolkit": service.policy.safetyToolkit.enumerated().map { ["n": $0.offset, "label": $0.element, "checked": toolkitChosen.contains($0.element)] }
        ]
        values.merge(FormErrors(errors: rows.summary(errors, posted: posted)).context) { $1 }
        return dependencies.templates.page(
            "scene", title: (errors.isEmpty ? "" : "Error: ") + "At the scene – \(record.incident.reference)",
            context: values, request: context, status: status)
    }
}

/// A recorded scene as the incident and case pages show it.
enum SceneValues {
    /// The evidence-update form's name for a field the domain names (`evidence.body_worn_video` → `update_evidence_body_worn_video`).
    static func updateField(_ field: String) -> String { "update_" + field.replacingOccurrences(of: ".", with: "_") }

    /// The form to update the evidence after the scene: each item shows its answer now (or what was just typed, after
    /// a refusal), with its error beside it.
    static func updateForm(_ scene: SceneRecord, posted: FormBody?, errors: [FieldError]) -> [String: Any] {
        let byField = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        func chosen(_ name: String, now: String) -> String { posted?[name] ?? now }
        return [
            "items": EvidenceItem.allCases.map { item -> [String: Any] in
                let name = "update_evidence_\(item.rawValue)"
                let current = chosen(name, now: scene.evidence[item]?.rawValue ?? "")
                return [
                    "name": name, "label": item.label, "error": byField[name] ?? "",
                    "options": EvidenceAnswer.allCases.map { ["value": $0.rawValue, "label": $0.label, "checked": current == $0.rawValue] }
                ]
            },
            "supports": Answer.allCases.map { answer in
                [
                    "value": answer.rawValue, "label": answer.label,
                    "checked": chosen("update_victim_supports_action", now: scene.victimSupportsAction.rawValue) == answer.rawValue
                ]
            },
            "counter": [("yes", "Yes"), ("no", "No")].map { value, label in
                ["value": value, "label": label, "checked": chosen("update_counter_allegation", now: scene.counterAllegation ? "yes" : "no") == value]
            },
            "note": posted?["update_note"] ?? ""
        ]
    }

    static func summary(_ scene: SceneRecord) -> [String: Any] {
        let evidence = scene.evidenceCompleteness
        let arrest = scene.arrest
        return [
            "by": scene.recordedBy, "when": Display.time(scene.recordedAt), "incidentID": scene.incidentID,
            "children": scene.children.map {
                [
                    "id": $0.personID, "name": $0.displayName, "presence": $0.present ? "present" : "in the household",
                    "school": $0.school ?? "no school recorded"
                ]
            },
            "gathered": evidence.gathered, "applicable": evidence.applicable, "complete": evidence.missing.isEmpty,
            "missing": evidence.missing.map(\.label).joined(separator: "; "), "evidenceLed": evidence.evidenceLed,
            "supports": Display.words(scene.victimSupportsAction.rawValue), "counterAllegation": scene.counterAllegation,
            "arrest": arrest.arrested
                ? "Suspect arrested"
                : arrest.needsRationale ? "Not arrested — rationale sent to the sergeant" : "No arrest (no crime recorded or suspect not identified)",
            "rationale": arrest.noArrestRationale ?? "", "crime": arrest.crimeRecorded ? "Yes" : "No",
            "interpreter": scene.interpreter.needed
                ? "Needed (\(scene.interpreter.language ?? "")) — \(scene.interpreter.kind.map { Display.words($0.rawValue) } ?? "")" : "Not needed",
            "actions": scene.safetyActions,
            "history": scene.evidenceHistory.map { ["when": Display.time($0.at), "by": $0.byUsername, "changes": $0.changes, "note": $0.note ?? ""] }
        ]
    }
}
