import Foundation
import Hummingbird
import SafeguardDomain

/// The JSON API for domestic homicide reviews (rule 30), under `/api/v1`.
struct HomicideReviewAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    struct ReviewInput: Decodable {
        var title: String?
        var publishedOn: String?
        var area: String?
    }
    struct RecommendationInput: Decodable {
        var text: String?
        var ownerAgency: String?
        var ownerName: String?
        var dueOn: String?
    }
    struct StatusInput: Decodable {
        var status: String?
        var evidence: String?
    }
    struct ListOutput: Encodable {
        var items: [HomicideReview]
        var summary: HomicideReviewSummary
    }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("homicide-reviews") { _, context -> Response in
            let found = try await service.homicideReviews(try context.actor())
            return try APIJSON.response(ListOutput(items: found.reviews, summary: found.summary))
        }
        api.post("homicide-reviews") { request, context -> Response in
            let input = try await APIJSON.decode(ReviewInput.self, from: request, context: context)
            let review = try await service.recordHomicideReview(
                try context.actor(), draft: HomicideReviewDraft(title: input.title, publishedOn: input.publishedOn, area: input.area))
            return try APIJSON.response(review, status: .created)
        }
        api.get("homicide-reviews/recommendations.csv") { _, context -> Response in
            CSVDownload.response(try await service.homicideReviewsCSV(try context.actor()), filename: "homicide-review-recommendations.csv")
        }
        api.get("homicide-reviews/:id") { _, context -> Response in
            try APIJSON.response(try await service.homicideReview(try context.actor(), id: try context.parameters.require("id")))
        }
        api.post("homicide-reviews/:id/recommendations") { request, context -> Response in
            let input = try await APIJSON.decode(RecommendationInput.self, from: request, context: context)
            let review = try await service.addHomicideReviewRecommendation(
                try context.actor(), reviewID: try context.parameters.require("id"),
                draft: RecommendationDraft(text: input.text, ownerAgency: input.ownerAgency, ownerName: input.ownerName, dueOn: input.dueOn))
            return try APIJSON.response(review, status: .created)
        }
        api.post("homicide-review-recommendations/:id/status") { request, context -> Response in
            let input = try await APIJSON.decode(StatusInput.self, from: request, context: context)
            return try APIJSON.response(
                try await service.updateHomicideReviewRecommendation(
                    try context.actor(), recommendationID: try context.parameters.require("id"), status: input.status, evidence: input.evidence))
        }
    }
}
