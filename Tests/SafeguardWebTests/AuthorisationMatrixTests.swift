import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SafeguardDomain
import SafeguardTestSupport
import SafeguardWeb
import Testing

/// Rule 33's authorisation matrix, generated from the router: every role (and nobody signed in) against every route
/// the router serves, each time with a record the role may see and one it may not (a restricted police-employee
/// victim, a refuge address, a case not shared with the partner, a Clare's Law applicant). Each route's row in
/// `AuthorisationMatrix.rows` says who may use it; the walk checks that exactly those roles get past the door and
/// that nobody reads what Visibility hides. A route added to the router without a row fails the walk, which names
/// the row to add.
@Suite("Authorisation matrix: every role against every route", .serialized)
struct AuthorisationMatrixTests {
    @Test(
        "Rule 33: every role × every route × a record it may and may not see — only the route's row gets in, 0 leaks, and no route without a row",
        arguments: TestEngine.available)
    func everyRoleAgainstEveryRoute(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let force = try await MatrixForce.make(store)
            let router = try await buildRouter(service: store.service, configuration: WebConfiguration(), logger: Logger(label: "test"))
            let routes = router.routes.map { MatrixRoute(method: $0.method, path: "\($0.path)") }
            let app = Application(router: router, logger: Logger(label: "test"))
            let findings = MatrixFindings()
            try await app.test(.router) { client in
                // Nobody signed in: only the public rows answer; pages send her to sign in, the API says 401.
                for route in routes {
                    let response = try await client.execute(
                        uri: route.fill(force.ordinary), method: route.method, headers: route.isAPI ? [.contentType: "application/json"] : [:],
                        body: route.method == .get ? nil : ByteBuffer(string: route.isAPI ? "{}" : ""))
                    if let row = AuthorisationMatrix.rows[route.key], !row.isPublic {
                        let refused = route.isAPI ? response.status == .unauthorized : [.seeOther, .found, .unauthorized, .forbidden].contains(response.status)
                        findings.expect(refused, "anonymous \(route.key) answered \(response.status.code)")
                        findings.expect(!force.anyPersonalData(in: String(buffer: response.body)), "anonymous \(route.key) showed personal data")
                    }
                }
                for role in Role.allCases {
                    let user = try #require(force.users[role])
                    let username = MatrixForce.username(role)
                    let browser = try await signIn(client, username: username, password: "\(username)-test-password")
                    let api = try await bearer(store, username)
                    for route in routes where !MatrixForce.sessionRoutes.contains(route.key) {
                        let headers = route.isAPI ? api : (route.method == .get ? browser.headers : browser.formHeaders)
                        guard let row = AuthorisationMatrix.rows[route.key] else {
                            findings.missing(route.key, role: role, status: try await route.status(client, force.ordinary, headers, browser, role))
                            continue
                        }
                        let sets = route.method == .get && route.hasID ? [force.ordinary, force.hidden, force.elsewhere] : [force.ordinary]
                        for records in sets {
                            let response = try await route.execute(client, records, headers, browser, role)
                            let status = response.status
                            findings.expect(status.code < 500, "\(role) \(route.key) answered \(status.code)")
                            // A role that works one area (a neighbourhood officer) is refused another area's briefing.
                            let otherArea = route.normalised.contains(":code") && records.label != force.ordinary.label
                            if row.allows(user) && !(otherArea && store.service.policy.seesOwnAreaOnly(role)) {
                                // Her restricted record, or another area's, may be refused outright to a role its row lets in:
                                // that is no leak.
                                findings.expect(
                                    status != .forbidden || records.label != force.ordinary.label,
                                    "\(role) \(route.key) (\(records.label)) was refused, though its row allows \(row)")
                            } else {
                                findings.expect(
                                    status == .forbidden, "\(role) \(route.key) (\(records.label)) answered \(status.code), though its row is \(row)")
                            }
                            let scoped = store.service.policy.seesOwnAreaOnly(role)
                            for leak in force.leaks(in: String(buffer: response.body), role: role, scoped: scoped, route: route, records: records) {
                                findings.fail("\(role) \(route.key) (\(records.label)) showed \(leak)")
                            }
                        }
                    }
                }
            }
            // Every row names a route the router still serves: a row left behind for a removed route is noise.
            let served = Set(routes.map(\.key))
            for key in AuthorisationMatrix.rows.keys where !served.contains(key) { findings.fail("a row for \(key), which the router no longer serves") }
            #expect(findings.failures.isEmpty, "\(findings.failures.count) failures:\n\(findings.failures.prefix(80).joined(separator: "\n"))")
            if !findings.missingRows.isEmpty {
                Issue.record("routes with no row in AuthorisationMatrix.rows (the roles each let in, and the row that says so):\n\(findings.describeMissing())")
            }
            #expect(routes.count > 150)
        }
    }
}

/// One route of the router, and how to call it with a set of records' ids.
struct MatrixRoute: Sendable {
    let method: HTTPRequest.Method
    let path: String

    var key: String { "\(method.rawValue) \(normalised)" }
    var isAPI: Bool { path.hasPrefix("/api/v1/") }
    var hasID: Bool { path.contains(":") || path.contains("{") }

    /// The path with parameters written `:name`, whatever the router prints.
    var normalised: String {
        "/"
            + path.split(separator: "/").map { segment in
                segment.hasPrefix("{") ? ":" + segment.dropFirst().dropLast() : String(segment)
            }.joined(separator: "/")
    }

    /// The path with each parameter filled from the segment before it (`people/:id` → her record's id).
    func fill(_ records: MatrixRecords) -> String {
        var segments = normalised.split(separator: "/").map(String.init)
        for index in segments.indices where segments[index].hasPrefix(":") {
            let before = index > 0 ? segments[index - 1] : ""
            let twoBefore = index > 1 ? segments[index - 2] : ""
            segments[index] = records.ids[twoBefore == "shared" ? "shared" : before] ?? "unknown"
        }
        return "/" + segments.joined(separator: "/")
    }

    func execute(
        _ client: any TestClientProtocol, _ records: MatrixRecords, _ headers: HTTPFields, _ browser: Browser, _ role: Role
    ) async throws -> TestResponse {
        // Roles that look back state a reason, as on the pages; nobody else needs one.
        let query = method == .get ? (role.mustStateReasonToViewPeople ? "?reason=authorisation%20matrix&name=Lindqvist" : "?name=Lindqvist") : ""
        let body: ByteBuffer? =
            method == .get ? nil : isAPI ? ByteBuffer(string: "{}") : form([("_csrf", browser.csrf)])
        return try await client.execute(uri: fill(records) + query, method: method, headers: headers, body: body)
    }

    func status(
        _ client: any TestClientProtocol, _ records: MatrixRecords, _ headers: HTTPFields, _ browser: Browser, _ role: Role
    ) async throws -> HTTPResponse.Status {
        try await execute(client, records, headers, browser, role).status
    }
}

/// A set of ids to fill routes with: her ordinary records, or the ones a role may not see in full.
struct MatrixRecords: Sendable {
    let label: String
    let ids: [String: String]
}

/// The test force: an ordinary victim whose case is shared with the IDVA service, a restricted victim (a police
/// employee) living in a refuge whose case is shared with nobody, a Clare's Law application about the suspect, and
/// an account of every role.
struct MatrixForce: Sendable {
    let ordinary: MatrixRecords
    let hidden: MatrixRecords
    /// An ordinary victim of the southern area, with her incident and case: another area's, to an area-scoped role.
    let elsewhere: MatrixRecords
    /// The account of each role the walk signs in as (the neighbourhood officer works the northern area).
    let users: [Role: User]

    /// Signing in and out change the session the walk uses: their rows are kept, and other tests try them.
    static let sessionRoutes: Set<String> = ["POST /sign-in", "POST /sign-out"]

    static func username(_ role: Role) -> String { "m-" + role.rawValue.replacingOccurrences(of: "_", with: "-") }

    static func make(_ store: TestStore) async throws -> MatrixForce {
        let area = try await store.service.createArea(code: "NTH", name: "Northern division", postcodes: ["PR"])
        let otherArea = try await store.service.createArea(code: "STH", name: "Southern division", postcodes: ["BB"])
        var users: [Role: User] = [:]
        for role in Role.allCases {
            users[role] = try await store.service.createUser(
                username: username(role), displayName: "Matrix \(role.title)", role: role, password: "\(username(role))-test-password",
                areaCode: role == .neighbourhoodOfficer ? area.code : nil, agency: role == .partnerAgency ? "idva" : nil)
        }
        let specialist = try await store.actor(.daSpecialist, username: "matrix-specialist")
        let handler = try await store.actor(.callHandler, username: "matrix-handler")
        let officer = try await store.actor(.responseOfficer, username: "matrix-officer")
        // her ordinary record, her incident and case, shared with the IDVA service for her risk level
        let victim = try await store.service.createPerson(
            handler,
            draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02", addressLine1: "4 Mill Lane", postcode: "PR1 4AA"))
        let suspect = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Rob", surname: "Kane", dateOfBirth: "1988-08-08"))
        let incident = try await call(store, handler, victim: victim.id, suspect: suspect.id)
        _ = try await store.service.recordRiskAssessment(officer, incidentID: incident, draft: try dashDraft(victimID: victim.id, yes: 3, level: "standard"))
        let caseID = try #require(try await store.service.viewIncidentRecord(specialist, id: incident).cases.first?.id)
        _ = try await store.service.shareCase(
            specialist, caseID: caseID,
            draft: CaseShareDraft(
                agency: "idva", fieldGroups: ["risk"], consent: "given", endsOn: CalendarDate.string(store.clock.now().addingTimeInterval(30 * 86_400))))
        // the restricted record: a police employee, in a refuge, her case shared with nobody
        var draft = PersonDraft(firstName: "Verity", surname: "Quennell", dateOfBirth: "1979-11-05", addressLine1: "Refuge House", postcode: "PR2 9ZZ")
        draft.restricted = true
        let restricted = try await store.service.createPerson(specialist, draft: draft)
        let refuge = try #require(await store.service.viewPerson(specialist, id: restricted.id).person.addresses.first?.address.id)
        _ = try await store.service.setAddressConfidential(specialist, addressID: refuge, confidential: true, reason: "refuge")
        let hiddenIncident = try await call(store, handler, victim: restricted.id, suspect: suspect.id)
        _ = try await store.service.recordRiskAssessment(
            officer, incidentID: hiddenIncident, draft: try dashDraft(victimID: restricted.id, yes: 3, level: "standard"))
        let hiddenCase = try #require(try await store.service.viewIncidentRecord(specialist, id: hiddenIncident).cases.first?.id)
        // a Clare's Law application about him, by her mother
        let application = try await store.service.applyForDisclosure(
            specialist,
            draft: DisclosureApplicationDraft(
                route: "right_to_ask", applicantName: "Grace Moss", applicantRelationship: "her mother", subjectPersonID: suspect.id)
        ).application.id
        let home = try #require(await store.service.viewPerson(specialist, id: victim.id).person.addresses.first?.address.id)
        // another area's victim, her incident and case (placed in the south by where she lives)
        let southern = try await store.service.createPerson(
            handler,
            draft: PersonDraft(firstName: "Nadia", surname: "Okonjo", dateOfBirth: "1992-07-08", addressLine1: "9 Weir Road", postcode: "BB1 2CD"))
        let southernSuspect = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Lee", surname: "Varga", dateOfBirth: "1985-09-09"))
        let southernIncident = try await call(store, handler, victim: southern.id, suspect: southernSuspect.id)
        _ = try await store.service.recordRiskAssessment(
            officer, incidentID: southernIncident, draft: try dashDraft(victimID: southern.id, yes: 3, level: "standard"))
        let southernCase = try #require(try await store.service.viewIncidentRecord(specialist, id: southernIncident).cases.first?.id)
        let southernHome = try #require(await store.service.viewPerson(specialist, id: southern.id).person.addresses.first?.address.id)
        let shared = [
            "risk-instruments": "dash-2009", "disclosures": application, "disclosure-applications": application,
            "users": specialist.user.id
        ]
        return MatrixForce(
            ordinary: MatrixRecords(
                label: "her ordinary record",
                ids: shared.merging([
                    "people": victim.id, "incidents": incident, "cases": caseID, "shared": caseID, "addresses": home, "areas": area.code
                ]) { $1 }),
            hidden: MatrixRecords(
                label: "a restricted record in a refuge, not shared, in another area",
                ids: shared.merging([
                    "people": restricted.id, "incidents": hiddenIncident, "cases": hiddenCase, "shared": hiddenCase, "addresses": refuge,
                    "areas": otherArea.code
                ]) { $1 }),
            elsewhere: MatrixRecords(
                label: "another area's record",
                ids: shared.merging([
                    "people": southern.id, "incidents": southernIncident, "cases": southernCase, "shared": southernCase, "addresses": southernHome,
                    "areas": otherArea.code
                ]) { $1 }),
            users: users)
    }

    static func call(_ store: TestStore, _ handler: Actor, victim: String, suspect: String) async throws -> String {
        try await store.service.openIncident(
            handler,
            draft: CallDraft(
                channel: "999", relationship: "intimate_partner",
                parties: [CallPartyDraft(role: "victim", personID: victim), CallPartyDraft(role: "suspect", personID: suspect)],
                immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
        ).incident.id
    }

    /// Whether `body` shows anything that identifies a person of this force.
    func anyPersonalData(in body: String) -> Bool {
        ["Lindqvist", "Kane", "Quennell", "Okonjo", "Varga", "1990-01-02", "1988-08-08", "1979-11-05", "1992-07-08", "Refuge House", "Grace Moss"].contains {
            body.contains($0)
        }
    }

    /// What `body` showed that `role` may not read: the restricted record and the refuge (only with restricted
    /// access), the Clare's Law applicant (only whoever handles disclosure), any person at all to leaders and the
    /// administrator (aggregates and accounts only), and to the partner anything beyond the case shared with it.
    func leaks(in body: String, role: Role, scoped: Bool, route: MatrixRoute, records: MatrixRecords) -> [String] {
        var leaks: [String] = []
        if !role.can(.viewRestricted) {
            leaks += ["Quennell", "1979-11-05", "Refuge House"].filter { body.contains($0) }
        }
        if !role.can(.handleDisclosure) && body.contains("Grace Moss") { leaks.append("the Clare's Law applicant") }
        if role == .seniorLeader || role == .administrator {
            leaks += ["Lindqvist", "Kane", "Quennell", "Okonjo", "Varga"].filter { body.contains($0) }
        }
        // An area-scoped role reads nothing of another area's victim or her incident.
        if scoped && records.label == elsewhere.label { leaks += ["Okonjo", "Varga", "1992-07-08", "9 Weir Road"].filter { body.contains($0) } }
        if role == .partnerAgency {
            let throughShare = records.label == ordinary.label && route.normalised.contains("/shared")
            if body.contains("Lindqvist") && !throughShare { leaks.append("her name outside the case shared") }
            leaks += ["Kane", "1988-08-08", "1990-01-02", "Okonjo", "Varga", "1992-07-08"].filter { body.contains($0) }
        }
        return leaks
    }
}

/// What the walk found, gathered across roles and routes.
final class MatrixFindings: @unchecked Sendable {
    private let lock = NSLock()
    private var failed: [String] = []
    private var missed: [String: [String]] = [:]

    func expect(_ condition: Bool, _ message: @autoclosure () -> String) { if !condition { fail(message()) } }
    func fail(_ message: String) { lock.withLock { failed.append(message) } }
    func missing(_ key: String, role: Role, status: HTTPResponse.Status) {
        lock.withLock { missed[key, default: []].append(status == .forbidden ? "-" : "\(role.rawValue)=\(status.code)") }
    }

    var failures: [String] { lock.withLock { failed } }
    var missingRows: [String: [String]] { lock.withLock { missed } }

    /// Each missing row, with the roles the route let in and the permission held by exactly those roles, if one is.
    func describeMissing() -> String {
        missingRows.sorted { $0.key < $1.key }.map { key, seen in
            let admitted = Set(seen.filter { $0 != "-" }.map { String($0.prefix { $0 != "=" }) })
            let permission = Permission.allCases.first { permission in
                Set(Role.allCases.filter { $0.can(permission) }.map(\.rawValue)) == admitted
            }
            let row = permission.map { ".permission(.\($0.rawValue))" } ?? "? admitted \(seen.filter { $0 != "-" }.sorted())"
            return "\"\(key)\": \(row),"
        }.joined(separator: "\n")
    }
}
