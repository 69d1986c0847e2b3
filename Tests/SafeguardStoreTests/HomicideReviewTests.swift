import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rule 30 on both databases: a domestic homicide review's recommendations recorded with owners and due dates,
/// moved to implemented with evidence, a late one escalating like any task, and the report of which are implemented.
@Suite("Domestic homicide reviews", .serialized)
struct HomicideReviewTests {
    @Test(
        "Rule 30: recommendations are recorded with owners, due dates and status; implemented needs evidence; a late one escalates to its lead's supervisor; the report counts which are implemented and which are late",
        arguments: TestEngine.available)
    func rule30RecommendationsTrackedToImplementation(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let analyst = try await store.actor(.analyst)
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            let today = CalendarDate.string(store.clock.now())
            let in30 = CalendarDate.string(store.clock.now().addingTimeInterval(30 * 86_400))
            let in90 = CalendarDate.string(store.clock.now().addingTimeInterval(90 * 86_400))
            var review = try await store.service.recordHomicideReview(
                team.specialist, draft: HomicideReviewDraft(title: "DHR Northshire 2026/01", publishedOn: today, area: "nth"))
            #expect(review.area == "NTH" && review.lead == team.specialist.user.username && review.recommendations.isEmpty)
            review = try await store.service.addHomicideReviewRecommendation(
                team.specialist, reviewID: review.id,
                draft: RecommendationDraft(
                    text: "Train call handlers to ask about strangulation on every DA call", ownerAgency: "Police", ownerName: "Head of contact management",
                    dueOn: in30))
            review = try await store.service.addHomicideReviewRecommendation(
                team.specialist, reviewID: review.id,
                draft: RecommendationDraft(
                    text: "GPs to ask about abuse at every appointment where injuries are seen", ownerAgency: "Health", ownerName: "CCG safeguarding lead",
                    dueOn: in90))
            #expect(review.recommendations.map(\.number) == [1, 2] && review.recommendations.allSatisfy { $0.status == .open })
            let training = review.recommendations[0], gps = review.recommendations[1]
            let tasks = try await store.service.myWork(team.specialist).tasks.filter { $0.kind == .homicideReviewRecommendation }
            #expect(tasks.count == 2 && tasks.allSatisfy { $0.title.hasPrefix("DHR Northshire 2026/01, recommendation") })

            // Implemented needs its evidence; then it is closed for good and its task is met.
            do {
                _ = try await store.service.updateHomicideReviewRecommendation(
                    team.specialist, recommendationID: training.id, status: "implemented", evidence: nil)
                Issue.record("implemented without evidence was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["evidence"])
            }
            review = try await store.service.updateHomicideReviewRecommendation(
                team.specialist, recommendationID: training.id, status: "implemented",
                evidence: "Training delivered to all 212 call handlers; question added to the call script (audit attached)")
            #expect(review.recommendations[0].status == .implemented && review.recommendations[0].evidence?.hasPrefix("Training") == true)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.updateHomicideReviewRecommendation(
                    team.specialist, recommendationID: training.id, status: "in_progress", evidence: nil)
            }
            review = try await store.service.updateHomicideReviewRecommendation(
                team.specialist, recommendationID: gps.id, status: "in_progress", evidence: "Raised at the practice managers' forum")
            let open = try await store.service.myWork(team.specialist).tasks.filter { $0.kind == .homicideReviewRecommendation }
            #expect(open.count == 1 && open[0].source == "dhr:\(gps.id)")

            // Past its due day and not implemented: late on the report, and its task escalates to the lead's sergeant.
            store.clock.advance(by: 92 * 86_400)
            _ = try await store.service.runClocks()
            #expect(
                try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'homicide_review_recommendation' AND escalated_to IS NOT NULL") == 1)
            let found = try await store.service.homicideReviews(analyst)
            #expect(found.summary.reviews == 1 && found.summary.recommendations == 2 && found.summary.overdue == 1)
            #expect(found.summary.byStatus["implemented"] == 1 && found.summary.byStatus["in_progress"] == 1 && found.summary.implementedShare == 0.5)
            let csv = try await store.service.homicideReviewsCSV(analyst)
            #expect(csv.hasPrefix("review,published_on,area,number,recommendation,owner_agency,owner_name,due_on,status,overdue,evidence\n"))
            #expect(csv.contains("DHR Northshire 2026/01,\(today),NTH,2,") && csv.contains(",in_progress,yes,"))

            // Leaders read the reviews; analysts read but do not record; an officer is refused.
            let leader = try await store.actor(.seniorLeader)
            #expect(try await store.service.homicideReviews(leader).reviews.count == 1)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordHomicideReview(analyst, draft: HomicideReviewDraft(title: "X", publishedOn: today, area: nil))
            }
            await #expect(throws: DomainError.self) { _ = try await store.service.homicideReviews(team.officer) }
        }
    }
}
