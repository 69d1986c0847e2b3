import Foundation
import Hummingbird
import SafeguardDomain

/// Domestic homicide reviews (rule 30): the list with how the recommendations stand and a form to record a review;
/// each review with its recommendations, a form to add one and each one's progress; the CSV report.
struct HomicideReviewPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("homicide-reviews") { _, context -> Response in
            do {
                return try await listPage(try context.actor(), form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.get("homicide-reviews/recommendations.csv") { _, context -> Response in
            do {
                return CSVDownload.response(try await service.homicideReviewsCSV(try context.actor()), filename: "homicide-review-recommendations.csv")
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("homicide-reviews") { request, context -> Response in
            try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let review = try await service.recordHomicideReview(
                        actor, draft: HomicideReviewDraft(title: form["title"], publishedOn: form["published_on"], area: form["area"]))
                    return "/homicide-reviews/\(review.id)"
                },
                redraw: { actor, form, errors in try await listPage(actor, form: form, errors: errors, context: context) })
        }
        router.get("homicide-reviews/:id") { _, context -> Response in
            do {
                return try await reviewPage(try context.actor(), id: try context.parameters.require("id"), form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("homicide-reviews/:id/recommendations") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.addHomicideReviewRecommendation(
                        actor, reviewID: id,
                        draft: RecommendationDraft(
                            text: form["text"], ownerAgency: form["owner_agency"], ownerName: form["owner_name"], dueOn: form["due_on"]))
                    return "/homicide-reviews/\(id)"
                },
                redraw: { actor, form, errors in try await reviewPage(actor, id: id, form: form, errors: errors, context: context) })
        }
        router.post("homicide-reviews/:id/recommendations/:recommendation") { request, context -> Response in
            let id = try context.parameters.require("id")
            let recommendation = try context.parameters.require("recommendation")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.updateHomicideReviewRecommendation(
                        actor, recommendationID: recommendation, status: form["status"], evidence: form["evidence"])
                    return "/homicide-reviews/\(id)#recommendation-\(recommendation)"
                },
                redraw: { actor, form, errors in try await reviewPage(actor, id: id, form: form, errors: errors, context: context) })
        }
    }

    private func listPage(_ actor: Actor, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let found = try await service.homicideReviews(actor)
        let model = HomicideReviewListModel(
            found.reviews, summary: found.summary, today: found.today, areas: try await service.areas(), canManage: actor.role.can(.manageHomicideReviews),
            form: form)
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "homicide-reviews", title: errors.isEmpty ? "Domestic homicide reviews" : "Error: Domestic homicide reviews", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func reviewPage(_ actor: Actor, id: String, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let review = try await service.homicideReview(actor, id: id)
        let model = HomicideReviewModel(
            review, today: CalendarDate.string(service.clock.now()), canManage: actor.role.can(.manageHomicideReviews), form: form)
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "homicide-review", title: "\(errors.isEmpty ? "" : "Error: ")\(review.title)", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}
