import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import SafeguardDomain
import SafeguardStore
import SafeguardWeb
import ServiceLifecycle
import SafeguardSynthetic

/// `safeguard bench journey`: the whole path — call, risk assessment, review, case, safety plan — driven through the
/// JSON API over real HTTP against the real server on a fresh database, many incidents at once.
struct BenchJourney: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journey",
        abstract: "Drive complete incidents through the API concurrently against a fresh database; print throughput and latency per step.",
        discussion: """
            Each journey: the call handler records a call with a new victim and suspect (POST /incidents); the officer records \
            a risk assessment (POST /incidents/{id}/risk-assessments), a third each at standard, medium and high; the sergeant \
            reviews it (POST /risk-assessments/{id}/review); the case is read (GET /cases/{id}) and, where the level moved it \
            to another role, the person offered it accepts (POST /cases/{id}/handover/accept); the owner adds a safety action \
            (POST /cases/{id}/safety-actions). At the end it counts, in the database, open cases whose owner is missing, \
            switched off or away. The last line printed is one JSON object with every figure.
            """)

    @Option(help: "Complete journeys to run.") var incidents = 1_000
    @Option(help: "Journeys in flight at once.") var concurrency = 16
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?
    @Option(help: "Port for the server under test (0: any free port).") var port = 0

    static let steps = ["call", "assess", "review", "case", "accept", "plan"]

    func run() async throws {
        do {
            try await measure()
        } catch {
            Terminal.fail(error)
        }
    }

    private func measure() async throws {
        guard incidents >= 1, (1...256).contains(concurrency) else {
            throw DomainError.invalid([FieldError("incidents", "must be at least 1, with --concurrency between 1 and 256.")])
        }
        // A line per request on the terminal would measure the terminal; set SAFEGUARD_LOG_LEVEL=info to include it.
        if ProcessInfo.processInfo.environment["SAFEGUARD_LOG_LEVEL"] == nil { setenv("SAFEGUARD_LOG_LEVEL", "warning", 1) }
        let (url, folder) = try BenchDatabase.fresh(databaseURL)
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let runtime = try await Runtime.open(policyFile: nil, url: url)
        guard try await SyntheticForceLoader(pool: runtime.pool).isEmpty() else { throw DomainError.conflict("The bench database must be empty.") }
        let team = try await JourneyTeam.make(runtime.service)

        let server = try await BenchServer.start(runtime, port: port)
        print("Driving \(incidents) journeys, \(concurrency) at a time, against \(runtime.url.redacted) …")

        let started = ContinuousClock.now
        let results = try await withThrowingTaskGroup(of: JourneyResult.self) { group in
            var all: [JourneyResult] = []
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask { await Journey(index: index, server: server, team: team).run() }
            }
            for _ in 0..<min(concurrency, incidents) { launch() }
            while let result = try await group.next() {
                all.append(result)
                if all.count % max(1, incidents / 20) == 0 { Progress.bar(all.count, of: incidents, label: "journeys") }
                if next < incidents { launch() }
            }
            return all
        }
        let elapsed = BenchMatch.milliseconds(ContinuousClock.now - started) / 1000
        FileHandle.standardError.write(Data("\n".utf8))
        try await server.stop()

        let unowned = try await BenchServer.casesWithoutOwner(runtime)
        let openCases = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM cases WHERE status = 'open'")
        let errors = results.flatMap(\.errors)
        let completed = results.filter { $0.errors.isEmpty }.count
        print(
            String(
                format: "Completed %d of %d journeys in %.1f s: %.1f journeys/s; %d errors", completed, incidents, elapsed, Double(completed) / elapsed,
                errors.count))
        var stepFigures: [String: [String: Double]] = [:]
        for step in Self.steps {
            let times = results.compactMap { $0.milliseconds[step] }.sorted()
            guard !times.isEmpty else { continue }
            let figures = [
                "count": Double(times.count), "p50_ms": BenchMatch.round(BenchMatch.percentile(times, 0.50)),
                "p99_ms": BenchMatch.round(BenchMatch.percentile(times, 0.99))
            ]
            stepFigures[step] = figures
            print(String(format: "  %-7@ %6d requests  p50 %7.2f ms  p99 %7.2f ms", step as NSString, times.count, figures["p50_ms"]!, figures["p99_ms"]!))
        }
        for error in Set(errors).sorted().prefix(10) { print("  error: \(error)") }
        print("Open cases: \(openCases); open cases without an owner who is here: \(unowned)")
        print("  (query: open cases whose owner_user_id is missing, or whose owner is switched off or marked away)")
        let summary: [String: Any] = [
            "journeys": incidents, "completed": completed, "concurrency": concurrency, "seconds": BenchMatch.round(elapsed),
            "journeys_per_second": BenchMatch.round(Double(completed) / elapsed), "errors": errors.count,
            "open_cases": openCases, "cases_without_owner": unowned, "steps": stepFigures,
            "database": runtime.url.redacted.hasPrefix("postgres") ? "postgresql" : "sqlite"
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), as: UTF8.self))
        try await runtime.close()
        if !errors.isEmpty || unowned != 0 { throw ExitCode(2) }
    }
}

/// The bench's accounts and their API tokens: a division's worth — a call handler, 24 response officers and 8 DA
/// specialists under one sergeant — so caseloads are those of a team, not of four people holding the whole force.
struct JourneyTeam: Sendable {
    let handlerID: String
    let officerIDs: [String]
    let sergeantID: String
    /// Bearer token by user id, so whoever a case is offered to, or a task belongs to, can act on it.
    let tokenOfUser: [String: String]
    let usernameOf: [String: String]

    var handler: String { tokenOfUser[handlerID]! }
    var officers: [String] { officerIDs.map { tokenOfUser[$0]! } }
    var sergeant: String { tokenOfUser[sergeantID]! }

    static func make(_ service: SafeguardService) async throws -> JourneyTeam {
        var tokens: [String: String] = [:]
        var names: [String: String] = [:]
        func account(_ username: String, _ role: Role, supervisor: String? = nil) async throws -> String {
            let user = try await service.createUser(username: username, displayName: "Bench \(role.title)", role: role, password: "\(username)-bench-password")
            if let supervisor { try await service.setSupervisor(userID: user.id, supervisorID: supervisor, by: nil) }
            tokens[user.id] = try await service.issueToken(username: username).secret
            names[user.id] = username
            return user.id
        }
        let sergeant = try await account("bench-sergeant", .sergeant)
        let handler = try await account("bench-handler", .callHandler)
        var officers: [String] = []
        for n in 1...24 { officers.append(try await account("bench-officer-\(n)", .responseOfficer, supervisor: sergeant)) }
        for n in 1...8 { _ = try await account("bench-specialist-\(n)", .daSpecialist, supervisor: sergeant) }
        return JourneyTeam(handlerID: handler, officerIDs: officers, sergeantID: sergeant, tokenOfUser: tokens, usernameOf: names)
    }

    /// The same people with new tokens (a token lasts `apiTokenDays`; a bench that moves the clock on needs fresh ones).
    func reissued(_ service: SafeguardService) async throws -> JourneyTeam {
        var tokens: [String: String] = [:]
        for (id, username) in usernameOf { tokens[id] = try await service.issueToken(username: username).secret }
        return JourneyTeam(handlerID: handlerID, officerIDs: officerIDs, sergeantID: sergeantID, tokenOfUser: tokens, usernameOf: usernameOf)
    }
}

struct JourneyResult: Sendable {
    var milliseconds: [String: Double] = [:]
    var errors: [String] = []
}

/// One incident from call to safety plan, as the people involved would drive it through the API.
struct Journey {
    let index: Int
    let server: BenchServer
    let team: JourneyTeam

    func run() async -> JourneyResult {
        var result = JourneyResult()
        do {
            let level = RiskLevel.allCases[index % 3]
            let call = try await step("call", &result, .POST, "/incidents", token: team.handler, body: callBody(), expect: 201)
            let incidentID = try jsonField(call, "incident", "id")
            let victimID = try jsonField(call, "victims", 0, "person_id")
            let officer = team.officers[index % team.officers.count]
            let assessment = try await step(
                "assess", &result, .POST, "/incidents/\(incidentID)/risk-assessments", token: officer,
                body: try assessmentBody(victimID: victimID, level: level), expect: 201)
            _ = try await step(
                "review", &result, .POST, "/risk-assessments/\(try jsonField(assessment, "id"))/review", token: team.sergeant,
                body: ["quality_note": "Checked against the call record; level agreed."], expect: 200)
            let caseID = try jsonField(call, "cases", 0, "id")
            var view = try await step("case", &result, .GET, "/cases/\(caseID)", token: officer, body: nil, expect: 200)
            if let offeredTo = (try? jsonField(view, "safeguarding_case", "pending_handover", "to", "id")), let token = team.tokenOfUser[offeredTo] {
                view = try await step("accept", &result, .POST, "/cases/\(caseID)/handover/accept", token: token, body: nil, expect: 200)
                view = ["safeguarding_case": view]
            }
            let owner = try jsonField(view, "safeguarding_case", "owner", "id")
            _ = try await step(
                "plan", &result, .POST, "/cases/\(caseID)/safety-actions", token: team.tokenOfUser[owner] ?? officer,
                body: ["action": SafetyToolkit.cambridgeshire[index % SafetyToolkit.cambridgeshire.count]], expect: 201)
        } catch {
            result.errors.append("\(error)")
        }
        return result
    }

    private func step(
        _ name: String, _ result: inout JourneyResult, _ method: HTTPMethod, _ path: String, token: String, body: [String: Any]?,
        expect: Int
    ) async throws -> [String: Any] {
        let started = ContinuousClock.now
        let response = try await server.send(method, path, token: token, body: body)
        result.milliseconds[name] = BenchMatch.milliseconds(ContinuousClock.now - started)
        guard response.status == expect else { throw JourneyError("\(name): HTTP \(response.status) \(response.text.prefix(200))") }
        return response.json
    }

    /// A synthetic call: a new victim and suspect, named from the journey's number so no two are alike. Names one digit
    /// apart look alike to the match check, so each is sent confirmed new, as a handler who chose "None of these".
    private func callBody() -> [String: Any] {
        [
            "channel": "999", "caller": "victim", "setting": index % 4 == 0 ? "rural" : "urban", "relationship": "intimate_partner",
            "abuse_types": ["physical", "coercive_control"], "summary": "Bench journey \(index).",
            "parties": [
                ["role": "victim", "new_person": ["first_name": "Victim\(index)", "surname": "Bench", "date_of_birth": "1990-01-01", "confirmed_new": true]],
                ["role": "suspect", "new_person": ["first_name": "Suspect\(index)", "surname": "Bench", "date_of_birth": "1988-01-01", "confirmed_new": true]]
            ],
            "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no", "children_present": "no", "fear": "quite"
        ]
    }

    private func assessmentBody(victimID: String, level: RiskLevel) throws -> [String: Any] {
        let instrument = try RiskInstruments.named("dash-2009")
        var answers: [String: String] = [:]
        for (position, question) in instrument.questions.enumerated() { answers[question.id] = position < 3 + index % 5 ? "yes" : "no" }
        for prompt in instrument.supplementary.flatMap(\.questions) { answers[prompt.id] = "no" }
        return [
            "victim_person_id": victimID, "answers": answers, "level": level.rawValue,
            "rationale": "Judged \(level.rawValue) from her account, the history and what I saw at the scene."
        ]
    }
}

struct JourneyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A fresh database for a bench: the one named (which must be empty), or a new SQLite file in a temporary folder
/// that the caller removes when done.
enum BenchDatabase {
    static func fresh(_ databaseURL: String?) throws -> (DatabaseURL, URL?) {
        if let databaseURL { return (try DatabaseURL.parse(databaseURL), nil) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safeguard-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (.sqlite(path: folder.appendingPathComponent("bench.sqlite").path), folder)
    }
}
