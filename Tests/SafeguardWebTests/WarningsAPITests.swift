import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Warnings over the API", .serialized)
struct WarningsAPITests {
    @Test(
        "Rule 3 over HTTP: a warning added to a person (201) shows on her record, ends with a reason and stays in its history; a bad kind is 422 naming the field; an analyst is 403",
        arguments: TestEngine.available)
    func rule3WarningsOverTheAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            try await store.actor(.analyst, username: "an")
            let person = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Rob", surname: "Kane", dateOfBirth: "1988-08-08"))
            let headers = try await bearer(store, "ch")

            let added = try await client.execute(
                uri: "/api/v1/people/\(person.id)/warnings", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"kind":"firearms","note":"Shotgun certificate holder","expires_on":"2099-12-31"}"#))
            #expect(added.status == .created)
            let warning = try JSONSerialization.jsonObject(with: Data(buffer: added.body)) as? [String: Any]
            let id = try #require(warning?["id"] as? String)
            #expect(warning?["kind"] as? String == "firearms" && warning?["added_by"] as? String == "ch")

            let bad = try await client.execute(
                uri: "/api/v1/people/\(person.id)/warnings", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"kind":"unicorns","note":"Sees unicorns"}"#))
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains(#""field":"kind""#))
            let refused = try await client.execute(
                uri: "/api/v1/people/\(person.id)/warnings", method: .post, headers: try await bearer(store, "an"),
                body: ByteBuffer(string: #"{"kind":"dogs","note":"Two dogs loose"}"#))
            #expect(refused.status == .forbidden)

            let ended = try await client.execute(
                uri: "/api/v1/warnings/\(id)/end", method: .post, headers: headers, body: ByteBuffer(string: #"{"reason":"Certificate revoked"}"#))
            #expect(ended.status == .ok)
            #expect(String(buffer: ended.body).contains(#""end_reason":"Certificate revoked""#))
            let record = try await client.execute(uri: "/api/v1/people/\(person.id)", method: .get, headers: headers)
            #expect(String(buffer: record.body).contains(#""end_reason":"Certificate revoked""#))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM warnings") == 1)
        }
    }
}
