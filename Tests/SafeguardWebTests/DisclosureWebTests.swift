import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 26 over HTTP: a DA specialist receives a Clare's Law application on the page and records its checks; the
/// sergeant and the investigator are refused the page and the API.
@Suite("Clare's Law over HTTP", .serialized)
struct DisclosureWebTests {
    @Test("Rule 26: the specialist receives an application and records the checks on the pages; other roles are refused", arguments: TestEngine.available)
    func applicationOnThePages(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            try await store.actor(.sergeant, username: "sgt")
            try await store.actor(.investigator, username: "inv")
            let subject = try await store.service.createPerson(
                specialist, draft: PersonDraft(firstName: "Dale", surname: "Harker", dateOfBirth: "1980-03-04", sex: "male"))
            let das = try await signIn(client, username: "das", password: "das-test-password")
            let refused = try await client.execute(
                uri: "/disclosures", method: .post, headers: das.formHeaders,
                body: form([("_csrf", das.csrf), ("route", "right_to_ask"), ("applicant_name", ""), ("subject_person_id", subject.id)]))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("href=\"#applicant_name\""))
            let received = try await client.execute(
                uri: "/disclosures", method: .post, headers: das.formHeaders,
                body: form([
                    ("_csrf", das.csrf), ("route", "right_to_ask"), ("applicant_name", "Grace Moss"), ("applicant_relationship", "her mother"),
                    ("subject_person_id", subject.id)
                ]))
            let location = try #require(received.headers[.location])
            #expect(location.hasPrefix("/disclosures/"))
            let stepped = try await client.execute(
                uri: "\(location)/steps", method: .post, headers: das.formHeaders,
                body: form([("_csrf", das.csrf), ("kind", "initial_checks"), ("immediate_risk", "no")]))
            #expect(stepped.status == .seeOther || stepped.status == .found)
            let page = String(buffer: try await client.execute(uri: location, method: .get, headers: das.headers).body)
            #expect(page.contains("Grace Moss (her mother)") && page.contains("Initial checks") && page.contains("no immediate risk"))
            #expect(page.contains("id=\"subject-history\"") && page.contains("record(s) confirmed to be him"))
            let list = String(buffer: try await client.execute(uri: "/disclosures", method: .get, headers: das.headers).body)
            #expect(list.contains("Right to ask") && list.contains("Applications"))

            let sgt = try await signIn(client, username: "sgt", password: "sgt-test-password")
            let other = try await client.execute(uri: location, method: .get, headers: sgt.headers)
            #expect(other.status == .forbidden && !String(buffer: other.body).contains("Grace"))
            let id = location.split(separator: "/").last.map(String.init) ?? ""
            let api = try await client.execute(uri: "/api/v1/disclosure-applications/\(id)", method: .get, headers: try await bearer(store, "inv"))
            #expect(api.status == .forbidden)
            let mine = try await client.execute(uri: "/api/v1/disclosure-applications", method: .get, headers: try await bearer(store, "das"))
            #expect(mine.status == .ok)
            // The contract's spelling: his records as `record_ids` (a plural "IDs" must not become `record_i_ds`).
            let read = try await client.execute(uri: "/api/v1/disclosure-applications/\(id)", method: .get, headers: try await bearer(store, "das"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: read.body)) as? [String: Any])
            let history = try #require(json["subject_history"] as? [String: Any])
            #expect(history["record_ids"] as? [String] == [subject.id] && history["as_suspect"] as? Int == 0)
        }
    }
}
