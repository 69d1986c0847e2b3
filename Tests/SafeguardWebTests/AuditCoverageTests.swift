import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SafeguardDomain
import SafeguardTestSupport
import SafeguardWeb
import Testing

/// Rule 33, walked route by route: every page and API read that shows a person's details leaves an audit entry. The
/// routes come from the router itself, so a route added later is walked too, without anyone remembering to add it.
@Suite("Every read of personal data is audited", .serialized)
struct AuditCoverageTests {
    /// Details of the people in the test force that no audited read may show without an entry.
    static let personalData = ["Lindqvist", "Kane", "1990-01-02", "1988-08-08", "07700 900321", "07700900321"]

    @Test(
        "Walking every GET route, page and API, as each working role: a response showing personal data always left an audit entry",
        arguments: TestEngine.available)
    func everyRouteShowingPersonalDataIsAudited(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: a victim and a suspect with a case, custody, an order and a contact; a user of each working role
            let (victimID, incident) = try await VictimInformedWebTests.incident(store)
            let suspectID = try #require(incident.suspects.first?.personID)
            let specialist = try await store.actor(.daSpecialist, username: "spec")
            _ = try await store.service.recordCustodyEvent(specialist, suspectID: suspectID, draft: CustodyDraft(kind: "released_under_investigation"))
            _ = try await store.service.saveSafeContact(
                specialist, personID: victimID, draft: SafeContactDraft(safeNumber: "07700 900321", mayLeaveMessage: "no"))
            let caseID = try #require(try await store.service.viewIncidentRecord(specialist, id: incident.id).cases.first?.id)
            let roles: [Role] = [.callHandler, .controlRoomSupervisor, .responseOfficer, .sergeant, .investigator, .analyst, .auditor, .maracCoordinator]
            for role in roles { try await store.actor(role, username: "u-\(role.rawValue.replacingOccurrences(of: "_", with: "-"))") }
            let router = try await buildRouter(service: store.service, configuration: WebConfiguration(), logger: Logger(label: "test"))
            let ids = ["people": victimID, "incidents": incident.id, "cases": caseID, "risk-instruments": "dash-2009"]
            let gets = router.routes.filter { $0.method == .get }.map { "\($0.path)" }
            #expect(gets.count > 20)
            let app = Application(router: router, logger: Logger(label: "test"))
            let showing = ShowingCount()
            try await app.test(.router) { client in
                for role in roles + [.daSpecialist] {
                    let username = role == .daSpecialist ? "spec" : "u-\(role.rawValue.replacingOccurrences(of: "_", with: "-"))"
                    let browser = try await signIn(client, username: username, password: "\(username)-test-password")
                    let api = try await bearer(store, username)
                    for route in gets {
                        // act: fill each `:id` from the segment before it; roles that look back give a reason
                        var segments = route.split(separator: "/").map(String.init)
                        for index in segments.indices where segments[index].hasPrefix("{") || segments[index].hasPrefix(":") {
                            segments[index] = index > 0 ? ids[segments[index - 1]] ?? "unknown" : "unknown"
                        }
                        let path = "/" + segments.joined(separator: "/")
                        let query = role.mustStateReasonToViewPeople ? "?reason=audit%20coverage%20walk&name=Lindqvist" : "?name=Lindqvist"
                        let before = try await store.count("SELECT COUNT(*) AS n FROM audit_events")
                        let response = try await client.execute(uri: path + query, method: .get, headers: path.hasPrefix("/api/") ? api : browser.headers)
                        let after = try await store.count("SELECT COUNT(*) AS n FROM audit_events")
                        // check
                        let body = String(buffer: response.body)
                        let shown = Self.personalData.filter { body.contains($0) }
                        if !shown.isEmpty {
                            showing.add(path)
                            #expect(after > before, "\(role) GET \(path) showed \(shown) with no audit entry")
                        }
                        #expect(response.status.code < 500, "\(role) GET \(path) answered \(response.status.code)")
                    }
                }
            }
            // The walk reached the pages and API reads that show her: it is not passing by looking at nothing.
            #expect(showing.paths.count >= 10, "\(showing.paths.sorted()) of \(gets)")
        }
    }

    /// The routes seen showing personal data.
    final class ShowingCount: @unchecked Sendable {
        private let lock = NSLock()
        private var seen = Set<String>()
        func add(_ path: String) { lock.withLock { _ = seen.insert(path) } }
        var paths: Set<String> { lock.withLock { seen } }
    }

    @Test("The API document and the router list the same operations", arguments: [TestEngine.sqlite])
    func documentMatchesRouter(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let router = try await buildRouter(service: store.service, configuration: WebConfiguration(), logger: Logger(label: "test"))
            let routed = Set(
                router.routes.map { route -> String in
                    let path = "\(route.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                    return "\(route.method.rawValue) /\(path)"
                }.filter { $0.contains(" /api/v1/") || $0.hasSuffix(" /health") })
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Sources/SafeguardWeb/Resources/openapi.json").standardized
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(routed.subtracting(documented).sorted() == [], "routes the document does not describe")
            #expect(documented.subtracting(routed).sorted() == [], "operations the document describes that no route serves")
            // Every read of a person's or an incident's records takes the reason that roles which look back must give.
            for (path, operations) in paths
            where path == "/api/v1/people" || path.hasPrefix("/api/v1/people/{id}") || path.hasPrefix("/api/v1/incidents/{id}")
                || path.hasPrefix("/api/v1/cases/{id}")
            {
                guard let get = operations["get"] as? [String: Any] else { continue }
                let names = (get["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                #expect(names.contains("reason"), "GET \(path) does not document `reason`")
            }
        }
    }
}
