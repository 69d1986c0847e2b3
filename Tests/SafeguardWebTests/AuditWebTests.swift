import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import SafeguardWeb
import Testing

/// Issue 24, part 1 over HTTP: the auditor asks who looked at a person's record on the page, downloads the search, and
/// the API answers the same; other roles are refused; a bad term names its field; every answer carries a request id
/// and the security headers.
@Suite("Access log over HTTP", .serialized)
struct AuditWebTests {
    @Test("Rule 33: the auditor searches the access log by person on the page, pages back, downloads it; the API the same", arguments: TestEngine.available)
    func rule33AccessLogSearch(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let officer = try await store.actor(.responseOfficer, username: "pc")
            try await store.actor(.auditor, username: "aud")
            let person = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist"))
            for _ in 0..<3 { _ = try await store.service.viewPerson(officer, id: person.id) }
            let auditor = try await signIn(client, username: "aud", password: "aud-test-password")
            let home = String(buffer: try await client.execute(uri: "/", method: .get, headers: auditor.headers).body)
            #expect(home.contains("href=\"/audit\"") && home.contains("Intact"))
            let record = try await client.execute(uri: "/people/\(person.id)?reason=Complaint%20review", method: .get, headers: auditor.headers)
            #expect(String(buffer: record.body).contains("href=\"/audit?person=\(person.id)\""))
            let form = try await client.execute(uri: "/audit", method: .get, headers: auditor.headers)
            #expect(form.status == .ok && String(buffer: form.body).contains("Search the log") && !String(buffer: form.body).contains("events, newest first"))
            let page = try await client.execute(uri: "/audit?person=\(person.id)&limit=2", method: .get, headers: auditor.headers)
            let html = String(buffer: page.body)
            #expect(page.status == .ok && html.contains("2 events, newest first") && html.lowercased().contains("view person") && html.contains(">aud<"))
            #expect(html.contains("Older events") && html.contains("/audit/export.csv?person=\(person.id)"))
            let csv = try await client.execute(uri: "/audit/export.csv?person=\(person.id)", method: .get, headers: auditor.headers)
            let lines = String(buffer: csv.body).split(separator: "\r\n")
            // Her record made and looked at three times, then the auditor's look at it and search of her, which are looks too.
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && lines.count >= 7)
            #expect(lines.filter { $0.contains(",pc,response_officer,view_person,person,\(person.id),") }.count == 3)
            #expect(lines[1].contains(",aud,auditor,search_audit,person,\(person.id),"))
            // The form as a browser sends it: every field, most of them blank.
            let blank = try await client.execute(uri: "/audit?person=&user=&action=view_person&from=&to=", method: .get, headers: auditor.headers)
            #expect(blank.status == .ok && String(buffer: blank.body).contains("events, newest first") && !String(buffer: blank.body).contains("error-message"))
            let bad = try await client.execute(uri: "/audit?action=peek&from=someday", method: .get, headers: auditor.headers)
            #expect(
                bad.status == .unprocessableContent && String(buffer: bad.body).contains("href=\"#action\"")
                    && String(buffer: bad.body).contains("href=\"#from\""))

            let api = try await client.execute(uri: "/api/v1/audit?user=pc&action=view_person", method: .get, headers: try await bearer(store, "aud"))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            let events = try #require(body["events"] as? [[String: Any]])
            #expect(api.status == .ok && events.count == 3 && events.allSatisfy { $0["record_id"] as? String == person.id } && body["next_before"] == nil)
            let refused = try await client.execute(uri: "/api/v1/audit", method: .get, headers: try await bearer(store, "pc"))
            #expect(refused.status == .forbidden)
            let badAPI = try await client.execute(uri: "/api/v1/audit?limit=5000", method: .get, headers: try await bearer(store, "aud"))
            #expect(badAPI.status == .unprocessableContent && String(buffer: badAPI.body).contains("limit"))
            let officerPage = try await signIn(client, username: "pc", password: "pc-test-password")
            #expect(try await client.execute(uri: "/audit", method: .get, headers: officerPage.headers).status == .forbidden)
        }
    }

    @Test("Every answer carries a request id (a load balancer's when well formed) and the security headers", arguments: TestEngine.available)
    func requestIDAndSecurityHeaders(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.auditor, username: "aud")
            var given = try await bearer(store, "aud")
            given[HTTPField.Name("X-Request-Id")!] = "lb-1234.abc"
            let api = try await client.execute(uri: "/api/v1/me", method: .get, headers: given)
            #expect(api.headers[HTTPField.Name("X-Request-Id")!] == "lb-1234.abc")
            #expect(api.headers[HTTPField.Name("Content-Security-Policy")!] == "default-src 'none'; frame-ancestors 'none'")
            #expect(api.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer" && api.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            var hostile = HTTPFields()
            hostile[HTTPField.Name("X-Request-Id")!] = "<script>alert(1)</script>"
            let page = try await client.execute(uri: "/sign-in", method: .get, headers: hostile)
            let id = try #require(page.headers[HTTPField.Name("X-Request-Id")!])
            #expect(id != "<script>alert(1)</script>" && UUID(uuidString: id) != nil)
            #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true)
            let missing = try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: given)
            #expect(missing.status == .notFound && missing.headers[HTTPField.Name("X-Request-Id")!] == "lb-1234.abc")
        }
    }

    @Test(
        "Failed sign-ins are limited per network address as well as per account: many usernames from one address are refused with 429",
        arguments: TestEngine.available)
    func signInLimitedPerAddress(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.addressFailureLimit = 5
        try await withApp(engine, policy: policy, configuration: WebConfiguration(forwardedForHeader: "X-Forwarded-For")) { store, client in
            try await store.actor(.responseOfficer, username: "pc")
            func attempt(_ username: String, _ password: String, from address: String) async throws -> TestResponse {
                var headers = HTTPFields()
                headers[.contentType] = "application/x-www-form-urlencoded"
                // A caller's own entry first; the load balancer's (believed) last.
                headers[HTTPField.Name("X-Forwarded-For")!] = "10.9.9.9, \(address)"
                let page = try await client.execute(uri: "/sign-in", method: .get, headers: headers)
                let csrf = hiddenValue("_csrf", in: String(buffer: page.body)) ?? ""
                headers[.cookie] = cookies(page).map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                return try await client.execute(
                    uri: "/sign-in", method: .post, headers: headers, body: form([("_csrf", csrf), ("username", username), ("password", password)]))
            }
            for i in 0..<5 { #expect(try await attempt("guess\(i)", "Winter2026!", from: "203.0.113.7").status == .unauthorized) }
            let refused = try await attempt("pc", "pc-test-password", from: "203.0.113.7")
            #expect(refused.status == .tooManyRequests && Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(String(buffer: refused.body).contains("Too many failed sign-ins"))
            #expect(try await attempt("pc", "pc-test-password", from: "198.51.100.2").status == .seeOther)
        }
    }
}
