import Foundation
import Hummingbird
import SafeguardDomain

extension WebDependencies {
    /// Reads a posted form and checks its CSRF token against the session's; every page POST goes through here.
    func readForm(_ request: Request, context: AppRequestContext) async throws -> FormBody {
        let body = try await FormBody.read(request, context: context)
        guard let sent = body["_csrf"], let expected = context.csrfToken, constantTimeEquals(sent, expected) else {
            throw DomainError.forbidden("This form had expired or did not come from Safeguard. Go back, reload the page and try again.")
        }
        // The same bounds as a JSON body: text no longer than anyone writes, no control characters but line breaks.
        var problems: [FieldError] = []
        for (field, values) in body.fields.sorted(by: { $0.key < $1.key }) {
            if values.count > InputLimits.anyListItems { problems.append(FieldError(field, "must have \(InputLimits.anyListItems) items or fewer.")) }
            for value in values { if let problem = TextInput.textProblem(value) { problems.append(FieldError(field, problem)); break } }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return body
    }

    /// A page form's POST, done one way everywhere: read the form (CSRF token and bounds checked), act, then redirect
    /// to the page `act` names (post, redirect, get); a refusal that names fields redraws the page the form was on,
    /// with what was typed and the errors beside their fields (`redraw`); any other refusal is its error page.
    func postForm(
        _ request: Request, _ context: AppRequestContext,
        act: (Actor, FormBody) async throws -> String,
        redraw: (Actor, FormBody, [FieldError]) async throws -> Response
    ) async throws -> Response {
        do {
            let actor = try context.actor()
            let form = try await readForm(request, context: context)
            do {
                return Response.redirect(to: try await act(actor, form), type: .normal)
            } catch let DomainError.invalid(errors) {
                return try await redraw(actor, form, errors)
            }
        } catch let error as DomainError {
            return errorPage(error, context: context)
        }
    }

    /// For roles that must say why they open a record (rule 33): the reason form, posting back to `action`; any other
    /// refusal, its error page.
    func reasonOrErrorPage(_ error: DomainError, action: String, reason: String?, context: AppRequestContext) -> Response {
        if case .reasonRequired = error {
            var values = FormErrors(errors: reason == nil ? [] : [FieldError("reason", error.message)]).context
            values["action"] = action
            values["reason"] = reason ?? ""
            return templates.page("reason", title: "Reason needed", context: values, request: context)
        }
        return errorPage(error, context: context)
    }

    /// A page explaining a refusal that is not about a form field (not found, not allowed).
    func errorPage(_ error: DomainError, context: AppRequestContext) -> Response {
        let problem = Problem.from(error)
        return templates.page(
            "message", title: problem.title, context: ["heading": problem.title, "message": error.message],
            request: context, status: HTTPResponse.Status(code: problem.status))
    }
}

/// Template values for lists shared by several pages.
enum PageValues {
    /// The crime classifications as `<select>` options.
    static func crimeClassifications(selected: String?) -> [[String: Any]] {
        CrimeClassification.allCases.map { ["value": $0.rawValue, "label": $0.title, "selected": $0.rawValue == selected] }
    }

    static func incidentRows(_ incidents: [IncidentSummary]) -> [[String: Any]] {
        incidents.map {
            [
                "id": $0.id, "reference": $0.reference, "when": Display.time($0.occurredAt),
                "role": $0.role.rawValue + ($0.linkedRecordID == nil ? "" : " (linked record)"),
                "relationship": Display.words($0.relationship.rawValue), "crime": $0.isCrime ? "Yes" : "No", "postcode": $0.postcode ?? ""
            ]
        }
    }

    static func markers(_ markers: [Marker]) -> [[String: Any]] {
        markers.map { ["kind": Display.words($0.kind).capitalized, "detail": $0.detail] }
    }
}

/// Template values for the control room's records: the call, the response and victims' status.
extension PageValues {
    static func victimStatus(_ victim: VictimOnIncident) -> [String: Any] {
        [
            "personID": victim.personID, "displayName": victim.displayName, "repeat": victim.status.isRepeat,
            "previous": victim.status.previousIncidentsCounted, "definition": victim.status.repeatDefinition,
            "vulnerable": victim.status.isVulnerable, "vulnerableBecause": victim.status.vulnerableBecause.joined(separator: ", ")
        ]
    }

    static func callAnswers(_ call: CallDetails) -> [String: Any] {
        let a = call.answers
        let answer = { (value: Answer) in Display.words(value.rawValue).capitalized }
        return [
            "caller": Display.words(call.caller.rawValue), "immediateDanger": answer(a.immediateDanger), "suspectLocation": a.suspectLocation.label,
            "injuries": answer(a.injuries) + (a.injuriesDetail.map { " – \($0)" } ?? ""),
            "weapons": answer(a.weapons) + (a.weaponsDetail.map { " – \($0)" } ?? ""),
            "children": answer(a.childrenPresent) + (a.childrenCount.map { " (\($0))" } ?? ""),
            "fear": a.fear.label + (a.fearInTheirWords.map { ": “\($0)”" } ?? ""),
            "handlerConcern": call.handlerConcern, "recordedBy": call.recordedBy
        ]
    }

    static func response(_ r: IncidentResponse) -> [String: Any] {
        var values: [String: Any] = [
            "grade": r.grade.label, "recommended": r.recommendedGrade.label, "setting": r.setting.rawValue, "gradedAt": Display.time(r.gradedAt),
            "target": r.targetAt.map(Display.time) ?? "", "appointment": r.appointmentAt.map(Display.time) ?? "",
            "flagged": r.potentialHighRisk, "flagReasons": r.highRiskReasons.joined(separator: "; "),
            "acknowledged": r.highRiskAcknowledgedAt.map { "Seen by \(r.highRiskAcknowledgedBy ?? "a supervisor") at \(Display.time($0))" } ?? "",
            "unacknowledged": r.potentialHighRisk && r.highRiskAcknowledgedAt == nil,
            "dispatched": r.dispatchedAt.map(Display.time) ?? "", "arrived": r.arrivedAt.map(Display.time) ?? "",
            "notDispatched": r.closure == nil && r.dispatchedAt == nil, "notArrived": r.closure == nil && r.arrivedAt == nil,
            "closure": r.closure.map { "\($0.kind.label) by \($0.byUsername) at \(Display.time($0.at)): \($0.reason)" } ?? "",
            "closeChoices": CallClosureRules.choices(for: r).map { ["value": $0.rawValue, "label": $0.label] },
            "decisions": r.decisions.map { d -> [String: Any] in
                [
                    "when": Display.time(d.at), "who": d.byUsername, "from": d.fromGrade?.label ?? "–", "to": d.toGrade.label,
                    "outcome": d.outcome.rawValue, "reason": d.reason ?? ""
                ]
            }
        ]
        if let pending = r.pending {
            values["pending"] = ["grade": pending.grade.label, "reason": pending.reason, "by": pending.requestedBy, "at": Display.time(pending.requestedAt)]
        }
        return values
    }

    static func alertTitle(_ kind: ControlRoomAlert.Kind) -> String {
        switch kind {
        case .authorisationNeeded: "Authorisation needed"
        case .potentialHighRisk: "Potential high risk"
        case .priorityNotDispatched: "Priority not dispatched"
        case .targetMissed: "Target time missed"
        }
    }
}

/// The briefing as the page draws it: warnings first, then each person.
enum BriefingValues {
    static func page(_ b: Briefing) -> [String: Any] {
        var values: [String: Any] = [
            "incident": ["id": b.incident.id, "reference": b.incident.reference, "summary": b.incident.summary],
            "location": b.incident.address?.singleLine ?? "Not recorded", "generated": Display.time(b.generatedAt),
            "locationMarkers": PageValues.markers(b.locationMarkers),
            "locationHistory": PageValues.incidentRows(b.locationHistory), "locationID": b.incident.address?.id ?? "",
            "people": b.people.map(person)
        ]
        if let call = b.call { values["call"] = PageValues.callAnswers(call) }
        if let response = b.response { values["response"] = PageValues.response(response) }
        return values
    }

    static func person(_ p: BriefingPerson) -> [String: Any] {
        var values: [String: Any] = [
            "id": p.person.id, "name": "\(p.person.firstName) \(p.person.surname)", "role": p.householdOnly ? "child in the household" : p.role.rawValue,
            "dateOfBirth": Display.dateOfBirth(p.person.dateOfBirth), "restricted": p.person.restricted,
            "markers": PageValues.markers(p.markers), "has_markers": !p.markers.isEmpty,
            "addressMarkers": PageValues.markers(p.addressMarkers), "has_addressMarkers": !p.addressMarkers.isEmpty,
            "history": PageValues.incidentRows(p.history), "has_history": !p.history.isEmpty, "historyCount": p.history.count,
            "linkedRecords": p.linkedRecords.map {
                [
                    "id": $0.personID, "status": $0.status == "confirmed" ? "confirmed same person" : "likely the same person (not yet confirmed)",
                    "percent": $0.probability.map { Int(($0 * 100).rounded(.down)) } ?? 100
                ]
            },
            "has_linkedRecords": !p.linkedRecords.isEmpty,
            "riskLevels": p.riskLevels.map {
                [
                    "level": $0.level.rawValue, "high": $0.level == .high, "when": Display.time($0.assessedAt), "reference": $0.incidentReference,
                    "incidentID": $0.incidentID
                ]
            },
            "has_riskLevels": !p.riskLevels.isEmpty,
            "orders": p.orders.map { ["kind": $0.kind.label, "terms": $0.terms, "from": $0.startsOn, "until": $0.endsOn ?? "no end date"] },
            "has_orders": !p.orders.isEmpty,
            "otherVictims": p.otherVictims.map { ["id": $0.id, "name": "\($0.firstName) \($0.surname)"] }, "has_otherVictims": !p.otherVictims.isEmpty,
            "riskNotes": p.riskNotes, "has_riskNotes": !p.riskNotes.isEmpty
        ]
        if let status = p.status {
            values["status"] = [
                "repeat": status.isRepeat, "previous": status.previousIncidentsCounted, "definition": status.repeatDefinition,
                "vulnerable": status.isVulnerable, "because": status.vulnerableBecause.joined(separator: ", ")
            ]
        }
        return values
    }
}

/// A form on a page with several forms that was refused: which one (`section`), what was typed, and why. The page is
/// re-drawn with that form's own errors beside its fields and the others clean.
struct RefusedForm {
    let section: String
    let form: FormBody
    let errors: [FieldError]

    /// The section's `fieldErrors` (empty for every other section, so Mustache does not find another form's errors).
    func fieldErrors(for section: String) -> [String: String] {
        guard section == self.section else { return [:] }
        var byField: [String: String] = [:]
        for error in errors where byField[error.field] == nil { byField[error.field] = error.message }
        return byField
    }

    /// What was typed into `name` on this form, if it is the section's.
    func typed(_ name: String, section: String) -> String { section == self.section ? form[name] ?? "" : "" }

    /// The page's error summary, each message linked to its field's element on this section's form (the person page
    /// holds several forms, so ids carry the form's prefix or its order's id).
    var errorList: [[String: String]] {
        errors.map { error in
            let field = error.field
            let anchor: String
            switch section {
            case "order": anchor = "order_" + field
            case "contact": anchor = "contact_" + field
            case "safe-contact": anchor = field == "notes" ? "safe_notes" : field
            case "warning": anchor = "warning_" + field
            case "child": anchor = "child_" + field
            case let leave where leave.hasPrefix("leave-"): anchor = "leave_to_" + leave.dropFirst("leave-".count)
            case let end where end.hasPrefix("end-"): anchor = "end_reason_" + end.dropFirst("end-".count)
            case let order where order.hasPrefix("order-"): anchor = field + "_" + order.dropFirst("order-".count)
            default: anchor = field
            }
            return ["field": anchor, "message": error.message]
        }
    }
}
