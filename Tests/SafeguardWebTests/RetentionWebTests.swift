import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 34 over the API: the queue, a review, a second auditor's approval, and a request logged and answered — the
/// same acts the pages offer, as JSON, with bad input named by field and nothing written.
@Suite("Retention and requests for information over HTTP", .serialized)
struct RetentionWebTests {
    @Test(
        "Rule 34: an auditor marks a due record for disposal through the API and a second auditor approves it; a request is logged and answered with what was disclosed",
        arguments: TestEngine.available)
    func retentionAndRequestsThroughTheAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (ada, _) = try await store.closedCase(name: "Ada", safe: nil)
            _ = try await store.actor(.auditor, username: "first")
            _ = try await store.actor(.auditor, username: "second")
            store.clock.advance(by: 7 * 366 * 86_400)
            // Tokens issued now: one from seven years ago would long have lapsed.
            let (first, second) = (try await bearer(store, "first"), try await bearer(store, "second"))
            func json(_ response: TestResponse) throws -> [String: Any] {
                try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            }
            let queue = try json(try await client.execute(uri: "/api/v1/retention/queue", method: .get, headers: first))
            #expect((queue["due"] as? [[String: Any]])?.compactMap { $0["person_id"] as? String } == [ada])
            // No reason: 422 naming it, nothing decided.
            let bad = try await client.execute(
                uri: "/api/v1/retention/people/\(ada)/review", method: .post, headers: first, body: ByteBuffer(string: #"{"decision": "mark_for_disposal"}"#))
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("\"reason\""))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM retention_decisions") == 0)
            let marked = try await client.execute(
                uri: "/api/v1/retention/people/\(ada)/review", method: .post, headers: first,
                body: ByteBuffer(string: #"{"decision": "mark_for_disposal", "reason": "Clear of police notice for seven years."}"#))
            let markedStatus = try json(marked)["status"] as? String
            #expect(marked.status == .ok && markedStatus == "awaiting_approval")
            let own = try await client.execute(
                uri: "/api/v1/retention/people/\(ada)/disposal", method: .post, headers: first,
                body: ByteBuffer(string: #"{"approve": true, "reason": "Approving my own proposal."}"#))
            #expect(own.status == .forbidden)
            let approved = try await client.execute(
                uri: "/api/v1/retention/people/\(ada)/disposal", method: .post, headers: second,
                body: ByteBuffer(string: #"{"approve": true, "reason": "Agreed: no policing purpose remains."}"#))
            let standing = try json(approved)
            #expect(approved.status == .ok && standing["status"] as? String == "disposed" && standing["name"] as? String == "Disposed record")

            // A request about another woman, logged and answered.
            let officer = try await store.actor(.responseOfficer)
            let cara = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Cara", surname: "Lane"))
            let today = CalendarDate.string(store.clock.now())
            let missing = try await client.execute(
                uri: "/api/v1/information-requests", method: .post, headers: first, body: ByteBuffer(string: #"{"kind": "subject_access"}"#))
            #expect(missing.status == .unprocessableContent && String(buffer: missing.body).contains("\"person_id\""))
            let logged = try await client.execute(
                uri: "/api/v1/information-requests", method: .post, headers: first,
                body: ByteBuffer(
                    string:
                        #"{"kind": "disclosure", "person_id": "\#(cara.id)", "requester": "Northshire Family Court", "basis": "Court order 2026/114", "received_on": "\#(today)"}"#
                ))
            #expect(logged.status == .created)
            let id = try #require((try json(logged))["id"] as? String)
            let answered = try await client.execute(
                uri: "/api/v1/information-requests/\(id)/answer", method: .post, headers: second,
                body: ByteBuffer(string: #"{"outcome": "refused", "withheld": "All of it: the order names a different child."}"#))
            let answeredStatus = try json(answered)["status"] as? String
            #expect(answered.status == .ok && answeredStatus == "refused")
            let list = try json(try await client.execute(uri: "/api/v1/information-requests?person_id=\(cara.id)", method: .get, headers: first))
            #expect((list["items"] as? [[String: Any]])?.count == 1)
        }
    }
}
