import Foundation
import Hummingbird
import SafeguardDomain

/// The incident page (call record, response and the control room's actions) and the officer's briefing.
struct IncidentPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("incidents/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let reason = request.queryFields["reason"]
            do {
                let record = try await service.viewIncidentRecord(try context.actor(), id: id, reason: reason)
                return try incidentPage(record, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.reasonOrErrorPage(error, action: "/incidents/\(id)", reason: reason, context: context)
            }
        }

        router.get("incidents/:id/briefing") { request, context -> Response in
            let id = try context.parameters.require("id")
            let reason = request.queryFields["reason"]
            do {
                let briefing = try await service.briefing(try context.actor(), incidentID: id, reason: reason)
                return dependencies.templates.page(
                    "briefing", title: "Briefing \(briefing.incident.reference)", context: ModelValues.values(BriefingPageModel(briefing)), request: context)
            } catch let error as DomainError {
                return dependencies.reasonOrErrorPage(error, action: "/incidents/\(id)/briefing", reason: reason, context: context)
            }
        }

        // The control room's actions on an incident: each posts, then shows the incident again.
        router.post("incidents/:id/grade") { request, context -> Response in
            try await act(request, context) { actor, id, form in
                _ = try await service.requestGrade(actor, incidentID: id, grade: form["grade"], reason: form["reason"], appointmentAt: form["appointment_at"])
            }
        }
        router.post("incidents/:id/grade/decision") { request, context -> Response in
            try await act(request, context) { actor, id, form in
                _ = try await service.decideGrade(actor, incidentID: id, authorise: form["decision"] == "authorise", note: form["note"])
            }
        }
        router.post("incidents/:id/response") { request, context -> Response in
            try await act(request, context) { actor, id, form in
                guard let event = form["event"].flatMap(ResponseEvent.init(rawValue:)) else {
                    throw DomainError.invalid([FieldError("event", "Choose dispatched or arrived.")])
                }
                _ = try await service.recordResponseTime(actor, incidentID: id, event: event, at: form["at"])
            }
        }
        router.post("incidents/:id/close") { request, context -> Response in
            try await act(request, context) { actor, id, form in
                do {
                    _ = try await service.closeCall(actor, incidentID: id, outcome: form["outcome"], reason: form["reason"])
                } catch DomainError.invalid(let errors) {
                    // The grade form on this page has its own `reason`: this one's error goes beside this form's field.
                    throw DomainError.invalid(errors.map { $0.field == "reason" ? FieldError("closure_reason", $0.message) : $0 })
                }
            }
        }
        router.post("incidents/:id/crime-classification") { request, context -> Response in
            try await act(request, context) { actor, id, form in
                do {
                    _ = try await service.classifyCrime(actor, incidentID: id, classification: form["classification"], reason: form["reason"])
                } catch DomainError.invalid(let errors) {
                    // The grade form on this page has its own `reason`: this one's error goes beside this form's field.
                    throw DomainError.invalid(errors.map { $0.field == "reason" ? FieldError("classification_reason", $0.message) : $0 })
                }
            }
        }
        router.post("incidents/:id/high-risk/acknowledge") { request, context -> Response in
            try await act(request, context) { actor, id, _ in
                _ = try await service.acknowledgeHighRisk(actor, incidentID: id)
            }
        }
    }

    /// Runs one action from the incident page; a refusal about a field is shown on the incident page itself.
    private func act(
        _ request: Request, _ context: AppRequestContext,
        _ body: @escaping @Sendable (Actor, String, FormBody) async throws -> Void
    ) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await dependencies.postForm(
            request, context,
            act: { actor, form in
                try await body(actor, id, form)
                return form["return"] == "queue" ? "/control-room" : "/incidents/\(id)"
            },
            redraw: { actor, _, errors in
                try incidentPage(try await service.viewIncidentRecord(actor, id: id), errors: errors, context: context, status: .unprocessableContent)
            })
    }

    /// `review` redraws a refused review: that assessment's form open, with what was typed and its errors beside the fields.
    func incidentPage(
        _ record: IncidentRecord, errors: [FieldError], context: AppRequestContext, status: HTTPResponse.Status = .ok,
        review: (assessmentID: String, form: FormBody)? = nil, evidenceForm: FormBody? = nil
    ) throws -> Response {
        let incident = record.incident
        let actor = try context.actor()
        let role = actor.role
        let names = Dictionary(incident.parties.map { ($0.personID, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let page = IncidentPageModel(
            incident: .init(id: incident.id, reference: incident.reference, summary: incident.summary),
            occurred: Display.time(incident.occurredAt), reported: Display.time(incident.reportedAt),
            channel: Display.words(incident.channel.rawValue), location: incident.address?.singleLine ?? "Not recorded",
            locationID: incident.address?.id,
            relationship: Display.words(incident.relationship.rawValue),
            abuseTypes: incident.abuseTypes.map { Display.words($0.rawValue) }.joined(separator: ", "),
            crime: incident.isCrime ? "Yes" + (incident.crimeClassification.map { " — \($0.title)" } ?? " — not yet classified") : "No",
            classificationHistory: record.crimeClassifications.map {
                .init(to: $0.to.title, from: $0.from?.title ?? "", by: $0.by, at: Display.time($0.at), reason: $0.reason ?? "")
            },
            canClassify: role.can(.workCases), classifications: OptionModel.crimeClassifications(selected: incident.crimeClassification?.rawValue),
            addressMarkers: (incident.address?.markers ?? []).map(MarkerModel.init), atSamePlace: record.atSamePlace.map(IncidentRowModel.init),
            possibleBreaches: record.possibleBreaches.map(BreachFlagModel.init),
            parties: incident.parties.map { .init(role: $0.role.rawValue, personID: $0.personID, displayName: $0.displayName) },
            victims: record.victims.map(VictimStatusModel.init),
            canGrade: role.can(.recordCall), canSupervise: role.can(.superviseControlRoom), canRecordResponse: role.can(.recordResponse),
            grades: Grade.allCases.map { .init(value: $0.rawValue, label: $0.label) },
            call: record.call.map(CallAnswersModel.init),
            cases: record.cases.map { CaseSummaryModel($0) },
            scene: record.scene.map { SceneSummaryModel($0) },
            evidenceUpdate: role.can(.workCases) ? record.scene.map { EvidenceUpdateModel($0, posted: evidenceForm, errors: errors) } : nil,
            outcomes: OutcomeSectionModel(record, actor: actor),
            hasSuspect: !incident.suspects.isEmpty && !incident.victims.isEmpty,
            canAssess: role.can(.assessRisk), canReview: role.can(.reviewRisk),
            assessments: record.assessments.map { a in
                // The reviewer judges quality from the answers themselves, so they are on the page, in the instrument's
                // order, with the officer's notes (rule 16).
                let questions = ((try? service.riskInstrument(a.instrumentID)).map { $0.questions + $0.supplementary.flatMap(\.questions) }) ?? []
                let wording = Dictionary(questions.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
                return .init(a, wording: wording, victim: names[a.personID] ?? a.personID, review: review, errors: errors)
            },
            response: record.response.map(ResponseModel.init))
        var values = ModelValues.values(page)
        // A refused review's errors link to that assessment's own fields.
        let linked = review.map { r in errors.map { FieldError("\($0.field)_\(r.assessmentID)", $0.message) } } ?? errors
        values.merge(FormErrors(errors: linked).context) { $1 }
        return dependencies.templates.page(
            "incident", title: (errors.isEmpty ? "" : "Error: ") + incident.reference, context: values, request: context, status: status)
    }
}
