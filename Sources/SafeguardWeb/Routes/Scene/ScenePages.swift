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
                return dependencies.templates.page(
                    "counter-allegation", title: "Both histories – \(view.incident.reference)",
                    context: ModelValues.values(CounterAllegationPageModel(view)), request: context)
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
        let rows = ChildRows(count: Self.childRows, fields: ["first_name", "surname", "date_of_birth", "school"])
        let model = SceneFormModel(
            record, posted: posted, errors: errors, childErrors: rows.errors(errors, posted: posted), childRows: Self.childRows,
            toolkit: service.policy.safetyToolkit)
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: rows.summary(errors, posted: posted)).context) { $1 }
        return dependencies.templates.page(
            "scene", title: (errors.isEmpty ? "" : "Error: ") + "At the scene – \(record.incident.reference)",
            context: values, request: context, status: status)
    }
}

/// The names of the incident page's evidence-update form (its values are `EvidenceUpdateModel`).
enum SceneValues {
    /// The evidence-update form's name for a field the domain names (`evidence.body_worn_video` → `update_evidence_body_worn_video`).
    static func updateField(_ field: String) -> String { "update_" + field.replacingOccurrences(of: ".", with: "_") }
}
