import ArgumentParser
import Foundation
import NIOHTTP1
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic

/// `safeguard bench triggers`: a generated force-year of events replayed through the JSON API, over real HTTP, against
/// the real server on a fresh database, a simulated day at a time. Calls open incidents (and cases); custody and court
/// events, orders and what happens to them fire their triggers; each case's owner tells the victim through the API
/// (most of the time, the next day); at the end of each day the clocks run (escalation, orders ending, notices
/// without a hearing, quiet repeat victims). Then it prints what a supervisor would ask.
struct BenchTriggers: MeasuringBench {
    static let configuration = CommandConfiguration(
        commandName: "triggers",
        abstract: "Replay a generated force-year of events through the API; print events per second and the triggers' figures.",
        discussion: """
            Prints events per second (every API request counts as one event), releases with a victim-notification task \
            (must be 100%), tasks created, done, open and overdue at the end, cases without an owner (must be 0), and quiet \
            repeat victims found. Exits 2 if any request failed or either "must" figure is missed. The last line is one JSON \
            object with every figure.
            """)

    @Option(help: "Years of events to replay.") var years = 1
    @Option(help: "Seed for the generated force.") var seed: UInt64 = 7
    @Option(help: "DA incidents per year (a large force: 15,000).") var incidentsPerYear = 15_000
    @Option(help: "Requests in flight at once within a day.") var concurrency = 16
    @Option(help: "Share of the tasks a response reports that their owners do the next day (the rest run late and escalate).") var doneShare = 0.9
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?
    @Option(help: "Port for the server under test (0: any free port).") var port = 0
    @Option(help: "Replay only the first N days (a quick look; the figures then cover those days).") var days: Int?

    func measure() async throws {
        guard (1...5).contains(years), incidentsPerYear >= 10, (1...256).contains(concurrency), (0.0...1.0).contains(doneShare) else {
            throw DomainError.invalid([FieldError("years", "must be 1–5, with at least 10 incidents a year, --concurrency 1–256 and --done-share 0–1.")])
        }
        if ProcessInfo.processInfo.environment["SAFEGUARD_LOG_LEVEL"] == nil { setenv("SAFEGUARD_LOG_LEVEL", "warning", 1) }
        let plan = ForceYearPlan(years: years, incidentsPerYear: incidentsPerYear, seed: seed)
        let (url, folder) = try BenchDatabase.fresh(databaseURL)
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        // A Monday, 08:00 in London: the simulated year starts here and the clock moves a day at a time.
        let clock = FixedClock(Date(timeIntervalSince1970: 1_735_804_800 + 3 * 86_400 + 8 * 3600))
        let runtime = try await Runtime.open(policyFile: nil, url: url, clock: clock)
        guard try await SyntheticForceLoader(pool: runtime.pool).isEmpty() else { throw DomainError.conflict("The bench database must be empty.") }
        var team = try await JourneyTeam.make(runtime.service)
        let server = try await BenchServer.start(runtime, port: port)
        print(
            "Replaying \(years) year(s): \(plan.incidents.count) incidents and their custody events and orders (seed \(seed)), \(concurrency) at a time, against \(runtime.url.redacted) …"
        )

        let state = ReplayState(plan: plan)
        var quietVictims = 0
        var escalated = 0
        var phases: [String: Double] = [:]
        let started = ContinuousClock.now
        for day in 0..<min(plan.days, days ?? plan.days) {
            // API tokens last 30 days: the team signs in afresh each month, as people do.
            if day > 0, day % 28 == 0 { team = try await team.reissued(runtime.service) }
            let replay = DayReplay(server: server, team: team, state: state, clock: clock, concurrency: concurrency)
            var mark = ContinuousClock.now
            func lap(_ phase: String) {
                let now = ContinuousClock.now
                phases[phase, default: 0] += BenchMatch.milliseconds(now - mark) / 1000
                mark = now
            }
            await replay.run(plan.events[day].filter { if case .call = $0 { return true } else { return false } })
            lap("calls")
            await replay.run(plan.events[day].filter { if case .call = $0 { return false } else { return true } })
            lap("custody and orders")
            await replay.doTasks(share: doneShare, seed: seed &+ UInt64(day))
            lap("tasks done")
            clock.advance(by: 86_400)
            let run = try await runtime.service.runClocks(batch: 5_000)
            lap("clocks")
            quietVictims += run.quietVictims
            escalated += run.escalated
            if day % 7 == 6 { Progress.bar(day + 1, of: min(plan.days, days ?? plan.days), label: "days") }
        }
        let elapsed = BenchMatch.milliseconds(ContinuousClock.now - started) / 1000
        FileHandle.standardError.write(Data("\n".utf8))
        print(String(format: "Replay finished in %.1f s; reading the figures …", elapsed))
        try await server.stop()

        let figures = try await TriggerFigures.read(runtime, at: clock.now())
        let requests = await state.requests
        let errors = await state.errors
        let perSecond = Double(requests) / elapsed
        print(String(format: "Replayed %d events (API requests) in %.1f s: %.1f events/s; %d errors", requests, elapsed, perSecond, errors.count))
        var requestFigures: [String: [String: Double]] = [:]
        for (name, values) in await state.latencies.sorted(by: { $0.key < $1.key }) {
            let sorted = values.sorted()
            let figures = [
                "count": Double(sorted.count), "p50_ms": BenchMatch.round(BenchMatch.percentile(sorted, 0.5)),
                "p99_ms": BenchMatch.round(BenchMatch.percentile(sorted, 0.99))
            ]
            requestFigures[name] = figures
            print(String(format: "  %-12@ %7d requests  p50 %7.2f ms  p99 %7.2f ms", name as NSString, sorted.count, figures["p50_ms"]!, figures["p99_ms"]!))
        }
        print("  seconds by phase: \(phases.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f", $0.key, $0.value) }.joined(separator: ", "))")
        print(
            "  incidents \(plan.incidents.count); custody and court events \(figures.custodyEvents); orders \(figures.orders); order events \(figures.orderEvents); contacts logged \(figures.contacts)"
        )
        let coverage = figures.releases == 0 ? 100 : Double(figures.releasesTold) * 100 / Double(figures.releases)
        print(String(format: "  releases with a victim-notification task: %lld of %lld (%.1f%%)", figures.releasesTold, figures.releases, coverage))
        print(
            "  tasks at the end: created \(figures.tasks), done \(figures.done), open \(figures.open): due later \(figures.open - figures.overdue), overdue \(figures.overdue); escalated by the clocks over the year \(escalated)"
        )
        print("  triggers fired: \(figures.fired.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", "))")
        print("  cases open \(figures.openCases); without an owner who is here: \(figures.unowned)")
        print(
            "  quiet repeat victims found (no contact for \(runtime.service.policy.quietPeriodDays) days, \(runtime.service.policy.quietCheckMinIncidents)+ incidents): \(quietVictims)"
        )
        for error in Set(errors).sorted().prefix(10) { print("  error: \(error)") }
        let summary: [String: Any] = [
            "years": years, "seed": seed, "incidents": plan.incidents.count, "events": requests, "seconds": BenchMatch.round(elapsed),
            "events_per_second": BenchMatch.round(perSecond), "errors": errors.count, "releases": figures.releases,
            "releases_with_tell_task": figures.releasesTold,
            "release_coverage_percent": BenchMatch.round(coverage), "tasks_created": figures.tasks, "tasks_done": figures.done, "tasks_open": figures.open,
            "tasks_overdue": figures.overdue, "tasks_due_later": figures.open - figures.overdue, "escalated": escalated, "cases_open": figures.openCases,
            "cases_without_owner": figures.unowned,
            "quiet_repeat_victims": quietVictims, "triggers_fired": figures.fired, "requests": requestFigures,
            "seconds_by_phase": phases.mapValues { BenchMatch.round($0) },
            "database": runtime.url.redacted.hasPrefix("postgres") ? "postgresql" : "sqlite"
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), as: UTF8.self))
        try await runtime.close()
        if !errors.isEmpty || figures.unowned != 0 || figures.releasesTold != figures.releases { throw ExitCode(2) }
    }
}

/// What the replay has learnt from the API so far: the record ids of the people, incidents and orders it created, and
/// the tell-the-victim tasks waiting for their owners.
actor ReplayState {
    let plan: ForceYearPlan
    var people: [Int: String] = [:]
    var incidents: [Int: String] = [:]
    var orders: [String: String] = [:]
    /// Tasks the triggers set that the replay has been told of and not yet done: (task id, owner id, kind).
    var pending: [(id: String, owner: String, kind: String)] = []
    var requests = 0
    var errors: [String] = []
    /// Milliseconds per request, by what it was (call, custody, order, tell, task …).
    var latencies: [String: [Double]] = [:]

    init(plan: ForceYearPlan) { self.plan = plan }

    func person(_ n: Int) -> String? { people[n] }
    func incident(_ n: Int) -> String? { incidents[n] }
    func order(_ n: Int, _ kind: ProtectiveOrder.Kind) -> String? { orders["\(n)-\(kind.rawValue)"] }
    func learnt(incident n: Int, id: String, victim: String, suspect: String) {
        incidents[n] = id
        people[plan.incidents[n].victim] = victim
        people[plan.incidents[n].suspect] = suspect
    }
    func learnt(order n: Int, _ kind: ProtectiveOrder.Kind, id: String) { orders["\(n)-\(kind.rawValue)"] = id }
    /// Remembers the tasks a response reported.
    func tasksSet(_ json: [String: Any], key: String = "tasks") {
        for task in json[key] as? [[String: Any]] ?? [] {
            if let id = task["id"] as? String, let kind = task["kind"] as? String, let owner = (task["owner"] as? [String: Any])?["id"] as? String {
                pending.append((id, owner, kind))
            }
        }
    }
    func takePending() -> [(id: String, owner: String, kind: String)] { defer { pending = [] }; return pending }
    func count(_ name: String, milliseconds: Double, error: String?) {
        requests += 1
        latencies[name, default: []].append(milliseconds)
        if let error { errors.append(error) }
    }
}

/// One simulated day's events, sent concurrently (events of one phase never depend on each other).
struct DayReplay {
    let server: BenchServer
    let team: JourneyTeam
    let state: ReplayState
    let clock: FixedClock
    let concurrency: Int

    func run(_ events: [ForceYearPlan.Event]) async {
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func launch() {
                let event = events[next]
                next += 1
                group.addTask { await send(event) }
            }
            for _ in 0..<min(concurrency, events.count) { launch() }
            while await group.next() != nil { if next < events.count { launch() } }
        }
    }

    /// The owners do most of the tasks set on earlier days: they tell the victim on her safe number (recorded as the
    /// rules require), and reassess and review (marked done with what was done). The rest run late and escalate.
    func doTasks(share: Double, seed: UInt64) async {
        var rng = SeededGenerator(seed: seed)
        let chosen = await state.takePending().filter { _ in rng.chance(share) }
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func launch() {
                let task = chosen[next]
                next += 1
                let token = team.tokenOfUser[task.owner] ?? team.sergeant
                group.addTask {
                    if task.kind == CaseTask.Kind.tellVictim.rawValue {
                        await request(
                            "tell", .POST, "/tasks/\(task.id)/victim-told", token: token,
                            body: ["told": true, "method": "phone", "note": "Told her on her safe number; safety plan gone over."], expect: 200)
                    } else {
                        await request(
                            "task", .POST, "/tasks/\(task.id)/complete", token: token,
                            body: ["outcome": "Done: spoke to her and to the officer in the case; plan updated."], expect: 200)
                    }
                }
            }
            for _ in 0..<min(concurrency, chosen.count) { launch() }
            while await group.next() != nil { if next < chosen.count { launch() } }
        }
    }

    private func send(_ event: ForceYearPlan.Event) async {
        let plan = state.plan
        let officer = team.officers[abs(event.incidentNumber) % team.officers.count]
        switch event {
        case .call(let n):
            let incident = plan.incidents[n]
            let victim = await state.person(incident.victim)
            let suspect = await state.person(incident.suspect)
            func party(_ role: String, _ id: String?, _ number: Int) -> [String: Any] {
                if let id { return ["role": role, "person_id": id] }
                return [
                    "role": role,
                    "new_person": [
                        "first_name": "\(role == "victim" ? "Victim" : "Suspect")\(number)", "surname": "Replay",
                        "date_of_birth": role == "victim" ? "1990-01-01" : "1987-01-01",
                        // New by construction; numbered names look alike to the match check.
                        "confirmed_new": true
                    ]
                ]
            }
            let body: [String: Any] = [
                "channel": n % 3 == 0 ? "101" : "999", "caller": "victim", "setting": "urban", "relationship": n % 7 == 0 ? "other_family" : "intimate_partner",
                "abuse_types": ["physical"], "summary": "Replayed incident \(n).",
                "parties": [party("victim", victim, incident.victim), party("suspect", suspect, incident.suspect)],
                "immediate_danger": "no", "suspect_location": "left", "injuries": "no", "weapons": "no", "children_present": "no", "fear": "quite"
            ]
            guard let json = await request("call", .POST, "/incidents", token: team.handler, body: body, expect: 201) else { return }
            do {
                let id = try jsonField(json, "incident", "id")
                let parties = json["incident"].flatMap { ($0 as? [String: Any])?["parties"] as? [[String: Any]] } ?? []
                let victimID = parties.first { $0["role"] as? String == "victim" }?["person_id"] as? String
                let suspectID = parties.first { $0["role"] as? String == "suspect" }?["person_id"] as? String
                guard let victimID, let suspectID else { throw JourneyError("call: parties missing from the response") }
                await state.learnt(incident: n, id: id, victim: victimID, suspect: suspectID)
                await state.tasksSet(json, key: "tasks_set_by_call")
            } catch {
                await state.count("call", milliseconds: 0, error: "\(error)")
            }
        case .custody(let n, let kind):
            guard let incidentID = await state.incident(n), let suspectID = await state.person(plan.incidents[n].suspect) else { return }
            var body: [String: Any] = ["kind": kind.rawValue, "incident_id": incidentID]
            let now = clock.now()
            if kind.needsConditions { body["conditions"] = "Not to contact the victim directly or indirectly; not to enter her street." }
            if kind == .policeBail { body["ends_on"] = CalendarDate.string(now.addingTimeInterval(28 * 86_400)) }
            if kind == .prisonReleaseExpected { body["at"] = ISO8601DateFormatter().string(from: now.addingTimeInterval(74 * 86_400)) }
            if let json = await request("custody", .POST, "/people/\(suspectID)/custody-events", token: officer, body: body, expect: 201) {
                await state.tasksSet(json)
            }
        case .order(let n, let kind):
            guard let incidentID = await state.incident(n), let suspectID = await state.person(plan.incidents[n].suspect),
                let victimID = await state.person(plan.incidents[n].victim)
            else { return }
            var body: [String: Any] = [
                "kind": kind.rawValue, "protected_person_id": victimID, "incident_id": incidentID,
                "terms": "Not to molest her or come within 100 metres of her home."
            ]
            if kind == .dvpo { body["ends_on"] = CalendarDate.string(clock.now().addingTimeInterval(28 * 86_400)) }
            if let json = await request("order", .POST, "/people/\(suspectID)/orders", token: officer, body: body, expect: 201) {
                if let id = (json["order"] as? [String: Any])?["id"] as? String { await state.learnt(order: n, kind, id: id) }
                await state.tasksSet(json)
            }
        case .orderEvent(let n, let kind, let what):
            guard let orderID = await state.order(n, kind) else { return }
            var body: [String: Any] = ["kind": what.rawValue]
            switch what {
            case .hearingBooked: body["hearing_at"] = ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(86_400))
            case .breached: body["note"] = "Came to her home in breach of the order."
            case .ended: body["note"] = "Replaced by a DVPO at court."
            default: break
            }
            if let json = await request("order event", .POST, "/orders/\(orderID)/events", token: officer, body: body, expect: 201) {
                await state.tasksSet(json)
            }
        }
    }

    /// Sends one request and counts it; a failure is kept as an error (the bench exits 2).
    @discardableResult
    private func request(_ name: String, _ method: HTTPMethod, _ path: String, token: String, body: [String: Any]?, expect: Int) async -> [String: Any]? {
        let started = ContinuousClock.now
        do {
            let response = try await server.send(method, path, token: token, body: body)
            let ms = BenchMatch.milliseconds(ContinuousClock.now - started)
            guard response.status == expect else {
                await state.count(name, milliseconds: ms, error: "\(name): HTTP \(response.status) \(response.text.prefix(160))")
                return nil
            }
            await state.count(name, milliseconds: ms, error: nil)
            return response.json
        } catch {
            await state.count(name, milliseconds: BenchMatch.milliseconds(ContinuousClock.now - started), error: "\(name): \(error)")
            return nil
        }
    }
}

extension ForceYearPlan.Event {
    var incidentNumber: Int {
        switch self {
        case .call(let n), .custody(let n, _), .order(let n, _), .orderEvent(let n, _, _): n
        }
    }
}

/// The figures a supervisor would ask for, read from the bench database at the end.
struct TriggerFigures {
    var custodyEvents: Int64 = 0, orders: Int64 = 0, orderEvents: Int64 = 0, contacts: Int64 = 0
    var releases: Int64 = 0, releasesTold: Int64 = 0
    var tasks: Int64 = 0, done: Int64 = 0, open: Int64 = 0, overdue: Int64 = 0
    var openCases: Int64 = 0, unowned: Int64 = 0
    var fired: [String: Int64] = [:]

    static func read(_ runtime: Runtime, at now: Date) async throws -> TriggerFigures {
        var f = TriggerFigures()
        let releaseKinds = CustodyEvent.Kind.allCases.filter(\.isRelease).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        f.custodyEvents = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM custody_events")
        f.orders = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM protective_orders")
        f.orderEvents = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM order_events")
        f.contacts = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM contacts")
        f.releases = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM custody_events WHERE kind IN (\(releaseKinds))")
        // A release counts as covered when every open case of his victims got a tell-the-victim task from it; here, at least one.
        f.releasesTold = try await BenchServer.count(
            runtime,
            """
            SELECT COUNT(*) AS n FROM custody_events e WHERE e.kind IN (\(releaseKinds))
              AND EXISTS (SELECT 1 FROM triggers_fired f WHERE f.source = 'custody:' || e.id AND f.kind = 'tell_victim')
            """)
        f.tasks = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM tasks")
        f.done = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM tasks WHERE completed_at IS NOT NULL")
        f.open = f.tasks - f.done
        f.overdue = try await BenchServer.count(
            runtime, "SELECT COUNT(*) AS n FROM tasks WHERE completed_at IS NULL AND due_at <= \(Int64(now.timeIntervalSince1970))")
        f.openCases = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM cases WHERE status = 'open'")
        f.unowned = try await BenchServer.casesWithoutOwner(runtime)
        for prefix in ["custody", "order", "order-ending", "notice-no-hearing", "incident", "quiet"] {
            f.fired[prefix] = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM triggers_fired WHERE source LIKE '\(prefix):%'")
        }
        return f
    }
}
