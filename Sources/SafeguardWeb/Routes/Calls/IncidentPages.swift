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
                    "briefing", title: "Briefing \(briefing.incident.reference)", context: BriefingValues.page(briefing), request: context)
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
        let role = try context.actor().role
        var values: [String: Any] = [
            "incident": ["id": incident.id, "reference": incident.reference, "summary": incident.summary],
            "occurred": Display.time(incident.occurredAt), "reported": Display.time(incident.reportedAt),
            "channel": Display.words(incident.channel.rawValue), "location": incident.address?.singleLine ?? "Not recorded",
            "relationship": Display.words(incident.relationship.rawValue),
            "abuseTypes": incident.abuseTypes.map { Display.words($0.rawValue) }.joined(separator: ", "),
            "crime": incident.isCrime ? "Yes" + (incident.crimeClassification.map { " — \($0.title)" } ?? " — not yet classified") : "No",
            "classificationHistory": record.crimeClassifications.map { change -> [String: Any] in
                [
                    "to": change.to.title, "from": change.from?.title ?? "", "by": change.by, "at": Display.time(change.at),
                    "reason": change.reason ?? ""
                ]
            },
            "canClassify": role.can(.workCases),
            "classifications": PageValues.crimeClassifications(selected: incident.crimeClassification?.rawValue),
            "addressMarkers": PageValues.markers(incident.address?.markers ?? []),
            "parties": incident.parties.map { ["role": $0.role.rawValue, "personID": $0.personID, "displayName": $0.displayName] },
            "victims": record.victims.map(PageValues.victimStatus),
            "canGrade": role.can(.recordCall), "canSupervise": role.can(.superviseControlRoom), "canRecordResponse": role.can(.recordResponse),
            "grades": Grade.allCases.map { ["value": $0.rawValue, "label": $0.label] }
        ]
        if let call = record.call { values["call"] = PageValues.callAnswers(call) }
        values["cases"] = record.cases.map { CaseValues.summary($0) }
        if let scene = record.scene {
            values["scene"] = SceneValues.summary(scene)
            if role.can(.workCases) { values["evidenceUpdate"] = SceneValues.updateForm(scene, posted: evidenceForm, errors: errors) }
        }
        values["outcomes"] = OutcomePages.values(record, actor: try context.actor())
        values["hasSuspect"] = !incident.suspects.isEmpty && !incident.victims.isEmpty
        values["canAssess"] = role.can(.assessRisk)
        let names = Dictionary(incident.parties.map { ($0.personID, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        values["canReview"] = role.can(.reviewRisk)
        values["assessments"] = record.assessments.map { a -> [String: Any] in
            // The reviewer judges quality from the answers themselves, so they are on the page, in the instrument's
            // order, with the officer's notes (rule 16).
            let questions = ((try? service.riskInstrument(a.instrumentID)).map { $0.questions + $0.supplementary.flatMap(\.questions) }) ?? []
            let wording = Dictionary(questions.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
            let answers = a.answers.map { answer -> [String: Any] in
                [
                    "question": wording[answer.questionID] ?? answer.questionID, "answer": answer.answer.label, "yes": answer.answer == .yes,
                    "note": answer.note ?? ""
                ]
            }
            return [
                "id": a.id, "answers": answers, "victim": names[a.personID] ?? a.personID, "level": a.currentLevel.rawValue, "officerLevel": a.level.rawValue,
                "changed": a.currentLevel != a.level || !a.decisions.isEmpty, "high": a.currentLevel == .high, "yesCount": a.yesCount,
                "flags": a.flagReasons.joined(separator: "; "), "flagged": a.flaggedForReview, "rationale": a.rationale,
                "belowThreshold": a.belowThresholdRationale ?? "", "by": a.assessedBy, "when": Display.time(a.assessedAt),
                "reviewed": a.review.map { "Reviewed by \($0.byUsername), \(Display.time($0.at))\($0.note.map { ": \($0)" } ?? "")" } ?? "",
                "dipReviewed": a.dipReview.map { "Dip-sampled by \($0.byUsername), \(Display.time($0.at))\($0.note.map { ": \($0)" } ?? "")" } ?? "",
                "decisions": a.decisions.map { d -> [String: Any] in
                    [
                        "when": Display.time(d.at), "who": "\(d.byUsername) (\(d.byRole.title))", "from": d.fromLevel.rawValue, "to": d.toLevel.rawValue,
                        "reason": d.reason.label, "explanation": d.explanation, "newInformation": d.newInformation ?? "none given",
                        "scrutiny": d.flaggedForScrutiny
                    ]
                },
                "levels": RiskLevel.allCases.map {
                    [
                        "value": $0.rawValue, "label": $0.rawValue.capitalized,
                        "selected": review?.assessmentID == a.id && review?.form["new_level"] == $0.rawValue
                    ]
                },
                "reasons": LevelChangeReason.allCases.map {
                    ["value": $0.rawValue, "label": $0.label, "selected": review?.assessmentID == a.id && review?.form["reason"] == $0.rawValue]
                },
                "open": review?.assessmentID == a.id,
                "typed": review?.assessmentID == a.id
                    ? [
                        "note": review?.form["quality_note"] ?? "", "explanation": review?.form["explanation"] ?? "",
                        "newInformation": review?.form["new_information"] ?? ""
                    ] : [:],
                "reviewErrors": review?.assessmentID == a.id ? Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { "\($0) \($1)" }) : [:]
            ]
        }
        if let response = record.response { values["response"] = PageValues.response(response) }
        // A refused review's errors link to that assessment's own fields.
        let linked = review.map { r in errors.map { FieldError("\($0.field)_\(r.assessmentID)", $0.message) } } ?? errors
        values.merge(FormErrors(errors: linked).context) { $1 }
        return dependencies.templates.page(
            "incident", title: (errors.isEmpty ? "" : "Error: ") + incident.reference, context: values, request: context, status: status)
    }
}
