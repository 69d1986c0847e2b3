import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 31's figures on the page and over the API: the same numbers, the contract's keys, bad periods named.
@Suite("The force's figures over HTTP", .serialized)
struct FiguresWebTests {
    @Test(
        "Rule 31: an analyst reads the figures for a period on the page and over the API; a bad period is named; other roles are refused",
        arguments: TestEngine.available)
    func figuresPageAndAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            try await store.actor(.analyst, username: "an")
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Ada", surname: "Brook", dateOfBirth: "1990-01-02"))
            let call = CallDraft(
                channel: "999", relationship: "ex_partner",
                parties: [
                    CallPartyDraft(role: "victim", personID: victim.id),
                    CallPartyDraft(role: "suspect", newPerson: PersonDraft(firstName: "Carl", surname: "Brook", dateOfBirth: "1988-05-06", sex: "male"))
                ],
                immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
            _ = try await store.service.openIncident(handler, draft: call)
            let day = CalendarDate.string(store.clock.now())
            let next = CalendarDate.string(store.clock.now().addingTimeInterval(86_400))

            let analyst = try await signIn(client, username: "an", password: "an-test-password")
            let page = try await client.execute(uri: "/figures?from=\(day)&to=\(next)&area=", method: .get, headers: analyst.headers)
            let text = String(buffer: page.body)
            #expect(page.status == .ok && text.contains("DA incidents</th><td>1</td>") && text.contains("Victims (different people)</th><td>1</td>"))
            let bad = try await client.execute(uri: "/figures?from=\(next)&to=\(day)", method: .get, headers: analyst.headers)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("ends before it starts"))

            let api = try await client.execute(uri: "/api/v1/figures?from=\(day)&to=\(next)", method: .get, headers: try await bearer(store, "an"))
            #expect(api.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            for key in [
                "da_incidents", "da_crimes", "crimes_by_type", "victims", "victims_by_sex", "victims_by_ethnicity", "repeat_victim_incidents",
                "repeat_victim_incident_share", "repeat_victims", "arrests", "outcomes", "positive_outcomes", "caseload", "marac", "satisfaction"
            ] {
                #expect(body.keys.contains(key), "\(key)")
            }
            #expect(
                body["da_incidents"] as? Int == 1 && (body["satisfaction"] as? [String: Any])?["surveys"] as? Int == 0 && body["arrests_per_100_crimes"] == nil)
            #expect(text.contains("/figures/annex-d.csv?from=\(day)&amp;to=\(next)"))
            let annex = try await client.execute(uri: "/figures/annex-d.csv?from=\(day)&to=\(next)", method: .get, headers: analyst.headers)
            let csv = String(buffer: annex.body)
            #expect(annex.status == .ok && annex.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(
                csv.hasPrefix("measure,value\n") && csv.contains("calls_for_assistance_with_da_marker,fewer than 10") && csv.contains("da_crimes_harassment,"))
            // The MARAC figures page's download works in the browser too.
            let safeLives = try await client.execute(uri: "/marac/return.csv?quarter=2026-Q1", method: .get, headers: analyst.headers)
            #expect(safeLives.status == .ok && String(buffer: safeLives.body).hasPrefix("measure,"))
            let byToken = try await client.execute(
                uri: "/api/v1/figures/annex-d.csv?from=\(day)&to=\(next)", method: .get, headers: try await bearer(store, "an"))
            #expect(String(buffer: byToken.body) == csv)
            let refused = try await client.execute(uri: "/api/v1/figures?from=\(day)&to=\(next)", method: .get, headers: try await bearer(store, "ch"))
            #expect(refused.status == .forbidden)
        }
    }

    @Test(
        "Rule 31: the analyst types in other crime's monthly totals on the page and the API; a bad month is named; the figures page compares them, labelled as reference data",
        arguments: TestEngine.available)
    func referenceTotalsOnThePage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.analyst, username: "an")
            try await store.actor(.daSpecialist, username: "das")
            let analyst = try await signIn(client, username: "an", password: "an-test-password")
            let empty = String(buffer: try await client.execute(uri: "/figures/reference?year=2025", method: .get, headers: analyst.headers).body)
            #expect(empty.contains("No months entered for 2025") && empty.contains("for=\"outcome_charge\""))
            let bad = try await client.execute(
                uri: "/figures/reference", method: .post, headers: analyst.formHeaders,
                body: form([("_csrf", analyst.csrf), ("month", "March"), ("category", "violent"), ("crimes", "400"), ("outcome_charge", "eighty")]))
            let badText = String(buffer: bad.body)
            #expect(bad.status == .unprocessableContent && badText.contains("href=\"#outcome_charge\""))
            let bad2 = try await client.execute(
                uri: "/figures/reference", method: .post, headers: analyst.formHeaders,
                body: form([("_csrf", analyst.csrf), ("month", "March"), ("category", "violent"), ("crimes", "400")]))
            #expect(bad2.status == .unprocessableContent && String(buffer: bad2.body).contains("href=\"#month\""))
            let saved = try await client.execute(
                uri: "/figures/reference", method: .post, headers: analyst.formHeaders,
                body: form([
                    ("_csrf", analyst.csrf), ("month", "2025-03"), ("category", "victim_based"), ("crimes", "1200"), ("outcome_charge", "120")
                ]))
            #expect(saved.headers[.location] == "/figures/reference?year=2025")
            let page = String(buffer: try await client.execute(uri: "/figures/reference?year=2025", method: .get, headers: analyst.headers).body)
            #expect(page.contains("<th scope=\"row\">2025-03</th><td>All victim-based crime</td><td>1200</td><td>120</td>"))
            let figures = String(
                buffer: try await client.execute(uri: "/figures?from=2025-03-01&to=2025-04-01", method: .get, headers: analyst.headers).body)
            #expect(figures.contains("All victim-based crime: charged</th><td>10.0%") && figures.contains("typed in by the force"))
            #expect(figures.contains("Violence against the person</th><td>not supplied"))

            let api = try await client.execute(
                uri: "/api/v1/figures/reference", method: .post, headers: try await bearer(store, "an"),
                body: ByteBuffer(string: #"{"month":"2025-03","category":"violent","crimes":300,"outcomes":{"charge":60}}"#))
            #expect(api.status == .created)
            let refused = try await client.execute(
                uri: "/api/v1/figures/reference", method: .post, headers: try await bearer(store, "das"),
                body: ByteBuffer(string: #"{"month":"2025-03","category":"violent","crimes":300}"#))
            #expect(refused.status == .forbidden)
        }
    }
}
