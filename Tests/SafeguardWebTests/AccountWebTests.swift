import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Accounts and who they report to, over HTTP", .serialized)
struct AccountWebTests {
    @Test(
        "Rule 20 on the page and the API: an administrator changes a supervisor; a loop is refused by name and changes nothing; other roles cannot",
        arguments: TestEngine.available)
    func administratorChangesSupervisor(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup: an officer under a sergeant
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let sergeant = try await store.actor(.sergeant, username: "sgt")
            let inspector = try await store.actor(.sergeant, username: "insp")
            _ = try await store.actor(.administrator, username: "admin")
            try await store.service.setSupervisor(userID: officer.user.id, supervisorID: sergeant.user.id, by: nil)
            let admin = try await signIn(client, username: "admin", password: "admin-test-password")
            func supervisor(of id: String) async throws -> Int {
                try await store.count("SELECT COUNT(*) AS n FROM users WHERE id = '\(id)' AND supervisor_id IS NOT NULL")
            }

            // act / check: the page lists every account with a labelled choice of supervisor
            let page = String(buffer: try await client.execute(uri: "/users", method: .get, headers: admin.headers).body)
            #expect(page.contains("<label for=\"supervisor_\(officer.user.id)\">Supervisor of pc"))
            #expect(page.contains("<option value=\"\(sergeant.user.id)\" selected>"))
            #expect(String(buffer: try await client.execute(uri: "/", method: .get, headers: admin.headers).body).contains("href=\"/users\""))

            let loop = try await client.execute(
                uri: "/users/\(sergeant.user.id)/supervisor", method: .post, headers: admin.formHeaders,
                body: form([("_csrf", admin.csrf), ("supervisor", officer.user.id)]))
            #expect(loop.status == .unprocessableContent)
            let refused = String(buffer: loop.body)
            #expect(refused.contains("href=\"#supervisor_\(sergeant.user.id)\""))
            #expect(refused.contains("already reports to this one"))
            #expect(try await supervisor(of: sergeant.user.id) == 0)

            let moved = try await client.execute(
                uri: "/users/\(sergeant.user.id)/supervisor", method: .post, headers: admin.formHeaders,
                body: form([("_csrf", admin.csrf), ("supervisor", inspector.user.id)]))
            #expect(moved.status == .seeOther || moved.status == .found)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM users WHERE id = '\(sergeant.user.id)' AND supervisor_id = '\(inspector.user.id)'") == 1)

            // Other roles: neither the page nor the form.
            let pc = try await signIn(client, username: "pc", password: "pc-test-password")
            #expect(try await client.execute(uri: "/users", method: .get, headers: pc.headers).status == .forbidden)
            let notAllowed = try await client.execute(
                uri: "/users/\(officer.user.id)/supervisor", method: .post, headers: pc.formHeaders,
                body: form([("_csrf", pc.csrf), ("supervisor", "")]))
            #expect(notAllowed.status == .forbidden)
            #expect(try await supervisor(of: officer.user.id) == 1)

            // The API: the same rule, the same refusals.
            let cleared = try await client.execute(
                uri: "/api/v1/users/\(officer.user.id)/supervisor", method: .put, headers: try await bearer(store, "admin"),
                body: ByteBuffer(string: #"{"supervisor_id": null}"#))
            #expect(cleared.status == .ok)
            #expect(try APIJSONTest.object(cleared)["supervisor_id"] == nil)
            #expect(try await supervisor(of: officer.user.id) == 0)
            let apiLoop = try await client.execute(
                uri: "/api/v1/users/\(inspector.user.id)/supervisor", method: .put, headers: try await bearer(store, "admin"),
                body: ByteBuffer(string: "{\"supervisor_id\": \"\(sergeant.user.id)\"}"))
            #expect(apiLoop.status == .unprocessableContent)
            #expect(String(buffer: apiLoop.body).contains("\"supervisor\""))
            let byOfficer = try await client.execute(
                uri: "/api/v1/users/\(officer.user.id)/supervisor", method: .put, headers: try await bearer(store, "pc"),
                body: ByteBuffer(string: "{\"supervisor_id\": \"\(sergeant.user.id)\"}"))
            #expect(byOfficer.status == .forbidden)
            #expect(try await supervisor(of: officer.user.id) == 0)
        }
    }
}
