import Foundation
import Hummingbird
import SafeguardDomain

/// The call record (control room): parties found as they are typed, the structured questions, and the grade.
/// Works without JavaScript: "Find matches" posts the form back with each party's matches; with it, `app.js`
/// fetches `/calls/matches` as the handler types and swaps the choices in place.
struct CallPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("calls/new") { _, context -> Response in
            let actor = try context.actor()
            guard actor.role.can(.recordCall) else { return dependencies.errorPage(.forbidden("Your role may not record calls."), context: context) }
            return page(CallFormModel(FormBody(encoded: ""), matches: [:]), errors: [], context: context)
        }

        router.get("calls/matches") { request, context -> Response in
            let actor = try context.actor()
            guard actor.role.can(.recordCall) else { return dependencies.errorPage(.forbidden("Your role may not record calls."), context: context) }
            let form = FormBody(encoded: request.uri.query ?? "")
            let prefix = CallForm.partyPrefixes.first { $0.prefix == form["party"] }?.prefix ?? "victim"
            var candidates: [PersonMatchCandidate] = []
            var advice: MatchAdvice?
            var setAside: [FieldError] = []
            if var query = CallForm.matchQuery(form, prefix: prefix) {
                do {
                    let found = try await service.lookUpPeople(actor, query: query)
                    (candidates, setAside) = (found.candidates, found.setAside)
                } catch DomainError.invalid(let errors) {
                    // A term refused outright (too long to be a detail) is left out; the rest still match, so a match
                    // the handler already chose does not vanish while they type.
                    query.drop(Set(errors.map(\.field)))
                    candidates = (try? await service.matchPeople(actor, query: query)) ?? []
                    setAside = errors
                }
                advice = query.advice(for: candidates)
            }
            return dependencies.templates.fragment(
                "call-matches",
                context: ModelValues.values(CallMatchesModel(candidates, prefix: prefix, chosen: nil, advice: advice, setAside: setAside)))
        }

        router.post("calls/new") { request, context -> Response in
            let actor = try context.actor()
            do {
                let form = try await dependencies.readForm(request, context: context)
                // Matches for every party with typed details and no record chosen yet: the handler must see them
                // before a new record is made, so nobody's history is split across two records by a hurried call.
                var matches: [String: [PersonMatchCandidate]] = [:]
                var unseen: [FieldError] = []
                for party in CallForm.partyPrefixes where (form["\(party.prefix)_person_id"] ?? "").isEmpty {
                    guard let query = CallForm.matchQuery(form, prefix: party.prefix) else { continue }
                    do {
                        matches[party.prefix] = try await service.matchPeople(actor, query: query)
                    } catch let DomainError.invalid(errors) {
                        unseen += errors.map { FieldError("\(party.prefix)_\($0.field)", $0.message) }
                        continue
                    }
                    if !(matches[party.prefix] ?? []).isEmpty {
                        unseen.append(
                            FieldError(
                                "\(party.prefix)_person_id", "\(party.label): choose one of the possible matches, or \"None of these\" to add a new record."))
                    }
                }
                if form["action"] == "match" || !unseen.isEmpty {
                    let errors = form["action"] == "match" ? unseen.filter { !$0.field.hasSuffix("_person_id") } : unseen
                    let orders = try await service.ordersBetween(
                        actor, suspects: CallForm.possibleRecords(form, matches, prefix: "suspect"),
                        victims: CallForm.possibleRecords(form, matches, prefix: "victim"))
                    return page(
                        CallFormModel(form, matches: matches, errors: errors, orders: orders), errors: errors, context: context,
                        status: errors.isEmpty ? .ok : .unprocessableContent)
                }
                do {
                    let record = try await service.openIncident(actor, draft: CallForm.draft(from: form))
                    return Response.redirect(to: "/incidents/\(record.incident.id)", type: .normal)
                } catch let DomainError.invalid(errors) {
                    let named = CallForm.childRows.summary(errors.map(Self.formField), posted: form)
                    return page(CallFormModel(form, matches: matches, errors: named), errors: named, context: context, status: .unprocessableContent)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    /// Domain field names for the page's parties (`parties[0].surname`) become the form's (`victim_surname`).
    static func formField(_ error: FieldError) -> FieldError {
        guard error.field.hasPrefix("parties[") else { return error }
        let rest = error.field.drop { $0 != "]" }.dropFirst()
        let index = Int(error.field.dropFirst("parties[".count).prefix { $0.isNumber }) ?? 0
        let prefix = index < CallForm.partyPrefixes.count ? CallForm.partyPrefixes[index].prefix : "victim"
        return FieldError("\(prefix)_\(rest.hasPrefix(".") ? String(rest.dropFirst()) : "person_id")", error.message)
    }

    private func page(_ model: CallFormModel, errors: [FieldError], context: AppRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        var all = ModelValues.values(model)
        all.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "call-form", title: errors.isEmpty ? "Record a call" : "Error: Record a call", context: all, request: context, status: status)
    }
}
