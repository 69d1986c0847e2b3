import Foundation
import SafeguardDomain
import SQLKit

/// Domestic homicide reviews in `homicide_reviews`, their recommendations in `homicide_review_recommendations`.
struct SQLHomicideReviewRepository: HomicideReviewRepository {
    let db: any SQLDatabase

    func create(_ r: HomicideReview, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO homicide_reviews (id, title, published_on, area_code, lead_username, lead_user_id, recorded_at)
            VALUES (\(bind: r.id), \(bind: r.title), \(bind: r.publishedOn), \(bind: r.area), \(bind: r.lead), \(bind: byUserID), \(bind: r.recordedAt.epoch))
            """
        ).run()
    }

    func addRecommendation(_ r: HomicideReviewRecommendation) async throws {
        try await db.raw(
            """
            INSERT INTO homicide_review_recommendations (id, review_id, number, text, owner_agency, owner_name, due_on, status, evidence, updated_by,
              updated_at)
            VALUES (\(bind: r.id), \(bind: r.reviewID), \(bind: r.number), \(bind: r.text), \(bind: r.ownerAgency), \(bind: r.ownerName), \(bind: r.dueOn),
              \(bind: r.status.rawValue), \(bind: r.evidence), \(bind: r.updatedBy), \(bind: r.updatedAt.epoch))
            """
        ).run()
    }

    func updateRecommendation(_ r: HomicideReviewRecommendation, expected: HomicideReviewRecommendation.Status) async throws -> Bool {
        try await db.raw(
            """
            UPDATE homicide_review_recommendations SET status = \(bind: r.status.rawValue), evidence = \(bind: r.evidence),
              updated_by = \(bind: r.updatedBy), updated_at = \(bind: r.updatedAt.epoch)
            WHERE id = \(bind: r.id) AND status = \(bind: expected.rawValue) RETURNING id
            """
        ).first() != nil
    }

    func recommendation(id: String) async throws -> HomicideReviewRecommendation? {
        try await db.raw("SELECT * FROM homicide_review_recommendations WHERE id = \(bind: id)").first().map(Self.recommendation)
    }

    func find(id: String) async throws -> HomicideReview? {
        try await withRecommendations(try await db.raw("SELECT * FROM homicide_reviews WHERE id = \(bind: id)").all().map(Self.review)).first
    }

    func all() async throws -> [HomicideReview] {
        try await withRecommendations(
            try await db.raw("SELECT * FROM homicide_reviews ORDER BY published_on DESC, recorded_at DESC, id").all().map(Self.review))
    }

    private static func review(_ row: any SQLRow) throws -> HomicideReview {
        HomicideReview(
            id: try row.string("id"), title: try row.string("title"), publishedOn: try row.string("published_on"), area: try row.optionalString("area_code"),
            lead: try row.string("lead_username"), recordedAt: try row.date("recorded_at"))
    }

    private static func recommendation(_ row: any SQLRow) throws -> HomicideReviewRecommendation {
        HomicideReviewRecommendation(
            id: try row.string("id"), reviewID: try row.string("review_id"), number: try row.int("number"), text: try row.string("text"),
            ownerAgency: try row.string("owner_agency"), ownerName: try row.string("owner_name"), dueOn: try row.string("due_on"),
            status: try row.choice(HomicideReviewRecommendation.Status.self, "status", in: "homicide_review_recommendations"),
            evidence: try row.optionalString("evidence"), updatedBy: try row.string("updated_by"), updatedAt: try row.date("updated_at"))
    }

    private func withRecommendations(_ reviews: [HomicideReview]) async throws -> [HomicideReview] {
        guard !reviews.isEmpty else { return [] }
        var byReview: [String: [HomicideReviewRecommendation]] = [:]
        for row in try await db.raw(
            "SELECT * FROM homicide_review_recommendations WHERE review_id IN (\(binds: reviews.map(\.id))) ORDER BY review_id, number"
        ).all() {
            let r = try Self.recommendation(row)
            byReview[r.reviewID, default: []].append(r)
        }
        return reviews.map {
            var review = $0
            review.recommendations = byReview[review.id] ?? []
            return review
        }
    }
}
