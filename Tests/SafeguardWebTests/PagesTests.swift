import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Pages", .serialized)
struct PagesTests {
    @Test("/health reports the database", arguments: TestEngine.available)
    func healthReportsDatabase(engine: TestEngine) async throws {
        try await withApp(engine) { _, client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"database":"ok","status":"ok"}"#)
        }
    }

    @Test("Signed-out visitors are sent to the sign-in page", arguments: TestEngine.available)
    func signedOutGoesToSignIn(engine: TestEngine) async throws {
        try await withApp(engine) { _, client in
            for path in ["/", "/people", "/people/some-id", "/incidents/some-id"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .seeOther || response.status == .found || response.status.code == 303 || response.status.code == 302)
                #expect(response.headers[.location]?.hasPrefix("/sign-in") == true)
            }
        }
    }

    @Test("Sign-in sets an HttpOnly, SameSite=Strict session cookie; a wrong password shows the error summary", arguments: TestEngine.available)
    func signInCookieAndErrors(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup
            try await store.actor(.responseOfficer, username: "pc")
            let page = try await client.execute(uri: "/sign-in", method: .get)
            let pre = cookies(page)["sg_csrf"] ?? ""
            var headers = HTTPFields()
            headers[.cookie] = "sg_csrf=\(pre)"
            headers[.contentType] = "application/x-www-form-urlencoded"
            // act
            let wrong = try await client.execute(
                uri: "/sign-in", method: .post, headers: headers, body: form([("_csrf", pre), ("username", "pc"), ("password", "nope-nope-nope")]))
            let right = try await client.execute(
                uri: "/sign-in", method: .post, headers: headers, body: form([("_csrf", pre), ("username", "pc"), ("password", "pc-test-password")]))
            let forged = try await client.execute(
                uri: "/sign-in", method: .post, headers: headers, body: form([("_csrf", "forged"), ("username", "pc"), ("password", "pc-test-password")]))
            // check
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("govuk-error-summary"))
            #expect(String(buffer: wrong.body).contains("not right"))
            let setCookie = right.headers[values: .setCookie].first { $0.hasPrefix("sg_session=") } ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            #expect(forged.status == .forbidden)
            #expect(cookies(forged)["sg_session"] == nil)
        }
    }

    @Test("A form posted without the session's CSRF token is refused and writes nothing", arguments: TestEngine.available)
    func formsNeedCSRF(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.callHandler, username: "ch")
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            let response = try await client.execute(
                uri: "/people/new", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", "wrong"), ("surname", "Nobody")]))
            #expect(response.status == .forbidden)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == 0)
        }
    }

    @Test("Person search: results link to people; an empty search names the field in an error summary", arguments: TestEngine.available)
    func searchPage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            let person = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02", phones: ["07700 900456"]))
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            let found = try await client.execute(uri: "/people?name=lindqvist&searched=1", method: .get, headers: browser.headers)
            #expect(String(buffer: found.body).contains("href=\"/people/\(person.id)\""))
            let empty = try await client.execute(uri: "/people?name=&searched=1", method: .get, headers: browser.headers)
            let html = String(buffer: empty.body)
            #expect(empty.status == .unprocessableContent)
            #expect(html.contains("govuk-error-summary"))
            #expect(html.contains("href=\"#name\""))
        }
    }

    @Test("The person page shows the record, its incidents and linked people", arguments: TestEngine.available)
    func personPage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let victim = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", phones: ["07700 900456"]))
            let suspect = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Dale", surname: "Harrower"))
            try await insertIncident(store, id: "incident-001", victim: victim.id, suspect: suspect.id)
            let browser = try await signIn(client, username: "pc", password: "pc-test-password")
            // act
            let page = String(buffer: try await client.execute(uri: "/people/\(victim.id)", method: .get, headers: browser.headers).body)
            let incident = String(buffer: try await client.execute(uri: "/incidents/incident-001", method: .get, headers: browser.headers).body)
            // check
            #expect(page.contains("<h1>Maya Lindqvist</h1>"))
            #expect(page.contains("href=\"/incidents/incident-001\""))
            #expect(page.contains("Dale Harrower"))
            #expect(page.contains("suspect in 1 incident(s)"))
            #expect(incident.contains("DA-2026-000001"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action IN ('view_person', 'view_incident')") == 2)
        }
    }

    @Test("Correcting a record through the page: bad input is shown back with its message and changes nothing", arguments: TestEngine.available)
    func correctionForm(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let person = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist"))
            let browser = try await signIn(client, username: "pc", password: "pc-test-password")
            let bad = try await client.execute(
                uri: "/people/\(person.id)/edit", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("version", "1"), ("surname", "Lindqvist"), ("date_of_birth", "31/02/1990")]))
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("Date of birth must be a real date"))
            let good = try await client.execute(
                uri: "/people/\(person.id)/edit", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("version", "1"), ("first_name", "Maya"), ("surname", "Berg")]))
            #expect(good.headers[.location] == "/people/\(person.id)")
            let stale = try await client.execute(
                uri: "/people/\(person.id)/edit", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("version", "1"), ("surname", "Again")]))
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("changed by someone else"))
            #expect(try await store.service.viewPerson(officer, id: person.id).person.surname == "Berg")
        }
    }

    @Test("Logs carry no personal data: not the search terms, not the record id", arguments: TestEngine.available)
    func logsHoldNoPersonalData(engine: TestEngine) async throws {
        let logs = CapturedLogs()
        try await withApp(engine, logger: logs.logger) { store, client in
            try await store.actor(.callHandler, username: "ch")
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            _ = try await client.execute(uri: "/people?name=Zebedee&date_of_birth=1979-05-06&phone=07700900321", method: .get, headers: browser.headers)
            _ = try await client.execute(uri: "/people/8c0c1d2e-secret-id", method: .get, headers: browser.headers)
        }
        let text = logs.all
        #expect(text.contains("request"))
        for secret in ["Zebedee", "1979-05-06", "07700900321", "8c0c1d2e"] { #expect(!text.contains(secret), "\(secret) reached the logs") }
    }
}

@Suite("Cookies over TLS", .serialized)
struct SecureCookieTests {
    @Test("Behind a TLS proxy the session cookie is also Secure", arguments: [TestEngine.sqlite])
    func cookieIsSecureOverTLS(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.responseOfficer, username: "pc")
            var proxied = HTTPFields()
            proxied[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            let page = try await client.execute(uri: "/sign-in", method: .get, headers: proxied)
            let pre = cookies(page)["sg_csrf"] ?? ""
            var headers = proxied
            headers[.cookie] = "sg_csrf=\(pre)"
            headers[.contentType] = "application/x-www-form-urlencoded"
            let response = try await client.execute(
                uri: "/sign-in", method: .post, headers: headers,
                body: form([("_csrf", pre), ("username", "pc"), ("password", "pc-test-password")]))
            let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("sg_session=") } ?? ""
            #expect(setCookie.contains("Secure"))
            #expect(setCookie.contains("HttpOnly"))
        }
    }
}

@Suite("Link decisions on the person page", .serialized)
struct LinkPageTests {
    @Test("A proposed link is confirmed from the person page with a reason; without one the page says why", arguments: TestEngine.available)
    func confirmFromPage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup: a proposal from the batch clean-up
            let handler = try await store.actor(.callHandler, username: "ch")
            let a = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02", phones: ["07700 900456"]))
            let b = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Maia", surname: "Lindqvist", dateOfBirth: "1990-01-02", phones: ["07700 900456"]))
            _ = try await store.service.dedupe()
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            // act
            let page = String(buffer: try await client.execute(uri: "/people/\(a.id)", method: .get, headers: browser.headers).body)
            let missing = try await client.execute(
                uri: "/people/\(a.id)/links", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("other_person_id", b.id), ("decision", "confirm"), ("reason", "")]))
            let done = try await client.execute(
                uri: "/people/\(a.id)/links", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("other_person_id", b.id), ("decision", "confirm"), ("reason", "same phone, same date of birth")]))
            // check
            #expect(page.contains("Same person?"))
            #expect(page.contains("same phone number"))
            #expect(missing.status == .unprocessableContent)
            #expect(String(buffer: missing.body).contains("Say why"))
            #expect(done.headers[.location] == "/people/\(a.id)")
            let after = String(buffer: try await client.execute(uri: "/people/\(a.id)", method: .get, headers: browser.headers).body)
            #expect(after.contains("<strong>confirmed</strong>"))
        }
    }
}
