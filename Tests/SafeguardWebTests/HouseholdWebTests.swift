import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Children in the household over HTTP", .serialized)
struct HouseholdWebTests {
    @Test(
        "Rule 9 over HTTP: a call through the API names a child (a party, linked to her); POST /people/{id}/children records another (201) and a bad one is 422 naming the field; on her page the officer records a third, a refusal keeps what was typed, and the briefing lists the children",
        arguments: TestEngine.available)
    func rule9ChildrenThroughAPIAndPage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            _ = try await store.actor(.responseOfficer, username: "pc")
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02"))
            let call = """
                {"channel":"999","relationship":"intimate_partner","immediate_danger":"no","suspect_location":"left","injuries":"no","weapons":"no",
                 "children_present":"yes","fear":"quite","parties":[{"role":"victim","person_id":"\(victim.id)"},
                 {"role":"suspect","new_person":{"first_name":"Rob","surname":"Kane","date_of_birth":"1988-08-08"}}],
                 "children":[{"first_name":"Ada","surname":"Lindqvist","date_of_birth":"2015-05-05","note":"Hid under the bed"}]}
                """
            let opened = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: try await bearer(store, "ch"), body: ByteBuffer(string: call))
            #expect(opened.status == .created)
            let record = try JSONSerialization.jsonObject(with: Data(buffer: opened.body)) as? [String: Any]
            let incident = try #require(record?["incident"] as? [String: Any])
            let incidentID = try #require(incident["id"] as? String)
            let parties = incident["parties"] as? [[String: Any]] ?? []
            #expect(parties.contains { $0["role"] as? String == "child" && $0["display_name"] as? String == "Ada Lindqvist" })

            let officerAPI = try await bearer(store, "pc")
            let added = try await client.execute(
                uri: "/api/v1/people/\(victim.id)/children", method: .post, headers: officerAPI,
                body: ByteBuffer(string: #"{"first_name":"Bo","surname":"Lindqvist","date_of_birth":"2019-09-09","role":"parent"}"#))
            #expect(added.status == .created)
            #expect(String(buffer: added.body).contains(#""role":"parent""#))
            let bad = try await client.execute(
                uri: "/api/v1/people/\(victim.id)/children", method: .post, headers: officerAPI,
                body: ByteBuffer(string: #"{"first_name":"Cy","surname":"Lindqvist","role":"uncle"}"#))
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains(#""field":"role""#))

            let officer = try await signIn(client, username: "pc", password: "pc-test-password")
            let refused = try await client.execute(
                uri: "/people/\(victim.id)/children", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("first_name", "Cy"), ("date_of_birth", "2021-02-02")]))
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            #expect(page.contains("href=\"#child_surname\"") && page.contains("value=\"2021-02-02\""))
            let saved = try await client.execute(
                uri: "/people/\(victim.id)/children", method: .post, headers: officer.formHeaders,
                body: form([
                    ("_csrf", officer.csrf), ("first_name", "Cy"), ("surname", "Lindqvist"), ("date_of_birth", "2021-02-02"), ("note", "Non-verbal")
                ]))
            #expect(saved.status == .seeOther || saved.status == .found)
            let after = String(buffer: try await client.execute(uri: "/people/\(victim.id)", method: .get, headers: officer.headers).body)
            #expect(after.contains("Children in the household") && after.contains("Cy Lindqvist") && after.contains("Risk noted:</strong> Non-verbal"))

            let briefing = String(buffer: try await client.execute(uri: "/incidents/\(incidentID)/briefing", method: .get, headers: officer.headers).body)
            for name in ["Ada Lindqvist", "Bo Lindqvist", "Cy Lindqvist"] { #expect(briefing.contains(name), "\(name) missing from the briefing") }
            #expect(briefing.contains("Hid under the bed") && briefing.contains("Risk noted for this child"))
        }
    }
}
