import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import SafeguardWeb
import Testing

/// Issue 24, part 5: `/metrics` for the force's monitoring — requests by route pattern and status, their latency, the
/// queues and the database — with no personal data in any label; behind a token when one is configured.
@Suite("Operating it over HTTP", .serialized)
struct OperationsWebTests {
    @Test("/metrics counts requests by route pattern and status and shows the queues, with no record id or name anywhere", arguments: TestEngine.available)
    func metricsHoldNoPersonalData(engine: TestEngine) async throws {
        try await withApp(engine, configuration: WebConfiguration(metricsToken: "monitoring-token-for-tests")) { store, client in
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let person = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist"))
            let token = try await bearer(store, "pc")
            #expect(try await client.execute(uri: "/api/v1/people/\(person.id)", method: .get, headers: token).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/people?name=Lindqvist", method: .get, headers: token).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/audit", method: .get, headers: token).status == .forbidden)
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            var monitoring = HTTPFields()
            monitoring[.authorization] = "Bearer monitoring-token-for-tests"
            let scrape = try await client.execute(uri: "/metrics", method: .get, headers: monitoring)
            let text = String(buffer: scrape.body)
            #expect(scrape.status == .ok && scrape.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(text.contains(#"safeguard_http_requests_total{method="GET",route="/api/v1/people/{id}",status="200"} 1"#))
            #expect(text.contains("safeguard_http_request_duration_seconds_bucket"))
            // A refusal is counted as what it answered (403), not as a server error.
            #expect(text.contains(#"safeguard_http_requests_total{method="GET",route="/api/v1/audit",status="403"} 1"#) && !text.contains(#"status="500""#))
            #expect(text.contains("safeguard_live_calls_count 0") && text.contains("safeguard_database_up_bool 1"))
            // The connection pool: how many it may open, and (between requests) none held or waited for.
            #expect(text.contains("safeguard_database_connections_in_use_count 0") && text.contains("safeguard_database_connections_waiting_count 0"))
            #expect(text.contains("safeguard_database_connections_capacity_count") && !text.contains("safeguard_database_connections_capacity_count 0\n"))
            for secret in [person.id, "Lindqvist", "Maya"] { #expect(!text.contains(secret), "metrics hold \(secret)") }
        }
    }
}
