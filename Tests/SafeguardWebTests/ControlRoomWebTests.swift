import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Issue 20 part 8 over HTTP: the live queue updates itself without a full-page refresh, and calls end through the
/// incident page and the API.
@Suite("Live queue and ending calls over HTTP", .serialized)
struct ControlRoomWebTests {
    static let why = "Caller rang back: she is safe at her sister's in Leeds and the ex-partner is in custody for another matter."

    static func flaggedCall(_ store: TestStore, _ handler: Actor, fear: String = "terrified", weapons: String = "yes") async throws -> String {
        let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02"))
        let draft = CallDraft(
            channel: "999", caller: "victim", setting: "urban", relationship: "ex_partner", abuseTypes: ["physical"], summary: "Door kicked in.",
            parties: [CallPartyDraft(role: "victim", personID: victim.id)], immediateDanger: "no", suspectLocation: "left", injuries: "no",
            weapons: weapons, childrenPresent: "no", fear: fear)
        return try await store.service.openIncident(handler, draft: draft).incident.id
    }

    @Test(
        "Issue 20: the live queue has no full-page refresh — the list alone is served for the page to swap in, with a plain link to refresh",
        arguments: TestEngine.available)
    func liveQueueUpdatesWithoutPageRefresh(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            try await store.actor(.controlRoomSupervisor, username: "sup")
            let id = try await Self.flaggedCall(store, handler)
            let supervisor = try await signIn(client, username: "sup", password: "sup-test-password")
            let page = String(buffer: try await client.execute(uri: "/control-room", method: .get, headers: supervisor.headers).body)
            #expect(!page.contains("http-equiv=\"refresh\""))
            #expect(page.contains("data-live-queue=\"/control-room/alerts\""))
            #expect(page.contains("<a href=\"/control-room\""))
            #expect(page.contains("aria-live=\"polite\""))
            #expect(page.contains("/incidents/\(id)"))

            let list = try await client.execute(uri: "/control-room/alerts", method: .get, headers: supervisor.headers)
            let fragment = String(buffer: list.body)
            #expect(list.status == .ok)
            #expect(!fragment.contains("<html") && fragment.contains("Potential high risk") && fragment.contains("data-count=\"1\""))
            #expect(fragment.contains("name=\"_csrf\" value=\"\(supervisor.csrf)\""))

            let handlerBrowser = try await signIn(client, username: "ch", password: "ch-test-password")
            let refused = try await client.execute(uri: "/control-room/alerts", method: .get, headers: handlerBrowser.headers)
            #expect(refused.status == .forbidden)
        }
    }

    @Test(
        "Issue 20: a call ends on the incident page — a bare reason is refused beside its field; who and why are shown; the queue empties",
        arguments: TestEngine.available)
    func callEndsOnTheIncidentPage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            let supervisorActor = try await store.actor(.controlRoomSupervisor, username: "sup")
            let id = try await Self.flaggedCall(store, handler, fear: "quite", weapons: "no")
            store.clock.advance(by: 31 * 60)
            #expect(try await store.service.controlRoomQueue(supervisorActor).count == 1)
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            let before = String(buffer: try await client.execute(uri: "/incidents/\(id)", method: .get, headers: browser.headers).body)
            #expect(before.contains("action=\"/incidents/\(id)/close\"") && before.contains("value=\"resolved_by_phone\""))
            #expect(!before.contains("<option value=\"closed\""))

            let bare = try await client.execute(
                uri: "/incidents/\(id)/close", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("outcome", "resolved_by_phone"), ("reason", "suspect has left")]))
            #expect(bare.status == .unprocessableContent)
            let refusedPage = String(buffer: bare.body)
            #expect(refusedPage.contains("href=\"#closure_reason\""))
            #expect(try await store.service.controlRoomQueue(supervisorActor).count == 1)

            let ended = try await client.execute(
                uri: "/incidents/\(id)/close", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("outcome", "resolved_by_phone"), ("reason", Self.why)]))
            #expect(ended.status == .seeOther || ended.status == .found)
            let after = String(buffer: try await client.execute(uri: "/incidents/\(id)", method: .get, headers: browser.headers).body)
            #expect(after.contains("Resolved by phone by ch"))
            #expect(!after.contains("action=\"/incidents/\(id)/close\"") && !after.contains("Record dispatch now"))
            #expect(try await store.service.controlRoomQueue(supervisorActor).isEmpty)
        }
    }

    @Test(
        "Issue 20: POST /api/v1/incidents/{id}/close — a handler may not stand down a flagged emergency, a supervisor may; bad input names the field",
        arguments: TestEngine.available)
    func callEndsOverTheAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            try await store.actor(.controlRoomSupervisor, username: "sup")
            let id = try await Self.flaggedCall(store, handler)
            let body = ByteBuffer(string: #"{"outcome":"cancelled","reason":"\#(Self.why)"}"#)
            let byHandler = try await client.execute(
                uri: "/api/v1/incidents/\(id)/close", method: .post, headers: try await bearer(store, "ch"), body: body)
            #expect(byHandler.status == .unprocessableContent)
            #expect(String(buffer: byHandler.body).contains(#""field":"outcome""#))
            let unknown = try await client.execute(
                uri: "/api/v1/incidents/\(id)/close", method: .post, headers: try await bearer(store, "sup"),
                body: ByteBuffer(string: #"{"outcome":"abandoned","reason":"x"}"#))
            #expect(unknown.status == .unprocessableContent)
            #expect(String(buffer: unknown.body).contains(#""field":"outcome""#))

            let bySupervisor = try await client.execute(
                uri: "/api/v1/incidents/\(id)/close", method: .post, headers: try await bearer(store, "sup"), body: body)
            #expect(bySupervisor.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: bySupervisor.body)) as? [String: Any]
            let closure = json?["closure"] as? [String: Any]
            #expect(closure?["kind"] as? String == "cancelled" && closure?["by_username"] as? String == "sup")
            #expect(json?["high_risk_acknowledged_by"] as? String == "sup")
            let queue = try await client.execute(uri: "/api/v1/control-room/queue", method: .get, headers: try await bearer(store, "sup"))
            #expect(String(buffer: queue.body) == #"{"alerts":[]}"#)
        }
    }
}
