import ArgumentParser
import Foundation
import NIOHTTP1
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic
import SQLKit

/// `safeguard bench soak`: the live service held at a large force's peak load times ten for half an hour (issue 24,
/// part 4). A demo force is made in a fresh database and served over real HTTP; calls, matches, risk assessments, case
/// pages, figures and partner reads then arrive at random (Poisson) times at their own rates, none waiting for
/// another, as people at work would send them. It prints each kind's p50/p99, every error, and the process's memory
/// after the warm-up and at the end.
struct BenchSoak: MeasuringBench {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Hold a mixed load at a large force's peak times ten over HTTP; print p99 per kind, errors and memory growth.",
        discussion: """
            The rates follow the force: --incidents-per-year DA incidents (150,000: a force the size of the Metropolitan \
            Police), arriving at --peak-factor times the year's mean rate in the busiest hours, times --scale. Each call brings \
            3 person matches, 1 risk assessment, 10 reads of a case page and 2 partner reads of a shared case; analysts ask \
            for a period's figures --figures-per-minute times a minute, times --scale. Memory is the resident size of this \
            process (server and load together), sampled every 10 s: growth is the last sample against the first after \
            --warmup-minutes, judged on the heap (anonymous memory, where a leak shows); the resident total, which also \
            counts SQLite's memory-mapped database pages as the database grows, is printed beside it. Exits 2 on any \
            error or a heap growth of 10% or more. The last line is one JSON object.
            """)

    @Option(help: "How long to hold the load, in minutes.") var minutes = 30.0
    @Option(help: "Minutes before memory is taken as the baseline.") var warmupMinutes = 5.0
    @Option(help: "DA incidents a year at the force modelled.") var incidentsPerYear = 150_000.0
    @Option(help: "The busiest hours' rate against the year's mean rate.") var peakFactor = 3.0
    @Option(help: "Times the peak rate to drive.") var scale = 10.0
    @Option(help: "Analysts' figure requests a minute at peak, before --scale.") var figuresPerMinute = 1.0
    @Option(help: "Individuals in the demo force served.") var people = 5_000
    @Option(help: "Seed of the force and of the load.") var seed: UInt64 = 24
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?
    @Option(help: "Port for the server under test (0: any free port).") var port = 0

    func measure() async throws {
        guard minutes > 0, warmupMinutes >= 0, warmupMinutes < minutes, scale > 0, incidentsPerYear > 0, people >= 100 else {
            throw DomainError.invalid(
                [FieldError("minutes", "must be more than --warmup-minutes, with --scale and --incidents-per-year above 0 and --people at least 100.")])
        }
        if ProcessInfo.processInfo.environment["SAFEGUARD_LOG_LEVEL"] == nil { setenv("SAFEGUARD_LOG_LEVEL", "warning", 1) }
        let (url, folder) = try BenchDatabase.fresh(databaseURL)
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let runtime = try await Runtime.open(policyFile: nil, url: url)
        guard try await SyntheticForceLoader(pool: runtime.pool).isEmpty() else { throw DomainError.conflict("The bench database must be empty.") }
        print("Making a demo force of \(people) individuals in \(runtime.url.redacted) …")
        try await DemoForce.fill(
            runtime: runtime, people: people, years: 3, seed: seed, endDate: try DemoForce.endDate(nil), quiet: true, recentWeeks: true)
        let load = try await SoakLoad.prepare(runtime)
        let server = try await BenchServer.start(runtime, port: port)

        let callsPerSecond = incidentsPerYear / (365 * 86_400) * peakFactor * scale
        let rates: [(SoakKind, Double)] = [
            (.call, callsPerSecond), (.match, 3 * callsPerSecond), (.assess, callsPerSecond), (.casePage, 10 * callsPerSecond),
            (.figures, figuresPerMinute * scale / 60), (.partner, 2 * callsPerSecond)
        ]
        print(
            String(
                format: "Holding %.2f requests/s for %.0f min (calls %.3f/s; %.0f incidents a year × peak %.1f × %.0f) against %@ …",
                rates.map(\.1).reduce(0, +), minutes, callsPerSecond, incidentsPerYear, peakFactor, scale, runtime.url.redacted as NSString))
        let recorder = SoakRecorder()
        let started = ContinuousClock.now
        let deadline = started + .seconds(minutes * 60)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, (kind, rate)) in rates.enumerated() {
                group.addTask {
                    var random = SeededGenerator(seed: seed &+ UInt64(index) &* 7919)
                    // A discarding group: a plain task group keeps every finished request until it is awaited, which
                    // over half an hour is the load's own memory growing, not the server's.
                    try await withThrowingDiscardingTaskGroup { requests in
                        while ContinuousClock.now < deadline {
                            // Poisson arrivals: exponential gaps at the kind's rate, nobody waiting for the last answer.
                            let gap = -log(Double.random(in: Double.ulpOfOne..<1, using: &random)) / rate
                            try await Task.sleep(for: .seconds(gap))
                            guard ContinuousClock.now < deadline else { break }
                            let pick = UInt64.random(in: 0..<UInt64.max, using: &random)
                            requests.addTask { await load.send(kind, pick: pick, server: server, recorder: recorder) }
                        }
                    }
                }
            }
            group.addTask {
                // Memory every 10 s, and a line of progress every minute.
                var lastMinute = -1
                while ContinuousClock.now < deadline {
                    let elapsed = BenchMatch.milliseconds(ContinuousClock.now - started) / 1000
                    await recorder.sampleMemory(at: elapsed)
                    if Int(elapsed / 60) > lastMinute {
                        lastMinute = Int(elapsed / 60)
                        let counts = await recorder.counts()
                        FileHandle.standardError.write(Data("  minute \(lastMinute): \(counts.requests) requests, \(counts.errors) errors\n".utf8))
                    }
                    try await Task.sleep(for: .seconds(10))
                }
                await recorder.sampleMemory(at: BenchMatch.milliseconds(ContinuousClock.now - started) / 1000)
            }
            try await group.waitForAll()
        }
        try await server.stop()
        let report = await recorder.report(warmupSeconds: warmupMinutes * 60)
        for line in report.lines { print(line) }
        var summary = report.json
        summary["minutes"] = minutes
        summary["requests_per_second_offered"] = BenchMatch.round(rates.map(\.1).reduce(0, +), 3)
        summary["database"] = runtime.url.redacted.hasPrefix("postgres") ? "postgresql" : "sqlite"
        print(String(decoding: try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), as: UTF8.self))
        try await runtime.close()
        if report.errors > 0 || report.growth >= 0.10 { throw ExitCode(2) }
    }
}

/// The kinds of request the soak mixes.
enum SoakKind: String, CaseIterable, Sendable {
    case call, match, assess, casePage = "case_page", figures, partner
}

/// What the load needs from the force it is served: tokens and a session of the demo accounts, cases to read,
/// people to look up and cases shared with the IDVA service.
struct SoakLoad: Sendable {
    let tokens: [String: String]
    let specialistSession: String
    let caseIDs: [String]
    let sharedCaseIDs: [String]
    let people: [(id: String, firstName: String, surname: String, dateOfBirth: String?)]
    let made = MadeIncidents()

    static func prepare(_ runtime: Runtime) async throws -> SoakLoad {
        var tokens: [String: String] = [:]
        for username in ["handler", "officer", "analyst", "partner"] { tokens[username] = try await runtime.service.issueToken(username: username).secret }
        let session = try await runtime.service.signIn(username: "specialist", password: DemoForce.password(for: "specialist"))
        guard let partner = try await runtime.service.accounts().first(where: { $0.username == "partner" }) else {
            throw DomainError.conflict("The demo force has no partner account.")
        }
        let shared = try await runtime.service.sharedCases(Actor(partner)).map(\.caseID)
        let (cases, people) = try await runtime.pool.withConnection { db in
            let cases = try await db.raw("SELECT id FROM cases ORDER BY id LIMIT 5000").all().map { try $0.decode(column: "id", as: String.self) }
            let people = try await db.raw("SELECT id, first_name, surname, date_of_birth FROM people ORDER BY id LIMIT 5000").all().map {
                (
                    id: try $0.decode(column: "id", as: String.self), firstName: try $0.decode(column: "first_name", as: String.self),
                    surname: try $0.decode(column: "surname", as: String.self), dateOfBirth: try $0.decode(column: "date_of_birth", as: String?.self)
                )
            }
            return (cases, people)
        }
        guard !cases.isEmpty, !people.isEmpty, !shared.isEmpty else { throw DomainError.conflict("The demo force has no cases, people or shared cases.") }
        return SoakLoad(tokens: tokens, specialistSession: session.sessionSecret, caseIDs: cases, sharedCaseIDs: shared, people: people)
    }

    func send(_ kind: SoakKind, pick: UInt64, server: BenchServer, recorder: SoakRecorder) async {
        let started = ContinuousClock.now
        var status = 0
        var expected = 200
        do {
            switch kind {
            case .call:
                expected = 201
                let victim = people[Int(pick % UInt64(people.count))]
                let response = try await server.send(.POST, "/incidents", token: tokens["handler"]!, body: Self.call(victim: victim.id, pick: pick))
                status = response.status
                if let incident = try? jsonField(response.json, "incident", "id") { await made.add(incident, victim: victim.id) }
            case .match:
                let person = people[Int(pick % UInt64(people.count))]
                var body: [String: Any] = ["first_name": person.firstName, "surname": person.surname]
                if pick % 3 != 0, let born = person.dateOfBirth { body["date_of_birth"] = born }
                status = try await server.send(.POST, "/people/match", token: tokens["handler"]!, body: body).status
            case .assess:
                expected = 201
                guard let (incident, victim) = await made.take() else { return }
                status = try await server.send(
                    .POST, "/incidents/\(incident)/risk-assessments", token: tokens["officer"]!, body: try Self.assessment(victim: victim, pick: pick)
                ).status
            case .casePage:
                status = try await server.page("/cases/\(caseIDs[Int(pick % UInt64(caseIDs.count))])", session: specialistSession).status
            case .figures:
                let days = [30, 90, 365][Int(pick % 3)]
                let to = Date(), from = to.addingTimeInterval(-Double(days) * 86_400)
                status = try await server.send(
                    .GET, "/figures?from=\(CalendarDate.string(from))&to=\(CalendarDate.string(to))", token: tokens["analyst"]!, body: nil
                ).status
            case .partner:
                status = try await server.send(
                    .GET, "/shared/cases/\(sharedCaseIDs[Int(pick % UInt64(sharedCaseIDs.count))])", token: tokens["partner"]!, body: nil
                ).status
            }
        } catch {
            await recorder.record(kind, milliseconds: BenchMatch.milliseconds(ContinuousClock.now - started), error: "\(kind.rawValue): \(error)")
            return
        }
        let error = status == expected ? nil : "\(kind.rawValue): HTTP \(status)"
        await recorder.record(kind, milliseconds: BenchMatch.milliseconds(ContinuousClock.now - started), error: error)
    }

    /// A 999 call from one of the force's people (so most are repeat victims) about a new suspect.
    static func call(victim: String, pick: UInt64) -> [String: Any] {
        [
            "channel": pick % 4 == 0 ? "101" : "999", "caller": "victim", "relationship": "intimate_partner", "abuse_types": ["physical"],
            "summary": "Soak call \(pick % 100_000).",
            "parties": [
                ["role": "victim", "person_id": victim],
                ["role": "suspect", "new_person": ["first_name": "Soak\(pick % 100_000)", "surname": "Suspect", "confirmed_new": true]]
            ],
            "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no", "children_present": "no", "fear": "quite"
        ]
    }

    static func assessment(victim: String, pick: UInt64) throws -> [String: Any] {
        let instrument = try RiskInstruments.named("dash-2009")
        var answers: [String: String] = [:]
        let yes = 3 + Int(pick % 8)
        for (position, question) in instrument.questions.enumerated() { answers[question.id] = position < yes ? "yes" : "no" }
        for prompt in instrument.supplementary.flatMap(\.questions) { answers[prompt.id] = "no" }
        let level = yes >= 10 ? "high" : yes >= 6 ? "medium" : "standard"
        return [
            "victim_person_id": victim, "answers": answers, "level": level,
            "rationale": "Judged \(level) from her account, the history and what I saw at the scene."
        ]
    }
}

/// Incidents the soak's calls opened, waiting for their risk assessment.
actor MadeIncidents {
    private var waiting: [(String, String)] = []
    func add(_ incident: String, victim: String) { waiting.append((incident, victim)) }
    func take() -> (String, String)? { waiting.isEmpty ? nil : waiting.removeFirst() }
}

/// Every request's time and outcome, and the process's memory over the run.
actor SoakRecorder {
    private var times: [SoakKind: [Double]] = [:]
    private var errorCount: [SoakKind: Int] = [:]
    private var errorSamples: [String] = []
    private var memory: [(seconds: Double, sample: MemorySample)] = []

    func record(_ kind: SoakKind, milliseconds: Double, error: String?) {
        times[kind, default: []].append(milliseconds)
        if let error {
            errorCount[kind, default: 0] += 1
            if errorSamples.count < 20 { errorSamples.append(error) }
        }
    }

    func counts() -> (requests: Int, errors: Int) { (times.values.map(\.count).reduce(0, +), errorCount.values.reduce(0, +)) }

    func sampleMemory(at seconds: Double) { if let sample = MemorySample.now() { memory.append((seconds, sample)) } }

    /// This process's resident memory from /proc (Linux): all of it, and the anonymous part (the heap, where a leak
    /// shows). The rest is file-backed — SQLite's memory-mapped database pages, which grow as the database is read and
    /// written and which the kernel reclaims as it needs — so growth is judged on the anonymous part and both printed.
    struct MemorySample: Sendable {
        var resident: Int
        var anonymous: Int

        static func now() -> MemorySample? {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
            func kilobytes(_ field: String) -> Int? {
                status.split(separator: "\n").first(where: { $0.hasPrefix(field) })
                    .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
            }
            guard let resident = kilobytes("VmRSS:"), let anonymous = kilobytes("RssAnon:") else { return nil }
            return MemorySample(resident: resident * 1024, anonymous: anonymous * 1024)
        }
    }

    struct Report: Sendable {
        var lines: [String]
        var kinds: [String: [String: Double]]
        var memory: [String: Double]
        var errors: Int
        var growth: Double

        var json: [String: Any] { ["kinds": kinds, "errors": errors, "memory_growth": BenchMatch.round(growth, 4)].merging(memory) { $1 } }
    }

    func report(warmupSeconds: Double) -> Report {
        var lines: [String] = []
        var kinds: [String: [String: Double]] = [:]
        for kind in SoakKind.allCases {
            let sorted = (times[kind] ?? []).sorted()
            guard !sorted.isEmpty else { continue }
            let figures = [
                "count": Double(sorted.count), "errors": Double(errorCount[kind] ?? 0), "p50_ms": BenchMatch.round(BenchMatch.percentile(sorted, 0.50)),
                "p99_ms": BenchMatch.round(BenchMatch.percentile(sorted, 0.99)), "max_ms": BenchMatch.round(sorted.last!)
            ]
            kinds[kind.rawValue] = figures
            lines.append(
                String(
                    format: "  %@ %7d requests  %4d errors  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms",
                    kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) as NSString, sorted.count,
                    errorCount[kind] ?? 0, figures["p50_ms"]!, figures["p99_ms"]!, figures["max_ms"]!))
        }
        let errors = errorCount.values.reduce(0, +)
        let after = memory.filter { $0.seconds >= warmupSeconds }.map(\.sample)
        let baseline = after.first ?? memory.last?.sample, final = memory.last?.sample
        func growth(_ part: KeyPath<MemorySample, Int>) -> Double {
            guard let baseline, let final, baseline[keyPath: part] > 0 else { return 0 }
            return Double(final[keyPath: part] - baseline[keyPath: part]) / Double(baseline[keyPath: part])
        }
        let mb = { (bytes: Int?) in BenchMatch.round(Double(bytes ?? 0) / 1_048_576, 1) }
        let percent = { (share: Double) in String(format: "%+.1f%%", share * 100) }
        lines.append("Errors: \(errors).")
        lines.append(
            "Memory (server and load), after the warm-up → at the end: heap (anonymous) \(mb(baseline?.anonymous)) → \(mb(final?.anonymous)) MB (\(percent(growth(\.anonymous)))), peak \(mb(after.map(\.anonymous).max())) MB; resident in all \(mb(baseline?.resident)) → \(mb(final?.resident)) MB (\(percent(growth(\.resident)))), the rest being the database's mapped pages."
        )
        for sample in errorSamples { lines.append("  error: \(sample)") }
        return Report(
            lines: lines, kinds: kinds,
            memory: [
                "memory_after_warmup_mb": mb(baseline?.anonymous), "memory_end_mb": mb(final?.anonymous), "memory_peak_mb": mb(after.map(\.anonymous).max()),
                "resident_after_warmup_mb": mb(baseline?.resident), "resident_end_mb": mb(final?.resident),
                "resident_growth": BenchMatch.round(growth(\.resident), 4)
            ],
            errors: errors, growth: growth(\.anonymous))
    }
}
