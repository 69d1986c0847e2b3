import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SafeguardDomain
import SafeguardTestSupport
@testable import SafeguardWeb
import Testing

/// Issue 17 over HTTP: what a probe of the running service found, each as the answer it must now get.
@Suite("Hostile and foreign input over HTTP")
struct HostileInputWebTests {
    private func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test("A hostile lookup, an empty name and a name in any script: 422 naming the field, never a 500", arguments: TestEngine.available)
    func lookupsAnswerByName(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup
            try await store.actor(.callHandler, username: "ch")
            let headers = try await bearer(store, "ch")
            let created = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: headers,
                body: json(#"{"first_name":"محمد","surname":"العلي","date_of_birth":"1990-04-02","phones":["07700 900123"]}"#))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            // act + check: a 100,000-character name
            let long = String(repeating: "a", count: 100_000)
            let hostile = try await client.execute(uri: "/api/v1/people/match", method: .post, headers: headers, body: json(#"{"first_name":"\#(long)"}"#))
            #expect(hostile.status == .unprocessableContent)
            #expect(hostile.headers[.contentType] == "application/problem+json")
            #expect(String(buffer: hostile.body).contains(#""field":"first_name""#))
            // names with nothing to match on
            for name in ["!!!", "%F0%9F%98%80"] {
                let search = try await client.execute(uri: "/api/v1/people?name=\(name)", method: .get, headers: headers)
                #expect(search.status == .unprocessableContent, "\(name)")
                #expect(String(buffer: search.body).contains(#""field":"name""#), "\(name)")
            }
            let huge = try await client.execute(uri: "/api/v1/people?name=\(String(repeating: "x", count: 50_000))", method: .get, headers: headers)
            #expect(huge.status == .unprocessableContent)
            // a name in Arabic script, searched and matched in it
            let arabic = "محمد".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try await client.execute(uri: "/api/v1/people?name=\(arabic)", method: .get, headers: headers)
            #expect(found.status == .ok)
            #expect(String(buffer: found.body).contains("العلي"))
            // a partial postcode is set aside, and the phone and date of birth still find her
            let partial = try await client.execute(
                uri: "/api/v1/people/match", method: .post, headers: headers,
                body: json(#"{"surname":"العلي","date_of_birth":"1990-04-02","phone":"07700900123","postcode":"HD6 6G"}"#))
            #expect(partial.status == .ok)
            let body = String(buffer: partial.body)
            #expect(body.contains(#""set_aside":[{"field":"postcode""#))
            #expect(body.contains("محمد"))
            // a NUL in a name is refused, and nothing is saved
            let nul = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: headers, body: json(#"{"first_name":"Ann\u0000e","surname":"Okafor"}"#))
            #expect(nul.status == .unprocessableContent)
            #expect(String(buffer: nul.body).contains(#""field":"first_name""#))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == 1)
        }
    }

    @Test("Unknown JSON fields and unreadable limits are refused by name; nothing is saved", arguments: TestEngine.available)
    func unknownFieldsAndBadLimitsAreRefused(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.callHandler, username: "ch")
            let headers = try await bearer(store, "ch")
            let typo = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: headers,
                body: json(
                    #"{"first_name":"Anne","surname":"Okafor","phones":["07700900123"],"other_names":[{"first_name":"Anne","surname":"Smith","surnme":"Smith","kind":"previous"}],"dob":"1984-03-27"}"#
                ))
            #expect(typo.status == .unprocessableContent)
            let text = String(buffer: typo.body)
            #expect(text.contains(#""field":"dob""#))
            #expect(text.contains(#""field":"other_names[0].surnme""#))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == 0)
            for limit in ["abc", "100000", "0"] {
                let response = try await client.execute(uri: "/api/v1/people?name=Okafor&limit=\(limit)", method: .get, headers: headers)
                #expect(response.status == .unprocessableContent, "\(limit)")
                #expect(String(buffer: response.body).contains(#""field":"limit""#), "\(limit)")
            }
        }
    }

    @Test("Unknown routes, oversized bodies and failures answer with a problem body, and every answer says nosniff", arguments: TestEngine.available)
    func everyErrorHasAProblemBody(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.callHandler, username: "ch")
            let headers = try await bearer(store, "ch")
            let unknown = try await client.execute(uri: "/api/v1/no-such-thing", method: .get, headers: headers)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            #expect(String(buffer: unknown.body).contains(#""status":404"#))
            let big = try await client.execute(
                uri: "/api/v1/people", method: .post, headers: headers,
                body: json(#"{"surname":"\#(String(repeating: "a", count: InputLimits.bodyBytes))"}"#))
            #expect(big.status == .contentTooLarge)
            #expect(big.headers[.contentType] == "application/problem+json")
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: headers)
            #expect(me.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(me.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
        }
    }

    @Test("A failure inside a route answers 500 with a problem body and logs only the error's type")
    func failuresAnswerWithAProblemBody() async throws {
        try await TestStore.with(.sqlite) { store in
            let logs = CapturedLogs()
            let router = try await buildRouter(service: store.service, configuration: WebConfiguration(secureCookies: true), logger: logs.logger)
            struct Broken: Error { let secret = "Anne Okafor 1984-03-27" }
            router.get("broken") { _, _ -> Response in throw Broken() }
            let app = Application(router: router, logger: logs.logger)
            try await app.test(.router) { client in
                let response = try await client.execute(uri: "/broken", method: .get)
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=31536000")
                #expect(!String(buffer: response.body).contains("Okafor"))
            }
            #expect(!logs.all.contains("Okafor"))
        }
    }

    @Test("Sign-out needs the session's CSRF token, and a locked account is refused in the same words as a wrong password", arguments: TestEngine.available)
    func signOutAndLockout(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.sergeant, username: "sgt")
            let browser = try await signIn(client, username: "sgt", password: "sgt-test-password")
            // act: another site's form posts sign-out with no token
            let forged = try await client.execute(uri: "/sign-out", method: .post, headers: browser.formHeaders, body: form([]))
            #expect(forged.status == .forbidden)
            #expect((try await client.execute(uri: "/", method: .get, headers: browser.headers)).status == .ok)
            let real = try await client.execute(uri: "/sign-out", method: .post, headers: browser.formHeaders, body: form([("_csrf", browser.csrf)]))
            #expect(real.status == .seeOther || real.status == .found)
            #expect((try await client.execute(uri: "/", method: .get, headers: browser.headers)).status != .ok)
            // lockout: the same answer for a locked account and for an account that does not exist
            for _ in 0..<store.service.policy.lockoutFailures { _ = try? await store.service.signIn(username: "sgt", password: "wrong-password!") }
            var locked = ""
            var unknown = ""
            do { _ = try await store.service.signIn(username: "sgt", password: "sgt-test-password") } catch let error as DomainError { locked = error.message }
            do { _ = try await store.service.signIn(username: "nobody", password: "whatever-it-is") } catch let error as DomainError { unknown = error.message }
            #expect(!locked.isEmpty && locked == unknown)
        }
    }
}
