import Foundation
import SafeguardDomain
import Testing

/// Rule 30's rules: what a review and a recommendation need, evidence to close one, and which are late.
@Suite("Domestic homicide review rules")
struct HomicideReviewRulesTests {
    static let review = HomicideReview(id: "r", title: "DHR 2026/01", publishedOn: "2026-03-01", area: nil, lead: "das", recordedAt: .distantPast)

    @Test("Rule 30: a review needs its name and a published day not in the future; a recommendation its text, owner and a due day")
    func rule30WhatEachNeeds() throws {
        do {
            _ = try HomicideReviewRules.check(HomicideReviewDraft(title: " ", publishedOn: "2027-01-01", area: nil), today: "2026-06-01")
            Issue.record("an empty review was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(errors.map(\.field) == ["title", "published_on"])
        }
        do {
            _ = try HomicideReviewRules.check(RecommendationDraft(text: "Train", ownerAgency: nil, ownerName: "", dueOn: "2026-02-01"), review: Self.review)
            Issue.record("a recommendation without an owner was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(errors.map(\.field) == ["owner_agency", "owner_name", "due_on"])
        }
        let ok = try HomicideReviewRules.check(
            RecommendationDraft(text: "Train", ownerAgency: "Police", ownerName: "Head of contact", dueOn: "01/09/2026"), review: Self.review)
        #expect(ok.dueOn == "2026-09-01")
    }

    @Test("Rule 30: implemented needs evidence and not accepted its reasons; a closed recommendation stays closed; late means past due and not closed")
    func rule30ClosingNeedsEvidence() throws {
        #expect(throws: DomainError.self) { _ = try HomicideReviewRules.check(status: "implemented", evidence: "done", current: .open) }
        #expect(throws: DomainError.self) { _ = try HomicideReviewRules.check(status: "not_accepted", evidence: nil, current: .inProgress) }
        #expect(throws: DomainError.self) { _ = try HomicideReviewRules.check(status: "in_progress", evidence: nil, current: .implemented) }
        #expect(throws: DomainError.self) { _ = try HomicideReviewRules.check(status: "finished", evidence: nil, current: .open) }
        #expect(try HomicideReviewRules.check(status: "in_progress", evidence: nil, current: .open).status == .inProgress)
        var r = HomicideReviewRecommendation(
            id: "1", reviewID: "r", number: 1, text: "Train", ownerAgency: "Police", ownerName: "Head", dueOn: "2026-06-01", status: .open, evidence: nil,
            updatedBy: "das", updatedAt: .distantPast)
        #expect(!r.overdue(on: "2026-06-01") && r.overdue(on: "2026-06-02"))
        r.status = .implemented
        #expect(!r.overdue(on: "2026-06-02"))
        var review = Self.review
        review.recommendations = [
            r,
            HomicideReviewRecommendation(
                id: "2", reviewID: "r", number: 2, text: "Ask", ownerAgency: "Health", ownerName: "Lead", dueOn: "2026-05-01", status: .open, evidence: nil,
                updatedBy: "das", updatedAt: .distantPast)
        ]
        let summary = HomicideReviewRules.summary([review], today: "2026-06-02")
        #expect(summary.recommendations == 2 && summary.overdue == 1 && summary.implementedShare == 0.5 && summary.byStatus["open"] == 1)
    }
}
