import Foundation
import Hummingbird
import SafeguardDomain

/// "My work" and the case page (issue 4 parts 4 and 5): cases owned and offered, tasks due and overdue, the safety plan,
/// handovers, the investigator, and marking oneself away. Every form posts back here; a refusal re-draws the page it
/// came from with the errors beside their fields.
struct CasePages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("my-work") { _, context -> Response in
            do {
                return try await myWorkPage(try context.actor(), errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("cases/awaiting-owner") { _, context -> Response in
            do {
                return try await awaitingOwnerPage(try context.actor(), errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("cases/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let reason = request.queryFields["reason"]
            do {
                return try await casePage(try context.actor(), caseID: id, reason: reason, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.reasonOrErrorPage(error, action: "/cases/\(id)", reason: reason, context: context)
            }
        }

        post(router, "cases/:id/handover") { actor, id, form in
            _ = try await service.offerHandover(actor, caseID: id, toUserID: form["to_user_id"] ?? "", note: form["note"])
        }
        post(router, "cases/:id/handover/accept") { actor, id, _ in
            _ = try await service.acceptHandover(actor, caseID: id)
        }
        post(router, "cases/:id/handover/decline", fieldSuffix: { id, _ in "_decline_\(id)" }) { actor, id, form in
            _ = try await service.declineHandover(actor, caseID: id, note: form["note"])
        }
        post(router, "cases/:id/close") { actor, id, form in
            _ = try await service.closeCase(actor, caseID: id, reason: form["reason"])
        }
        post(router, "cases/:id/allocate", fieldSuffix: { id, _ in "_\(id)" }) { actor, id, form in
            _ = try await service.allocateCase(actor, caseID: id, ownerID: form["owner_id"] ?? "")
        }
        post(router, "cases/:id/investigator") { actor, id, form in
            _ = try await service.assignInvestigator(actor, caseID: id, investigatorID: form["investigator_id"] ?? "")
        }
        post(router, "cases/:id/safety-actions") { actor, id, form in
            // "Other" lets the officer describe an action the toolkit does not list.
            let chosen = form["action"] == "other" ? form["other_action"] : form["action"]
            _ = try await service.addSafetyAction(actor, caseID: id, action: chosen, ownerID: form["owner_id"], dueAt: form["due_at"])
        }
        post(router, "tasks/:id/complete", fieldSuffix: { id, _ in "_\(id)" }) { actor, id, form in
            _ = try await service.completeTask(actor, taskID: id, outcome: form["outcome"])
        }
        // Rule 19: a "tell the victim" task closes only with how and when she was told, or why not.
        post(router, "tasks/:id/victim-told", fieldSuffix: { id, _ in "_\(id)" }) { actor, id, form in
            _ = try await service.recordVictimTold(
                actor, taskID: id,
                draft: VictimToldDraft(
                    told: form["told"], method: form["method"], at: form["at"], team: form["team"], note: form["note"]))
        }
        post(router, "users/:id/availability") { actor, id, form in
            _ = try await service.setAvailability(actor, userID: id, available: form["available"] == "true")
        }
    }

    /// A page POST: read the form (CSRF checked), act, then go back to `return_to` (this site's path only); a refusal
    /// re-draws that page with the errors, their fields suffixed so each links to the right form.
    private func post(
        _ router: RouterGroup<AppRequestContext>, _ path: RouterPath,
        fieldSuffix: @escaping @Sendable (String, FormBody) -> String = { _, _ in "" },
        _ act: @escaping @Sendable (Actor, String, FormBody) async throws -> Void
    ) {
        router.post(path) { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    try await act(actor, id, form)
                    return Self.returnPath(form["return_to"])
                },
                redraw: { actor, form, errors in
                    let back = Self.returnPath(form["return_to"])
                    let suffix = fieldSuffix(id, form)
                    let linked = errors.map { FieldError($0.field + suffix, $0.message) }
                    if back == "/reviews" {
                        return try await ReviewPages(dependencies: dependencies).reviewsPage(
                            actor, errors: linked, context: context, status: .unprocessableContent)
                    }
                    if back == "/cases/awaiting-owner" {
                        return try await awaitingOwnerPage(actor, errors: linked, context: context, status: .unprocessableContent)
                    }
                    if back.hasPrefix("/cases/") {
                        return try await casePage(
                            actor, caseID: String(back.dropFirst("/cases/".count)), errors: linked, context: context,
                            posted: (id, form), status: .unprocessableContent)
                    }
                    return try await myWorkPage(actor, errors: linked, context: context, posted: (id, form), status: .unprocessableContent)
                })
        }
    }

    /// Only our own pages: `/my-work`, `/reviews` or `/cases/<id>`; anything else goes to "my work".
    static func returnPath(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/cases/") || raw == "/my-work" || raw == "/reviews",
            raw.dropFirst(1).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" })
        else { return "/my-work" }
        return raw
    }

    /// `posted` is a refused form's task (or case) id and what was typed, to put back into that task's form.
    func myWorkPage(
        _ actor: Actor, errors: [FieldError], context: AppRequestContext, posted: (id: String, form: FormBody)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let work = try await service.myWork(actor)
        let now = service.clock.now()
        var values: [String: Any] = [
            "me": ["id": work.user.id, "available": work.user.available],
            "cases": work.cases.map { CaseValues.summary($0) },
            "offered": work.offered.map { CaseValues.summary($0, errors: errors) },
            "tasks": work.tasks.map { CaseValues.task($0, now: now, me: actor.user.id, errors: errors, posted: posted) },
            "returnTo": "/my-work",
            "team": work.team.map { ["id": $0.id, "name": $0.displayName, "role": $0.role.title, "available": $0.available] }
        ]
        // Only when there are any: a zero would still open the section.
        let overdue = work.tasks.filter { $0.state(at: now) == .overdue }.count
        if overdue > 0 { values["overdueCount"] = overdue }
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page("my-work", title: (errors.isEmpty ? "" : "Error: ") + "My work", context: values, request: context, status: status)
    }

    func casePage(
        _ actor: Actor, caseID: String, reason: String? = nil, errors: [FieldError], context: AppRequestContext,
        posted: (id: String, form: FormBody)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view = try await service.viewCase(actor, caseID: caseID, reason: reason)
        let c = view.safeguardingCase
        let now = service.clock.now()
        let plan = view.tasks.filter { $0.kind == .safetyAction }
        let other = view.tasks.filter { $0.kind != .safetyAction }
        var values: [String: Any] = CaseValues.summary(c, errors: errors)
        values["returnTo"] = "/cases/\(c.id)"
        values["onCasePage"] = true
        values["plan"] = plan.map { CaseValues.task($0, now: now, me: actor.user.id, errors: errors, posted: posted) }
        values["otherTasks"] = other.map { CaseValues.task($0, now: now, me: actor.user.id, errors: errors, posted: posted) }
        values["incidents"] = PageValues.incidentRows(view.incidents)
        values["scenes"] = view.incidents.compactMap { incident in
            view.scenes[incident.id].map { SceneValues.summary($0).merging(["reference": incident.reference]) { $1 } }
        }
        values["events"] = view.events.map { e -> [String: Any] in
            let name = { (id: String?) in
                id.flatMap { id in view.colleagues.first { $0.id == id }?.displayName ?? (id == c.owner.id ? c.owner.displayName : nil) } ?? ""
            }
            return [
                "when": Display.time(e.at), "kind": Display.words(e.kind.rawValue), "from": name(e.fromUserID), "to": name(e.toUserID), "by": e.byUsername,
                "note": e.note
            ]
        }
        values["timeline"] = view.timeline.reversed().map { e -> [String: Any] in
            ["when": Display.time(e.at), "kind": Display.words(e.kind.rawValue), "title": e.title, "detail": e.detail ?? "", "incidentID": e.incidentID ?? ""]
        }
        values["orders"] = view.orders.map { o -> [String: Any] in
            [
                "label": o.kind.label, "terms": o.terms, "active": o.isActive(on: CalendarDate.string(now)), "until": o.endsOn ?? "further order",
                "breaches": o.breaches > 0 ? "\(o.breaches)" : "", "subjectID": o.subjectPersonID, "id": o.id
            ]
        }
        if let safe = view.contacts.safeContact { values["safeRoute"] = safe.summary }
        values["contactEntries"] = ContactPages.entries(Array(view.contacts.entries.prefix(5)))
        values["lastContact"] =
            view.contacts.entries.first.map { "Last contact: \($0.team.label), \(Display.time($0.at)), by \($0.madeBy)" } ?? "No contact logged yet."
        let references = Dictionary(view.incidents.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
        values["outcomes"] = view.outcomes.map { OutcomePages.row($0, reference: references[$0.incidentID] ?? "") }
        values["colleagues"] = view.colleagues.filter { $0.id != c.owner.id }.map { ["id": $0.id, "name": "\($0.displayName) (\($0.role.title))"] }
        values["owners"] = view.colleagues.map { ["id": $0.id, "name": "\($0.displayName) (\($0.role.title))", "selected": $0.id == actor.user.id] }
        let investigators = CaseAllocationRules.investigatorChoices(actor.user, c, among: view.colleagues)
        values["investigators"] = investigators.map { ["id": $0.id, "name": $0.displayName] }
        values["toolkit"] = service.policy.safetyToolkit
        values["canHandOver"] = CaseAllocationRules.mayHandOver(actor.user, c)
        values["offeredToMe"] = c.pendingHandover?.to.id == actor.user.id
        values["canWork"] = actor.role.can(.workCases)
        values["canAssignInvestigator"] = !investigators.isEmpty
        // Offered to whoever may close it; whether it may close now (tasks, handover) the domain decides when it is sent.
        values["canClose"] = CaseClosureRules.mayClose(c, actor: actor.user)
        // A refused close keeps what was typed.
        values["closeReason"] = posted?.id == c.id ? (posted?.form["reason"] ?? "") : ""
        values["reopenMonths"] = service.policy.caseReopenWindowMonths
        values["closed"] = c.closedAt.map { Display.time($0) } ?? ""
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page("case", title: (errors.isEmpty ? "" : "Error: ") + c.reference, context: values, request: context, status: status)
    }
}

/// Template values for cases and tasks.
enum CaseValues {
    /// `errors` carries a refused decline's message to that case's own note field.
    static func summary(_ c: SafeguardingCase, errors: [FieldError] = []) -> [String: Any] {
        var values: [String: Any] = [
            "id": c.id, "reference": c.reference, "victim": c.victimName, "victimID": c.victimPersonID,
            "level": c.riskLevel?.rawValue ?? "not yet assessed", "high": c.riskLevel == .high,
            "owner": "\(c.owner.displayName) (\(c.owner.role.title))", "needsReallocation": c.needsReallocation,
            "investigator": c.investigator.map { $0.displayName } ?? "", "opened": Display.time(c.openedAt), "incidentCount": c.incidentIDs.count
        ]
        if let error = errors.first(where: { $0.field == "note_decline_\(c.id)" }) { values["declineError"] = error.message }
        if let offer = c.pendingHandover {
            values["handover"] = [
                "to": "\(offer.to.displayName) (\(offer.to.role.title))", "by": offer.offeredBy, "at": Display.time(offer.offeredAt), "note": offer.note
            ]
        }
        return values
    }

    static func task(_ t: CaseTask, now: Date, me: String, errors: [FieldError], posted: (id: String, form: FormBody)? = nil) -> [String: Any] {
        let state = t.state(at: now)
        let typed = posted?.id == t.id ? posted?.form : nil
        var tell: [String: Any] = [:]
        if t.kind == .tellVictim {
            // Its own form: told or not, how, when, by which team, and what was said (or why not) — kept when refused.
            for field in ["told", "method", "at", "note"] { tell[field + "Error"] = errors.first { $0.field == "\(field)_\(t.id)" }?.message ?? "" }
            tell["methods"] = ContactPages.methods(selected: typed?["method"])
            tell["teams"] = ContactPages.teams(selected: typed?["team"])
            tell["toldYes"] = typed?["told"] == "yes"
            tell["toldNo"] = typed?["told"] == "no"
            tell["typedAt"] = typed?["at"] ?? ""
            tell["typedNote"] = typed?["note"] ?? ""
        }
        return [
            "tell": tell.isEmpty ? false : tell as Any, "isTell": t.kind == .tellVictim,
            "error": errors.first { $0.field == "outcome_\(t.id)" }?.message ?? "",
            // The kind only where the title does not already say it ("Fit an alarm (Safety action)").
            "kindNote": t.title.hasPrefix(t.kind.title) ? "" : t.kind.title, "id": t.id, "title": t.title, "kind": t.kind.title, "caseID": t.caseID ?? "",
            "due": Display.time(t.dueAt),
            "owner": t.owner.displayName, "state": Display.words(state.rawValue), "overdue": state == .overdue, "done": state == .done,
            "escalated": t.escalatedTo.map { "Escalated to \($0.displayName) at \(t.escalatedAt.map(Display.time) ?? "")" } ?? "",
            "escalatedToMe": t.escalatedTo?.id == me && t.owner.id != me,
            "completed": t.completedAt.map { "Done by \(t.completedBy ?? "") at \(Display.time($0)): \(t.outcome ?? "")" } ?? ""
        ]
    }
}
