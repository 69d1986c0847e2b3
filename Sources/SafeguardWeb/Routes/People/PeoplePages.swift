import Foundation
import Hummingbird
import SafeguardDomain

/// Person search, the person page, and creating and correcting person records.
struct PeoplePages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("people") { request, context -> Response in
            let actor = try context.actor()
            // The search form only for those who may search: a role that sees no person gets no form to try.
            guard actor.role.can(.searchPeople) else {
                return dependencies.errorPage(DomainError.forbidden("Your role does not search people's records."), context: context)
            }
            let fields = request.queryFields
            let query = PersonSearchQuery(name: fields["name"], dateOfBirth: fields["date_of_birth"], phone: fields["phone"], postcode: fields["postcode"])
            let reason = fields["reason"]
            var model = PeopleSearchModel(
                query: .init(
                    name: query.name ?? "", dateOfBirth: query.dateOfBirth ?? "", phone: query.phone ?? "", postcode: query.postcode ?? "",
                    reason: reason ?? ""),
                canCreate: actor.role.can(.createPerson), mustGiveReason: actor.role.mustStateReasonToViewPeople)
            guard fields["searched"] != nil || !query.auditTerms.isEmpty else {
                return dependencies.templates.page("people-search", title: "Find a person", context: ModelValues.values(model), request: context)
            }
            do {
                let found = try await service.findPeople(actor, query: query, reason: reason)
                let results = found.results
                model.setAside = found.setAside.map { FieldMessageModel(setAside: $0) }
                model.searched = true
                model.resultCount = results.count
                model.oneResult = results.count == 1
                // The same terms, matched: finds the caller under a misspelt, changed or shortened name too.
                let words = (query.name ?? "").split(separator: " ").map(String.init)
                let matchQuery = PersonMatchQuery(
                    firstName: words.count > 1 ? words.dropLast().joined(separator: " ") : nil, surname: words.last,
                    dateOfBirth: query.dateOfBirth, phone: query.phone, postcode: query.postcode)
                let exact = Set(results.map(\.id))
                // The search's own terms were usable; a name too long to match as first names is simply not matched.
                var matched: [PersonMatchCandidate] = []
                do { matched = try await service.matchPeople(actor, query: matchQuery, reason: reason) } catch DomainError.invalid {}
                // A record found by name that the matcher found too carries the records confirmed to be the same
                // person (her maiden-name record is folded into it, so it is not listed among the matches either).
                let matchedByID = Dictionary(matched.map { ($0.person.id, $0) }, uniquingKeysWith: { first, _ in first })
                model.results = results.map { r in
                    let match = matchedByID[r.id]
                    return .init(
                        id: r.id, name: "\(r.firstName) \(r.surname)", dateOfBirth: Display.dateOfBirth(r.dateOfBirth), postcode: r.postcode ?? "",
                        incidentCount: match?.incidentCount ?? r.incidentCount, restricted: r.restricted, sameAs: Display.sameAs(match?.sameAs ?? []))
                }
                model.advice = matchQuery.advice(for: matched)?.message
                model.matches = matched.filter { !exact.contains($0.person.id) }.map { PersonMatchModel($0) }
                return dependencies.templates.page("people-search", title: "Find a person", context: ModelValues.values(model), request: context)
            } catch let DomainError.invalid(errors) {
                var values = ModelValues.values(model)
                values.merge(FormErrors(errors: errors).context) { $1 }
                return dependencies.templates.page(
                    "people-search", title: "Error: Find a person", context: values, request: context, status: .unprocessableContent)
            } catch let DomainError.reasonRequired(message) {
                model.reasonNeeded = message
                var values = ModelValues.values(model)
                values.merge(FormErrors(errors: reason == nil ? [] : [FieldError("reason", message)]).context) { $1 }
                return dependencies.templates.page(
                    "people-search", title: "Reason needed: Find a person", context: values, request: context,
                    status: reason == nil ? .ok : .unprocessableContent)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("people/new") { _, context -> Response in
            let actor = try context.actor()
            guard actor.role.can(.createPerson) else { return dependencies.errorPage(.forbidden("Your role may not add person records."), context: context) }
            return form(values: [:], errors: [], heading: "Add a person record", action: "/people/new", version: nil, restricted: false, context: context)
        }

        router.post("people/new") { request, context -> Response in
            let actor = try context.actor()
            do {
                let body = try await dependencies.readForm(request, context: context)
                do {
                    let person = try await service.createNewPerson(
                        actor, draft: PersonForm.draft(from: body, canRestrict: actor.role.can(.viewRestricted)), confirmedNew: body["confirmed_new"] == "yes")
                    return Response.redirect(to: "/people/\(person.id)", type: .normal)
                } catch let DomainError.invalid(errors) {
                    return form(
                        values: PersonForm.values(of: body), errors: errors, heading: "Add a person record", action: "/people/new",
                        version: nil, restricted: body["restricted"] == "yes", context: context, status: .unprocessableContent)
                } catch let DomainError.possibleDuplicates(_, candidates) {
                    // Rule 1: she may already be on file. Show who, and let the user open one or confirm someone new.
                    return form(
                        values: PersonForm.values(of: body),
                        errors: [FieldError("confirmed_new", DomainError.possibleDuplicates(field: "", candidates: candidates).message)],
                        heading: "Add a person record", action: "/people/new", version: nil, restricted: body["restricted"] == "yes", context: context,
                        status: .conflict, candidates: candidates)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("people/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let reason = request.queryFields["reason"]
            do {
                // Where she was opened from (an incident, a case) is the read's purpose, checked by the domain.
                return try await personPage(
                    try context.actor(), id: id, reason: reason, via: try ReadContext.parse(request.queryFields["from"]), context: context,
                    triggered: request.queryFields["triggered"], orderTriggered: request.queryFields["order_triggered"])
            } catch let error as DomainError {
                return dependencies.reasonOrErrorPage(error, action: "/people/\(id)", reason: reason, context: context)
            }
        }

        router.post("people/:id/links") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let body = try await dependencies.readForm(request, context: context)
                try await service.decideLink(
                    actor, personID: id, otherPersonID: body["other_person_id"] ?? "", decision: body["decision"].flatMap(LinkDecision.init(rawValue:)),
                    reason: body["reason"])
                return Response.redirect(to: "/people/\(id)", type: .normal)
            } catch let error as DomainError {
                if case .invalid = error {
                    // Shown on the person page itself, above the decision that needs a reason.
                    let view = try await service.viewPerson(try context.actor(), id: id)
                    var values = ModelValues.values(personModel(view, context: context))
                    values.merge(FormErrors(errors: { if case .invalid(let f) = error { return f } else { return [] } }()).context) { $1 }
                    return dependencies.templates.page(
                        "person", title: "Error: \(view.person.fullName)", context: values, request: context, status: .unprocessableContent)
                }
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("people/:id/edit") { _, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                try actor.require(.editPerson)
                let view = try await service.viewPerson(actor, id: id, reason: "correcting the record")
                return form(
                    values: PersonForm.values(of: view.person), errors: [], heading: "Correct \(view.person.fullName)",
                    action: "/people/\(id)/edit", version: view.person.version, restricted: view.person.restricted, context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.post("people/:id/edit") { request, context -> Response in
            let id = try context.parameters.require("id")
            do {
                let actor = try context.actor()
                let body = try await dependencies.readForm(request, context: context)
                do {
                    _ = try await service.editPerson(
                        actor, id: id, expectedVersion: body["version"].flatMap(Int.init),
                        draft: PersonForm.draft(from: body, canRestrict: actor.role.can(.viewRestricted)))
                    return Response.redirect(to: "/people/\(id)", type: .normal)
                } catch let error as DomainError {
                    let errors: [FieldError]
                    switch error {
                    case .invalid(let fields): errors = fields
                    case .staleEdit: errors = [FieldError("surname", error.message)]
                    default: throw error
                    }
                    return form(
                        values: PersonForm.values(of: body), errors: errors, heading: "Correct this record", action: "/people/\(id)/edit",
                        version: body["version"].flatMap(Int.init) ?? 0, restricted: body["restricted"] == "yes", context: context,
                        status: { if case .staleEdit = error { return .conflict } else { return .unprocessableContent } }())
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    private func form(
        values: [String: String], errors: [FieldError], heading: String, action: String, version: Int?, restricted: Bool, context: AppRequestContext,
        status: HTTPResponse.Status = .ok, candidates: [PersonMatchCandidate] = []
    ) -> Response {
        let canRestrict = context.user?.role.can(.viewRestricted) ?? false
        let model = PersonFormModel(
            values: values, errors: errors, heading: heading, action: action, version: version, restricted: restricted, canRestrict: canRestrict,
            candidates: candidates)
        return dependencies.templates.page(
            "person-form", title: errors.isEmpty ? heading : "Error: \(heading)", context: ModelValues.values(model), request: context, status: status)
    }

    /// The person page with its custody, orders and contact sections. `refused` re-draws one section's form with what was
    /// typed and its errors (each section has its own errors, so a refused order does not mark the custody form);
    /// `triggered` is the count of tasks the last save set on victims' cases.
    func personPage(
        _ actor: Actor, id: String, reason: String? = nil, via: ReadContext? = nil, context: AppRequestContext, refused: RefusedForm? = nil,
        triggered: String? = nil, orderTriggered: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view = try await service.viewPerson(actor, id: id, reason: reason, via: via)
        let sections = PersonSectionsModel(
            custody: CustodySectionModel(
                try await service.custodyEvents(actor, personID: id, reason: reason), incidents: view.incidents, actor: actor,
                refused: refused?.section == "custody" ? refused : nil,
                triggered: refused == nil ? triggered : nil),
            orders: OrderSectionModel(
                try await service.orders(actor, personID: id, reason: reason), personID: id, victims: try await service.victimsOf(actor, suspectID: id),
                incidents: view.incidents, actor: actor, refused: refused, triggered: refused == nil ? orderTriggered : nil,
                now: service.clock.now()),
            warnings: WarningSectionModel(
                view.warnings, postTo: "/people/\(id)/warnings",
                subjects: [("person", "This person")] + view.person.phones.map { ($0, "Phone \($0)") }, actor: actor, refused: refused,
                policy: service.policy, today: CalendarDate.string(service.clock.now())),
            household: HouseholdSectionModel(view.household, adultID: id, actor: actor, refused: refused),
            contacts: ContactSectionModel(try await service.contactLog(actor, personID: id, reason: reason), actor: actor, refused: refused),
            errorList: refused?.errorList)
        let values = ModelValues.merged([personModel(view, context: context), sections])
        return dependencies.templates.page(
            "person", title: (refused == nil ? "" : "Error: ") + view.person.fullName, context: values, request: context, status: status)
    }

    private func personModel(_ view: PersonRecordView, context: AppRequestContext) -> PersonPageModel {
        var model = PersonPageModel(view, canEdit: context.user?.role.can(.editPerson) ?? false)
        // The auditor's way from a record to who has looked at it (rule 33).
        model.canSearchAudit = context.user?.role.can(.viewAudit) ?? false
        return model
    }
}
