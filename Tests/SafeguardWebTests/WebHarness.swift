import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SafeguardDomain
import SafeguardTestSupport
import SafeguardWeb

/// Runs `body` against the real router, in process, over a fresh database on `engine`.
func withApp(
    _ engine: TestEngine, policy: ForcePolicy = TestStore.fastPolicy, logger: Logger = Logger(label: "test"),
    configuration: WebConfiguration = WebConfiguration(),
    _ body: @escaping @Sendable (TestStore, any TestClientProtocol) async throws -> Void
) async throws {
    try await TestStore.with(engine, policy: policy) { store in
        let router = try await buildRouter(service: store.service, configuration: configuration, logger: logger)
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in try await body(store, client) }
    }
}

/// A signed-in browser: its session cookie and the CSRF token its forms carry.
struct Browser {
    let cookie: String
    let csrf: String

    var headers: HTTPFields {
        var fields = HTTPFields()
        fields[.cookie] = cookie
        return fields
    }

    var formHeaders: HTTPFields {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        return fields
    }
}

/// The value of `name="<field>" value="…"` in a page.
func hiddenValue(_ field: String, in html: String) -> String? {
    guard let range = html.range(of: "name=\"\(field)\" value=\"") else { return nil }
    let rest = html[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// The `name=value` part of each Set-Cookie header.
func cookies(_ response: TestResponse) -> [String: String] {
    var result: [String: String] = [:]
    for header in response.headers[values: .setCookie] {
        let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
        if pair.count == 2 { result[String(pair[0])] = String(pair[1]) }
    }
    return result
}

func form(_ fields: [(String, String)]) -> ByteBuffer {
    ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
}

/// Signs in through the real sign-in form (GET for its CSRF cookie, then POST).
func signIn(_ client: any TestClientProtocol, username: String, password: String) async throws -> Browser {
    let page = try await client.execute(uri: "/sign-in", method: .get)
    let preCSRF = cookies(page)["sg_csrf"] ?? ""
    var headers = HTTPFields()
    headers[.cookie] = "sg_csrf=\(preCSRF)"
    headers[.contentType] = "application/x-www-form-urlencoded"
    let response = try await client.execute(
        uri: "/sign-in", method: .post, headers: headers,
        body: form([("_csrf", preCSRF), ("username", username), ("password", password), ("next", "/")]))
    guard let session = cookies(response)["sg_session"], !session.isEmpty else {
        throw DomainError.signInFailed
    }
    let browser = Browser(cookie: "sg_session=\(session)", csrf: "")
    let home = try await client.execute(uri: "/", method: .get, headers: browser.headers)
    return Browser(cookie: browser.cookie, csrf: hiddenValue("_csrf", in: String(buffer: home.body)) ?? "")
}

/// Bearer headers for a new API token of `username`.
func bearer(_ store: TestStore, _ username: String) async throws -> HTTPFields {
    let token = try await store.service.issueToken(username: username)
    var fields = HTTPFields()
    fields[.authorization] = "Bearer \(token.secret)"
    fields[.contentType] = "application/json"
    return fields
}

/// Puts an incident between two people straight into the database (incident recording is a later feature).
func insertIncident(_ store: TestStore, id: String, victim: String, suspect: String) async throws {
    try await store.execute(
        """
        INSERT INTO incidents (id, reference, occurred_at, reported_at, channel, relationship, abuse_types, is_crime, summary, version, created_at)
        VALUES ('\(id)', 'DA-2026-000\(id.suffix(3))', 1795000000, 1795000600, '999', 'intimate_partner', 'physical,coercive_control', TRUE, 'Argument; neighbour called police.', 1, 1795000600)
        """)
    try await store.execute(
        "INSERT INTO incident_parties (incident_id, person_id, role) VALUES ('\(id)', '\(victim)', 'victim'), ('\(id)', '\(suspect)', 'suspect')")
}

/// Collects log lines so a test can check what reached the logs.
final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: String { lock.withLock { lines.joined(separator: "\n") } }

    var logger: Logger {
        Logger(label: "captured") { _ in CapturingHandler(sink: self) }
    }

    struct CapturingHandler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            sink.append("\(event.message) \(self.metadata.merging(event.metadata ?? [:]) { $1 })")
        }
    }
}
