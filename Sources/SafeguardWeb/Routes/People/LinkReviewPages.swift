import Foundation
import Hummingbird
import SafeguardDomain

/// Paging terms of the review queue, from a query string: a term that is not a whole number is refused by name.
enum LinkReviewPaging {
    static func parse(limit: String?, offset: String?, defaultLimit: Int = 25) throws -> (limit: Int, offset: Int) {
        var errors: [FieldError] = []
        var l = defaultLimit, o = 0
        do { l = try QueryTerms.wholeNumber(limit, field: "limit") ?? defaultLimit } catch let DomainError.invalid(e) { errors += e }
        do { o = try QueryTerms.wholeNumber(offset, field: "offset") ?? 0 } catch let DomainError.invalid(e) { errors += e }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return (l, o)
    }
}

/// The review queue of proposed links (`/links`): the clean-up's proposals, most likely first, each pair side by
/// side with the reasons, decided here with a reason like on the person page.
struct LinkReviewPages {
    let dependencies: WebDependencies

    func register(on router: RouterGroup<AppRequestContext>) {
        let service = dependencies.service

        router.get("links") { request, context -> Response in
            do {
                let (limit, offset) = try LinkReviewPaging.parse(limit: nil, offset: request.queryFields["offset"])
                return try await page(try context.actor(), limit: limit, offset: offset, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.post("links") { request, context -> Response in
            do {
                let actor = try context.actor()
                let form = try await dependencies.readForm(request, context: context)
                let offset = form["offset"].flatMap(Int.init) ?? 0
                do {
                    guard let decision = form["decision"].flatMap(LinkDecision.init(rawValue:)), decision != .undo else {
                        throw DomainError.invalid([FieldError("decision", "Choose same person or different people.")])
                    }
                    try await service.decideLink(
                        actor, personID: form["person_id"] ?? "", otherPersonID: form["other_person_id"] ?? "",
                        decision: decision, reason: form["reason"])
                    return Response.redirect(to: "/links?offset=\(offset)", type: .normal)
                } catch let DomainError.invalid(errors) {
                    // The reason's field is named per pair, so the error summary links to the box that needs it.
                    let pairField = "reason-\(form["person_id"] ?? "")-\(form["other_person_id"] ?? "")"
                    let named = errors.map { $0.field == "reason" ? FieldError(pairField, $0.message) : $0 }
                    return try await page(actor, limit: 25, offset: offset, errors: named, context: context, status: .unprocessableContent)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    private func page(
        _ actor: Actor, limit: Int, offset: Int, errors: [FieldError], context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let review = try await dependencies.service.proposedLinks(actor, limit: limit, offset: offset)
        var values = ModelValues.values(LinkReviewPageModel(review, limit: limit, offset: offset))
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "link-review", title: errors.isEmpty ? "Links to review" : "Error: Links to review",
            context: values, request: context, status: status)
    }
}
