import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 30 over HTTP: the DA specialist records a review and its recommendations on the pages and moves one on; the
/// senior leader reads them and the CSV; the API answers the same; roles that only read are refused the forms.
@Suite("Domestic homicide reviews over HTTP", .serialized)
struct HomicideReviewWebTests {
    @Test(
        "Rule 30: a review and its recommendations recorded and moved on through the pages; read by the leader with the CSV; the API the same",
        arguments: TestEngine.available)
    func rule30ReviewsOnThePagesAndTheAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.daSpecialist, username: "das")
            try await store.actor(.seniorLeader, username: "lead")
            try await store.actor(.analyst, username: "an")
            let today = CalendarDate.string(store.clock.now())
            let due = CalendarDate.string(store.clock.now().addingTimeInterval(60 * 86_400))
            let das = try await signIn(client, username: "das", password: "das-test-password")
            let bad = try await client.execute(
                uri: "/homicide-reviews", method: .post, headers: das.formHeaders,
                body: form([("_csrf", das.csrf), ("title", ""), ("published_on", "2099-01-01")]))
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("href=\"#title\""))
            let made = try await client.execute(
                uri: "/homicide-reviews", method: .post, headers: das.formHeaders,
                body: form([("_csrf", das.csrf), ("title", "DHR Northshire 2026/02"), ("published_on", today), ("area", "")]))
            let location = try #require(made.headers[.location])
            let added = try await client.execute(
                uri: "\(location)/recommendations", method: .post, headers: das.formHeaders,
                body: form([
                    ("_csrf", das.csrf), ("text", "Refer every strangulation disclosure to the DA specialist"), ("owner_agency", "Police"),
                    ("owner_name", "DA lead"), ("due_on", due)
                ]))
            #expect(added.status == .seeOther || added.status == .found)
            let page = String(buffer: try await client.execute(uri: location, method: .get, headers: das.headers).body)
            #expect(
                page.contains("Refer every strangulation disclosure") && page.contains("DA lead, Police")
                    && page.contains("Record progress on recommendation 1"))
            let reviewID = location.split(separator: "/").last.map(String.init) ?? ""
            let review = try await store.service.homicideReview(try await store.actor(.daSpecialist, username: "das2"), id: reviewID)
            let recommendation = try #require(review.recommendations.first)
            let moved = try await client.execute(
                uri: "\(location)/recommendations/\(recommendation.id)", method: .post, headers: das.formHeaders,
                body: form([("_csrf", das.csrf), ("status", "implemented"), ("evidence", "")]))
            #expect(moved.status == .unprocessableContent && String(buffer: moved.body).contains("href=\"#evidence\""))
            _ = try await client.execute(
                uri: "\(location)/recommendations/\(recommendation.id)", method: .post, headers: das.formHeaders,
                body: form([("_csrf", das.csrf), ("status", "implemented"), ("evidence", "Policy issued 1 June; all referrals audited monthly")]))

            let leader = try await signIn(client, username: "lead", password: "lead-test-password")
            let list = String(buffer: try await client.execute(uri: "/homicide-reviews", method: .get, headers: leader.headers).body)
            #expect(list.contains("DHR Northshire 2026/02") && list.contains("1 of 1") && !list.contains("Record the review"))
            let leaderPage = String(buffer: try await client.execute(uri: location, method: .get, headers: leader.headers).body)
            #expect(leaderPage.contains("Implemented") && leaderPage.contains("Policy issued 1 June") && !leaderPage.contains("Add the recommendation"))
            let csv = try await client.execute(uri: "/homicide-reviews/recommendations.csv", method: .get, headers: leader.headers)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && String(buffer: csv.body).contains(",implemented,no,Policy issued 1 June"))
            let refused = try await client.execute(
                uri: "/homicide-reviews", method: .post, headers: leader.formHeaders,
                body: form([("_csrf", leader.csrf), ("title", "X"), ("published_on", today)]))
            #expect(refused.status == .forbidden)

            let api = try await client.execute(uri: "/api/v1/homicide-reviews", method: .get, headers: try await bearer(store, "an"))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            let summary = try #require(body["summary"] as? [String: Any])
            #expect(api.status == .ok && summary["recommendations"] as? Int == 1 && summary["implemented_share"] as? Double == 1)
            let posted = try await client.execute(
                uri: "/api/v1/homicide-reviews", method: .post, headers: try await bearer(store, "an"),
                body: ByteBuffer(string: #"{"title":"DHR X","published_on":"\#(today)"}"#))
            #expect(posted.status == .forbidden)
            let created = try await client.execute(
                uri: "/api/v1/homicide-reviews", method: .post, headers: try await bearer(store, "das"),
                body: ByteBuffer(string: #"{"title":"DHR Southshire 2026/01","published_on":"\#(today)"}"#))
            #expect(created.status == .created)
        }
    }
}
