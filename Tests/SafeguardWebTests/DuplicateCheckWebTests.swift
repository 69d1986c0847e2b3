import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("The match check before a new person", .serialized)
struct DuplicateCheckWebTests {
    @Test(
        "Rule 1, one match check: a new person through the API, a call's new_person or the person form, who may already be on record, is refused (409 with the candidates) and nothing is written — until the caller confirms someone new",
        arguments: TestEngine.available)
    func likelyDuplicateRefusedUntilConfirmed(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            let her = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Rebecca", surname: "Okonkwo", dateOfBirth: "1987-06-14", phones: ["07700 900314"]))
            let headers = try await bearer(store, "ch")
            let people = try await store.count("SELECT COUNT(*) AS n FROM people")

            let refused = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"first_name":"Becky","surname":"Okonkwo","date_of_birth":"1987-06-14","phones":["07700900314"]}"#))
            #expect(refused.status == .conflict)
            let problem = try JSONSerialization.jsonObject(with: Data(buffer: refused.body)) as? [String: Any]
            let candidates = problem?["candidates"] as? [[String: Any]] ?? []
            #expect(candidates.contains { ($0["person"] as? [String: Any])?["id"] as? String == her.id })
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == people)

            let call = """
                {"channel":"999","relationship":"intimate_partner","immediate_danger":"no","suspect_location":"left","injuries":"no","weapons":"no",
                 "children_present":"no","fear":"quite","parties":[{"role":"victim","new_person":{"first_name":"Rebecca","surname":"Okonkwo","date_of_birth":"1987-06-14"}}]}
                """
            let callRefused = try await client.execute(uri: "/api/v1/incidents", method: .post, headers: headers, body: ByteBuffer(string: call))
            #expect(callRefused.status == .conflict && String(buffer: callRefused.body).contains(#""field":"parties[0].new_person""#))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM incidents") == 0)

            let confirmed = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: headers,
                body: ByteBuffer(
                    string: #"{"first_name":"Becky","surname":"Okonkwo","date_of_birth":"1987-06-14","phones":["07700900314"],"confirmed_new":true}"#))
            #expect(confirmed.status == .created)

            // The person form: the candidates and a box to confirm someone new.
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            let fields: [(String, String)] = [("_csrf", browser.csrf), ("first_name", "Rebecca"), ("surname", "Okonkwo"), ("date_of_birth", "1987-06-14")]
            let page = try await client.execute(uri: "/people/new", method: .post, headers: browser.formHeaders, body: form(fields))
            #expect(page.status == .conflict)
            let html = String(buffer: page.body)
            #expect(html.contains("href=\"/people/\(her.id)\"") && html.contains("name=\"confirmed_new\""))
            let added = try await client.execute(
                uri: "/people/new", method: .post, headers: browser.formHeaders, body: form(fields + [("confirmed_new", "yes")]))
            #expect(added.status == .seeOther || added.status == .found)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == people + 2)
        }
    }
}
