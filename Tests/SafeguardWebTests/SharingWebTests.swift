import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 23 over HTTP: sharing on the case page and the API, and the partner's pages and API.
@Suite("Sharing with partners over HTTP", .serialized)
struct SharingWebTests {
    @Test(
        "Rule 23: the specialist shares on the case page (an override without why is refused beside its field); the IDVA lists and reads only what is shared; housing is refused; the API does the same",
        arguments: TestEngine.available)
    func shareAndReadOverHTTP(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.daSpecialist, username: "das")
            _ = try await store.service.createUser(
                username: "idva", displayName: "Ivy Advocate", role: .partnerAgency, password: "idva-test-password", agency: "idva")
            _ = try await store.service.createUser(
                username: "housing", displayName: "Hal Housing", role: .partnerAgency, password: "housing-test-password", agency: "housing")
            let (caseID, reference) = try await MaracWebTests.victimCase(store)
            let ends = CalendarDate.string(store.clock.now().addingTimeInterval(20 * 86_400))
            let specialist = try await signIn(client, username: "das", password: "das-test-password")
            let refused = try await client.execute(
                uri: "/cases/\(caseID)/shares", method: .post, headers: specialist.formHeaders,
                body: form([
                    ("_csrf", specialist.csrf), ("return_to", "/cases/\(caseID)"), ("share", "1"), ("agency", "idva"), ("field_groups", "risk"),
                    ("consent", "overridden"), ("override_reason", ""), ("ends_on", ends)
                ]))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("href=\"#override_reason\""))
            let shared = try await client.execute(
                uri: "/cases/\(caseID)/shares", method: .post, headers: specialist.formHeaders,
                body: form([
                    ("_csrf", specialist.csrf), ("return_to", "/cases/\(caseID)"), ("share", "1"), ("agency", "idva"), ("field_groups", "risk"),
                    ("field_groups", "incidents"), ("consent", "given"), ("ends_on", ends)
                ]))
            #expect(shared.status == .seeOther || shared.status == .found)
            let casePage = String(buffer: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: specialist.headers).body)
            #expect(casePage.contains("IDVA service") && casePage.contains("Risk level, Incidents") && casePage.contains("Her consent"))

            let advocate = try await signIn(client, username: "idva", password: "idva-test-password")
            let list = String(buffer: try await client.execute(uri: "/shared", method: .get, headers: advocate.headers).body)
            #expect(list.contains(reference) && list.contains("/shared/cases/\(caseID)"))
            let page = String(buffer: try await client.execute(uri: "/shared/cases/\(caseID)", method: .get, headers: advocate.headers).body)
            #expect(page.contains("Maya Lindqvist") && page.contains("<h2>Incidents</h2>") && !page.contains("<h2>Safety plan</h2>"))

            let items = try await client.execute(uri: "/api/v1/shared/cases", method: .get, headers: try await bearer(store, "idva"))
            #expect(items.status == .ok && String(buffer: items.body).contains(#""case_id":"\#(caseID)""#))
            let view = try await client.execute(uri: "/api/v1/shared/cases/\(caseID)", method: .get, headers: try await bearer(store, "idva"))
            let json = try JSONSerialization.jsonObject(with: Data(buffer: view.body)) as? [String: Any]
            #expect(view.status == .ok && json?["incidents"] != nil && json?["safe_contact"] == nil && json?["safety_plan"] == nil)
            let other = try await client.execute(uri: "/api/v1/shared/cases/\(caseID)", method: .get, headers: try await bearer(store, "housing"))
            #expect(other.status == .forbidden)
            let search = try await client.execute(uri: "/api/v1/people?name=lindqvist", method: .get, headers: try await bearer(store, "idva"))
            #expect(search.status == .forbidden)
            let unknown = try await client.execute(
                uri: "/api/v1/cases/\(caseID)/shares", method: .post, headers: try await bearer(store, "das"),
                body: ByteBuffer(string: #"{"agency":"health","field_groups":["risk"],"consent":"given","ends_on":"\#(ends)","everything":true}"#))
            #expect(unknown.status == .unprocessableContent)
        }
    }
}

@Suite("Partner accounts on the accounts page", .serialized)
struct PartnerAccountWebTests {
    @Test(
        "Rule 23: an administrator adds a partner's account with its agency on the accounts page and over the API; a partner with no agency, or police with one, is refused by field",
        arguments: TestEngine.available)
    func administratorAddsPartnerAccounts(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.administrator, username: "admin")
            let admin = try await signIn(client, username: "admin", password: "admin-test-password")
            let refused = try await client.execute(
                uri: "/users", method: .post, headers: admin.formHeaders,
                body: form([
                    ("_csrf", admin.csrf), ("username", "housing1"), ("display_name", "Hal Housing"), ("role", "partner_agency"), ("agency", ""),
                    ("password", "a-long-enough-password")
                ]))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("href=\"#agency\""))
            let added = try await client.execute(
                uri: "/users", method: .post, headers: admin.formHeaders,
                body: form([
                    ("_csrf", admin.csrf), ("username", "housing1"), ("display_name", "Hal Housing"), ("role", "partner_agency"), ("agency", "housing"),
                    ("password", "a-long-enough-password")
                ]))
            #expect(added.status == .seeOther || added.status == .found)
            let page = String(buffer: try await client.execute(uri: "/users", method: .get, headers: admin.headers).body)
            #expect(page.contains("housing1") && page.contains("(Housing)"))
            let police = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: try await bearer(store, "admin"),
                body: ByteBuffer(string: #"{"username":"pc9","role":"response_officer","password":"a-long-enough-password","agency":"idva"}"#))
            #expect(police.status == .unprocessableContent && String(buffer: police.body).contains(#""field":"agency""#))
            let idva = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: try await bearer(store, "admin"),
                body: ByteBuffer(
                    string: #"{"username":"idva9","display_name":"Ivy","role":"partner_agency","password":"a-long-enough-password","agency":"idva"}"#))
            #expect(idva.status == .created && String(buffer: idva.body).contains(#""agency":"idva""#))
            let notAdmin = try await client.execute(
                uri: "/api/v1/users", method: .post, headers: try await bearer(store, "idva9"),
                body: ByteBuffer(string: #"{"username":"x1","role":"sergeant","password":"a-long-enough-password"}"#))
            #expect(notAdmin.status == .forbidden)
        }
    }
}
