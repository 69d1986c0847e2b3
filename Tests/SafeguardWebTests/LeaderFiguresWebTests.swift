import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rules 31 and 32 over HTTP: leaders' figures with their charts and tables, the analysts' charts, the CSV of each
/// chart's numbers, and the senior leader refused every page and endpoint that shows a person.
@Suite("Leaders' figures over HTTP", .serialized)
struct LeaderFiguresWebTests {
    /// Every page a signed-in user can ask for that is not about the figures or the account itself.
    static let personalPages = [
        "/people", "/people/new", "/people/x", "/people/x/edit", "/addresses", "/addresses/x", "/areas/NTH/briefing", "/briefing", "/calls/new",
        "/calls/matches", "/cases/x", "/cases/awaiting-owner", "/control-room", "/control-room/alerts", "/disclosures", "/disclosures/x", "/idva",
        "/incidents/x", "/incidents/x/briefing", "/incidents/x/counter-allegation", "/incidents/x/risk-assessments/new", "/incidents/x/scene/new",
        "/links", "/marac/meetings", "/marac/meetings/x", "/marac/referrals", "/my-work", "/perpetrators", "/reviews", "/shared", "/shared/cases/x",
        "/users", "/figures", "/figures/caseload", "/figures/chart.csv?chart=incidents&from=2025-01-01&to=2026-01-01", "/marac/figures"
    ]

    static func call(_ victim: String) -> CallDraft {
        CallDraft(
            channel: "999", relationship: "ex_partner",
            parties: [
                CallPartyDraft(role: "victim", personID: victim),
                CallPartyDraft(role: "suspect", newPerson: PersonDraft(firstName: "Carl", surname: "Brook", dateOfBirth: "1988-05-06", sex: "male"))
            ],
            immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
    }

    @Test(
        "Rule 32: the senior leader reads a year's figures with small numbers suppressed, charts with their tables and each chart's CSV — and is refused every page and endpoint that shows a person",
        arguments: TestEngine.available)
    func rule32LeaderPagesAndRefusals(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            try await store.actor(.seniorLeader, username: "lead")
            try await store.actor(.analyst, username: "an")
            let victim = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Zenobia", surname: "Brookhaven", dateOfBirth: "1990-01-02"))
            _ = try await store.service.openIncident(handler, draft: Self.call(victim.id))
            let now = store.clock.now()
            let year = String(Calendar(identifier: .gregorian).component(.year, from: now))
            // Leaders see completed periods only: into the next year, so this one is over.
            store.clock.advance(by: 60 * 86_400)
            let leaderActor = try await store.actor(.seniorLeader, username: "lead2")
            await #expect(throws: DomainError.self) { _ = try await store.service.leaderFigures(leaderActor, period: "\(Int(year)! + 1)", area: nil) }

            let leader = try await signIn(client, username: "lead", password: "lead-test-password")
            let home = String(buffer: try await client.execute(uri: "/", method: .get, headers: leader.headers).body)
            #expect(home.contains("href=\"/figures/summary\""))
            let page = try await client.execute(uri: "/figures/summary?period=\(year)", method: .get, headers: leader.headers)
            let text = String(buffer: page.body)
            #expect(page.status == .ok && text.contains("DA incidents</th><td>fewer than 10</td>") && !text.contains("Brook") && !text.contains("Zenobia"))
            // Each chart drawn on the server, named and described for screen readers, with its table and its numbers.
            for chart in ["incidents", "repeat-and-arrests", "crimes-by-type", "caseload"] {
                #expect(text.contains("aria-labelledby=\"chart-\(chart)-title chart-\(chart)-desc\""))
                #expect(text.contains("href=\"/figures/summary.csv?chart=\(chart)&amp;period=\(year)\""))
            }
            #expect(text.contains("<caption>DA incidents and crimes by month</caption>"))
            let csv = try await client.execute(uri: "/figures/summary.csv?chart=incidents&period=\(year)", method: .get, headers: leader.headers)
            let csvText = String(buffer: csv.body)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && csvText.hasPrefix("month,DA incidents,DA crimes\n\(year)-01,"))
            #expect(csvText.contains("fewer than 10") && csvText.split(separator: "\n").count == 13)
            let all = String(buffer: try await client.execute(uri: "/figures/summary.csv?period=\(year)", method: .get, headers: leader.headers).body)
            #expect(all.hasPrefix("group,measure,value\n") && all.contains("\"Incidents, crimes and victims\",DA incidents,fewer than 10"))
            let bad = try await client.execute(uri: "/figures/summary?period=\(year)-01-01", method: .get, headers: leader.headers)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("href=\"#period\""))

            let api = try await client.execute(uri: "/api/v1/figures/summary?period=\(year)", method: .get, headers: try await bearer(store, "lead"))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            #expect(api.status == .ok && body["da_incidents"] as? String == "fewer than 10" && body["threshold"] as? Int == 9)
            #expect((body["months"] as? [Any])?.count == 12 && body["arrests_per_100_crimes"] == nil)

            // The matrix: every page that shows people refuses the leader, and so does every endpoint but the figures'.
            for path in Self.personalPages {
                var response = try await client.execute(uri: path, method: .get, headers: leader.headers)
                // A redirect is followed to where it leads: that page must refuse.
                if response.status == .seeOther, let location = response.headers[.location] {
                    response = try await client.execute(uri: location, method: .get, headers: leader.headers)
                }
                #expect(response.status == .forbidden, "\(path) answered the senior leader with \(response.status)")
            }
            let spec = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: try await client.execute(uri: "/api/openapi.json", method: .get).body))
                    as? [String: Any])
            let paths = try #require(spec["paths"] as? [String: [String: Any]])
            let token = try await bearer(store, "lead")
            // The figures, the account, the force's published question sets and toolkit, and homicide reviews (published
            // anonymised; their recommendations are the leaders' to see through), which name nobody.
            let open: Set<String> = [
                "/api/v1/figures/summary", "/api/v1/me", "/health", "/api/v1/safety-toolkit", "/api/v1/risk-instruments/{id}", "/api/v1/homicide-reviews",
                "/api/v1/homicide-reviews/{id}", "/api/v1/homicide-reviews/recommendations.csv"
            ]
            for (path, operations) in paths.sorted(by: { $0.key < $1.key }) where operations["get"] != nil && !open.contains(path) {
                let uri = path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
                let response = try await client.execute(uri: uri, method: .get, headers: token)
                #expect(response.status == .forbidden, "GET \(path) answered the senior leader with \(response.status)")
            }

            // The analysts' page draws the same figures month by month, each chart with its CSV.
            let analyst = try await signIn(client, username: "an", password: "an-test-password")
            let figures = String(
                buffer: try await client.execute(uri: "/figures?from=\(year)-01-01&to=\(Int(year)! + 1)-01-01", method: .get, headers: analyst.headers).body)
            for chart in ["incidents", "caseload", "repeat-share", "arrest-rate", "outcomes"] { #expect(figures.contains("id=\"chart-\(chart)\"")) }
            let series = try await client.execute(
                uri: "/figures/chart.csv?chart=caseload&from=\(year)-01-01&to=\(Int(year)! + 1)-01-01", method: .get, headers: analyst.headers)
            #expect(String(buffer: series.body).hasPrefix("month,High,Medium,Standard (and not yet assessed)\n\(year)-01,"))
            let unknown = try await client.execute(
                uri: "/figures/chart.csv?chart=pie&from=\(year)-01-01&to=\(Int(year)! + 1)-01-01", method: .get, headers: analyst.headers)
            #expect(unknown.status == .unprocessableContent || unknown.status == .badRequest)
            let monthly = try await client.execute(
                uri: "/api/v1/figures/monthly?from=\(year)-01-01&to=\(Int(year)! + 1)-01-01", method: .get, headers: try await bearer(store, "an"))
            let months = try #require((try JSONSerialization.jsonObject(with: Data(buffer: monthly.body)) as? [String: Any])?["months"] as? [[String: Any]])
            #expect(months.count == 12 && months.map { $0["da_incidents"] as? Int ?? 0 }.reduce(0, +) == 1)
        }
    }
}
