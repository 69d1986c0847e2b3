import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for people, under `/api/v1`, described in `Resources/openapi.json`.
struct PeopleAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    /// A person as the API accepts it; every field but the surname may be left out.
    struct PersonInput: Decodable {
        var firstName: String?
        var middleNames: String?
        var surname: String?
        var dateOfBirth: String?
        var sex: String?
        var ethnicity: String?
        var interpreterLanguage: String?
        var phones: [String]?
        var emails: [String]?
        var otherNames: [PersonName]?
        var addressLine1: String?
        var addressTown: String?
        var postcode: String?
        var vulnerabilities: [String]?
        var restricted: Bool?
        /// Required on PUT: the version the client read.
        var version: Int?
        /// On a new person: true once the caller has seen the match check's candidates and says this is someone new.
        var confirmedNew: Bool?

        var draft: PersonDraft {
            PersonDraft(
                firstName: firstName ?? "", middleNames: middleNames, surname: surname ?? "", dateOfBirth: dateOfBirth, sex: sex,
                ethnicity: ethnicity, interpreterLanguage: interpreterLanguage, phones: phones ?? [], emails: emails ?? [],
                otherNames: otherNames ?? [], addressLine1: addressLine1, addressTown: addressTown, postcode: postcode,
                vulnerabilities: vulnerabilities ?? [], restricted: restricted)
        }
    }

    struct SearchResults: Encodable { let results: [PersonSummary]; let setAside: [FieldError] }
    struct MatchResults: Encodable { let candidates: [PersonMatchCandidate]; let advice: MatchAdvice?; let setAside: [FieldError]; let cutShort: Bool }
    struct LinkInput: Decodable { var otherPersonId: String?; var decision: String?; var reason: String? }

    /// A match request: any of the fields a caller can give.
    struct MatchInput: Decodable {
        var firstName: String?
        var surname: String?
        var dateOfBirth: String?
        var phone: String?
        var postcode: String?
        var email: String?
        var limit: Int?
        /// Why the search is made: required of roles that look back (rule 33).
        var reason: String?
    }
    struct Me: Encodable { let id: String; let username: String; let displayName: String; let role: String; let permissions: [String] }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("me") { _, context -> Response in
            let user = try context.actor().user
            return try APIJSON.response(
                Me(
                    id: user.id, username: user.username, displayName: user.displayName, role: user.role.rawValue,
                    permissions: user.role.permissions.map(\.rawValue).sorted()))
        }

        api.get("people") { request, context -> Response in
            let q = request.queryFields
            let query = PersonSearchQuery(name: q["name"], dateOfBirth: q["date_of_birth"], phone: q["phone"], postcode: q["postcode"])
            let limit = try QueryTerms.wholeNumber(q["limit"], field: "limit") ?? 50
            let found = try await service.findPeople(try context.actor(), query: query, limit: limit, reason: q["reason"])
            return try APIJSON.response(SearchResults(results: found.results, setAside: found.setAside))
        }

        api.get("links/proposed") { request, context -> Response in
            let q = request.queryFields
            let (limit, offset) = try LinkReviewPaging.parse(limit: q["limit"], offset: q["offset"])
            return try APIJSON.response(try await service.proposedLinks(try context.actor(), limit: limit, offset: offset))
        }

        api.post("people/match") { request, context -> Response in
            let input = try await APIJSON.decode(MatchInput.self, from: request, context: context)
            let query = PersonMatchQuery(
                firstName: input.firstName, surname: input.surname, dateOfBirth: input.dateOfBirth,
                phone: input.phone, postcode: input.postcode, email: input.email)
            let found = try await service.lookUpPeople(try context.actor(), query: query, limit: input.limit ?? 10, reason: input.reason)
            return try APIJSON.response(
                MatchResults(
                    candidates: found.candidates, advice: query.advice(for: found.candidates),
                    setAside: found.setAside, cutShort: found.cutShort))
        }

        api.post("people") { request, context -> Response in
            let input = try await APIJSON.decode(PersonInput.self, from: request, context: context)
            let person = try await service.createNewPerson(try context.actor(), draft: input.draft, confirmedNew: input.confirmedNew ?? false)
            var response = try APIJSON.response(person, status: .created)
            response.headers[.location] = "/api/v1/people/\(person.id)"
            return response
        }

        api.get("people/:id") { request, context -> Response in
            let view = try await service.viewPerson(
                try context.actor(), id: try context.parameters.require("id"), reason: request.queryFields["reason"],
                via: try ReadContext.parse(request.queryFields["from"]))
            return try APIJSON.response(view)
        }

        api.post("people/:id/links") { request, context -> Response in
            let input = try await APIJSON.decode(LinkInput.self, from: request, context: context)
            try await service.decideLink(
                try context.actor(), personID: try context.parameters.require("id"), otherPersonID: input.otherPersonId ?? "",
                decision: input.decision.flatMap(LinkDecision.init(rawValue:)), reason: input.reason)
            return Response(status: .noContent)
        }

        api.put("people/:id") { request, context -> Response in
            let input = try await APIJSON.decode(PersonInput.self, from: request, context: context)
            let person = try await service.editPerson(
                try context.actor(), id: try context.parameters.require("id"), expectedVersion: input.version, draft: input.draft)
            return try APIJSON.response(person)
        }

    }
}
