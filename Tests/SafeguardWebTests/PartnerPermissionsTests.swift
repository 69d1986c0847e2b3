import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SafeguardDomain
import SafeguardTestSupport
import SafeguardWeb
import Testing

/// Rule 23, walked route by route: a partner account of every agency, on every GET page and API read and every API
/// write the router serves, sees a victim only through a case shared with its agency — only the groups shared, every
/// look audited — and can change nothing else. The routes come from the router, so a route added later is walked too.
@Suite("Partners see only what is shared, on every route", .serialized)
struct PartnerPermissionsTests {
    @Test(
        "Rule 23: every partner agency against every route — no read outside a share, no field outside the groups shared, every look audited, no write outside a partner's own",
        arguments: TestEngine.available)
    func partnersAgainstEveryRoute(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: her case (victim, suspect, safe number, custody), shared with the IDVA for her risk level only
            let (victimID, incident) = try await VictimInformedWebTests.incident(store)
            let specialist = try await store.actor(.daSpecialist, username: "spec")
            _ = try await store.service.saveSafeContact(
                specialist, personID: victimID, draft: SafeContactDraft(safeNumber: "07700 900321", mayLeaveMessage: "no"))
            let caseID = try #require(try await store.service.viewIncidentRecord(specialist, id: incident.id).cases.first?.id)
            let ends = CalendarDate.string(store.clock.now().addingTimeInterval(30 * 86_400))
            _ = try await store.service.shareCase(
                specialist, caseID: caseID, draft: CaseShareDraft(agency: "idva", fieldGroups: ["risk"], consent: "given", endsOn: ends))
            let agencies = Agency.allCases.filter { $0 != .police }
            for agency in agencies {
                _ = try await store.service.createUser(
                    username: "p-\(agency.rawValue.replacingOccurrences(of: "_", with: "-"))", displayName: "Partner", role: .partnerAgency,
                    password: "p-\(agency.rawValue.replacingOccurrences(of: "_", with: "-"))-test-password", agency: agency.rawValue)
            }
            let router = try await buildRouter(service: store.service, configuration: WebConfiguration(), logger: Logger(label: "test"))
            let ids = ["people": victimID, "incidents": incident.id, "cases": caseID, "shared": caseID, "risk-instruments": "dash-2009"]
            func path(_ route: String) -> String {
                var segments = route.split(separator: "/").map(String.init)
                for index in segments.indices where segments[index].hasPrefix("{") || segments[index].hasPrefix(":") {
                    let before = index > 0 ? segments[index - 1] : ""
                    segments[index] = ids[before] ?? (before == "cases" && index > 1 && segments[index - 2] == "shared" ? caseID : "unknown")
                }
                return "/" + segments.joined(separator: "/")
            }
            let gets = router.routes.filter { $0.method == .get }.map { path("\($0.path)") }
            let writes = router.routes.filter { $0.method == .post || $0.method == .put }.map { path("\($0.path)") }.filter { $0.hasPrefix("/api/v1/") }
            // A partner's own writes: its contacts on a shared case, and MARAC research and actions of meetings at its table.
            let partnersOwn = ["/api/v1/shared/cases/", "/api/v1/marac/meetings/unknown/research", "/api/v1/marac/actions/unknown/status"]
            let app = Application(router: router, logger: Logger(label: "test"))
            try await app.test(.router) { client in
                for agency in agencies {
                    let username = "p-\(agency.rawValue.replacingOccurrences(of: "_", with: "-"))"
                    let browser = try await signIn(client, username: username, password: "\(username)-test-password")
                    let api = try await bearer(store, username)
                    for route in gets {
                        let before = try await store.count("SELECT COUNT(*) AS n FROM audit_events")
                        let response = try await client.execute(
                            uri: route + "?name=Lindqvist", method: .get, headers: route.hasPrefix("/api/") ? api : browser.headers)
                        let after = try await store.count("SELECT COUNT(*) AS n FROM audit_events")
                        let body = String(buffer: response.body)
                        // check: her name only through the IDVA's share, never her safe number (not shared) or the suspect
                        let shared = agency == .idva && (route.hasPrefix("/shared") || route.hasPrefix("/api/v1/shared"))
                        #expect(!body.contains("Lindqvist") || shared, "\(agency) GET \(route) showed her outside a share")
                        for secret in ["07700 900321", "07700900321", "Kane", "1988-08-08"] {
                            #expect(!body.contains(secret), "\(agency) GET \(route) showed \(secret)")
                        }
                        if body.contains("Lindqvist") { #expect(after > before, "\(agency) GET \(route) showed her with no audit entry") }
                        #expect(response.status.code < 500, "\(agency) GET \(route) answered \(response.status.code)")
                    }
                    for route in writes where !partnersOwn.contains(where: { route.hasPrefix($0) || route == $0 }) {
                        let response = try await client.execute(uri: route, method: .post, headers: api, body: ByteBuffer(string: "{}"))
                        #expect(!(200..<300).contains(Int(response.status.code)), "\(agency) POST \(route) answered \(response.status.code)")
                    }
                }
            }
            #expect(gets.count > 40 && writes.count > 30)
            // Every look at her through the share is on the record, as a view of the shared case.
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_shared_case'") >= 2)
        }
    }
}
