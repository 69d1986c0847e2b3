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
            _ = try await service.offerHandover(
                actor, caseID: id, toUserID: form["to_user_id"] ?? "", note: form["note"], expectedVersion: try CaseForm.version(form))
        }
        post(router, "cases/:id/handover/accept") { actor, id, _ in
            _ = try await service.acceptHandover(actor, caseID: id)
        }
        post(router, "cases/:id/handover/decline", fieldSuffix: { id, _ in "_decline_\(id)" }) { actor, id, form in
            _ = try await service.declineHandover(actor, caseID: id, note: form["note"])
        }
        post(router, "cases/:id/close") { actor, id, form in
            _ = try await service.closeCase(actor, caseID: id, reason: form["reason"], expectedVersion: try CaseForm.version(form))
        }
        post(router, "cases/:id/allocate", fieldSuffix: { id, _ in "_\(id)" }) { actor, id, form in
            _ = try await service.allocateCase(actor, caseID: id, ownerID: form["owner_id"] ?? "", expectedVersion: try CaseForm.version(form))
        }
        // Rule 21: the referral, with the criteria met, the referring agency and the research to share.
        post(router, "cases/:id/marac-referrals") { actor, id, form in
            _ = try await service.referToMarac(
                actor, caseID: id,
                draft: MaracReferralDraft(
                    criteria: form.list("criteria"), referringAgency: form["referring_agency"], research: form["research"], victimLGBT: form["victim_lgbt"]))
        }
        // Rule 22: the offer of an IDVA, its outcome and why; the form's fields are suffixed (the close form has its own `reason`).
        post(router, "cases/:id/idva-offers", fieldSuffix: { _, _ in "_idva" }) { actor, id, form in
            _ = try await service.recordIdvaOffer(
                actor, caseID: id, draft: IdvaOfferDraft(outcome: form["outcome"], reason: form["reason"], idvaUserID: form["idva_user_id"]))
        }
        // Rule 23: what a partner agency may see, on what footing, until when.
        post(router, "cases/:id/shares") { actor, id, form in
            _ = try await service.shareCase(
                actor, caseID: id,
                draft: CaseShareDraft(
                    agency: form["agency"], fieldGroups: form.list("field_groups"), consent: form["consent"], overrideReason: form["override_reason"],
                    endsOn: form["ends_on"]))
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
        var values = ModelValues.values(MyWorkPageModel(work, me: actor.user.id, now: service.clock.now(), errors: errors, posted: posted))
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
        let references = Dictionary(view.incidents.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
        let investigators = CaseAllocationRules.investigatorChoices(actor.user, c, among: view.colleagues)
        func name(_ id: String?) -> String {
            id.flatMap { id in view.colleagues.first { $0.id == id }?.displayName ?? (id == c.owner.id ? c.owner.displayName : nil) } ?? ""
        }
        let page = CasePageModel(
            returnTo: "/cases/\(c.id)",
            plan: plan.map { TaskModel($0, now: now, me: actor.user.id, errors: errors, posted: posted) },
            otherTasks: other.map { TaskModel($0, now: now, me: actor.user.id, errors: errors, posted: posted) },
            incidents: view.incidents.map(IncidentRowModel.init),
            scenes: view.incidents.compactMap { incident in
                view.scenes[incident.id].map { SceneSummaryModel($0, reference: incident.reference) }
            },
            events: view.events.map { e in
                .init(
                    when: Display.time(e.at), kind: Display.words(e.kind.rawValue), from: name(e.fromUserID), to: name(e.toUserID), by: e.byUsername,
                    note: e.note)
            },
            timeline: view.timeline.reversed().map { e in
                .init(when: Display.time(e.at), kind: Display.words(e.kind.rawValue), title: e.title, detail: e.detail ?? "", incidentID: e.incidentID ?? "")
            },
            orders: view.orders.map { o in
                .init(
                    label: o.kind.label, terms: o.terms, active: o.isActive(on: CalendarDate.string(now)), until: o.endsOn ?? "further order",
                    breaches: o.breaches > 0 ? "\(o.breaches)" : "", subjectID: o.subjectPersonID, id: o.id)
            },
            safeRoute: view.contacts.safeContact?.summary,
            contactEntries: view.contacts.entries.prefix(5).map(ContactEntryModel.init),
            lastContact: ContactPages.lastContact(view.contacts.entries),
            outcomes: view.outcomes.map { OutcomeRowModel($0, reference: references[$0.incidentID] ?? "") },
            household: view.household.map { child in
                .init(
                    id: child.person.id, name: "\(child.person.firstName) \(child.person.surname)", age: child.age.map { "aged \($0)" } ?? "age not known",
                    riskNotes: child.riskNotes, incidentCount: child.incidents.count)
            },
            colleagues: view.colleagues.filter { $0.id != c.owner.id }.map { ChoiceModel(id: $0.id, name: "\($0.displayName) (\($0.role.title))") },
            owners: view.colleagues.map { ChoiceModel(id: $0.id, name: "\($0.displayName) (\($0.role.title))", selected: $0.id == actor.user.id) },
            investigators: investigators.map { ChoiceModel(id: $0.id, name: $0.displayName) },
            toolkit: service.policy.safetyToolkit, canHandOver: CaseAllocationRules.mayHandOver(actor.user, c),
            offeredToMe: c.pendingHandover?.to.id == actor.user.id, canWork: actor.role.can(.workCases), canAssignInvestigator: !investigators.isEmpty,
            // Offered to whoever may close it; whether it may close now (tasks, handover) the domain decides when it is sent.
            canClose: CaseClosureRules.mayClose(c, actor: actor.user),
            closeReason: posted?.id == c.id ? (posted?.form["reason"] ?? "") : "",
            reopenMonths: service.policy.caseReopenWindowMonths, closed: c.closedAt.map { Display.time($0) } ?? "",
            marac: view.marac.map {
                MaracSectionModel($0, canRefer: actor.role.can(.referToMarac) && c.status == .open, posted: posted?.id == c.id ? posted?.form : nil)
            },
            idva: view.idva.map { IdvaSectionModel($0, posted: posted?.id == c.id && posted?.form["idva_offer"] != nil ? posted?.form : nil) },
            sharing: view.shares.map {
                ShareSectionModel($0, today: CalendarDate.string(now), posted: posted?.id == c.id && posted?.form["share"] != nil ? posted?.form : nil)
            })
        var values = ModelValues.merged([CaseSummaryModel(c, errors: errors), page])
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page("case", title: (errors.isEmpty ? "" : "Error: ") + c.reference, context: values, request: context, status: status)
    }
}

/// The case version a page's form was drawn from, sent back so a change made meanwhile is not overwritten unseen.
enum CaseForm {
    static func version(_ form: FormBody) throws -> Int? {
        try QueryTerms.wholeNumber(form["version"].flatMap { $0.isEmpty ? nil : $0 }, field: "version")
    }
}
