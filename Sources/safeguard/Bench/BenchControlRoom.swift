import ArgumentParser
import Foundation
import HeapModule
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic

/// `safeguard bench control-room`: a control room's weeks at volume (issue 20, part 8). Calls arrive through the
/// domain's own operations on a simulated clock — 999, 101, online and partner reports, repeat victims among them —
/// and each is dealt with as a control room would: flags acknowledged, downgrades asked for and decided, officers
/// dispatched and arriving, calls closed, cancelled or resolved by phone, and a few forgotten and never closed. Every
/// so often the supervisor's live queue is read and timed, and compared with what the domain's rules say it must hold
/// for every call the bench knows is still open, so a call the store failed to watch is counted as a missed alert.
struct BenchControlRoom: MeasuringBench {
    static let configuration = CommandConfiguration(
        commandName: "control-room",
        abstract: "Record a control room's weeks of calls with their closures; print the live queue's read time and any alert it missed.",
        discussion: """
            Prints calls per second, how the calls ended, the live queue read p50/p99/max over every read (the issue's \
            figure: p99 at most 20 ms on SQLite), the alerts the queue missed (must be 0) or showed wrongly, and the open \
            calls and alerts at the end. Exits 2 if any operation failed or any alert was missed. The last line is one JSON \
            object with every figure.
            """)

    @Option(help: "Calls to record.") var calls = 100_000
    @Option(help: "Weeks the calls are spread over.") var weeks = 8
    @Option(help: "Seed for the calls and what happens to them.") var seed: UInt64 = 20
    @Option(help: "Share of calls nobody ever closes (they stay on the queue as missed targets).") var forgottenShare = 0.01
    @Option(help: "Calls between two reads of the live queue.") var readEvery = 100
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?

    func measure() async throws {
        guard calls >= 1, (1...52).contains(weeks), (0.0...0.5).contains(forgottenShare), readEvery >= 1 else {
            throw DomainError.invalid([FieldError("calls", "must be at least 1, with --weeks 1–52, --forgotten-share 0–0.5 and --read-every 1 or more.")])
        }
        if ProcessInfo.processInfo.environment["SAFEGUARD_LOG_LEVEL"] == nil { setenv("SAFEGUARD_LOG_LEVEL", "warning", 1) }
        let (url, folder) = try BenchDatabase.fresh(databaseURL)
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        // A Monday, 00:00 UTC: the simulated weeks start here.
        let clock = FixedClock(Date(timeIntervalSince1970: 1_735_776_000 + 5 * 86_400))
        let runtime = try await Runtime.open(policyFile: nil, url: url, clock: clock)
        guard try await SyntheticForceLoader(pool: runtime.pool).isEmpty() else { throw DomainError.conflict("The bench database must be empty.") }
        let room = try await ControlRoomShift(service: runtime.service, clock: clock, seed: seed, forgottenShare: forgottenShare)
        print(
            "Recording \(calls) calls over \(weeks) simulated weeks (seed \(seed)), reading the live queue every \(readEvery) calls, against \(runtime.url.redacted) …"
        )

        let meanGap = Double(weeks) * 7 * 86_400 / Double(calls)
        var random = SeededGenerator(seed: seed &+ 1)
        var at = clock.now()
        let started = ContinuousClock.now
        for index in 0..<calls {
            // Calls arrive at random (exponential gaps), so some minutes are busy and some quiet.
            at = at.addingTimeInterval(-meanGap * log(1 - Double.random(in: 0..<1, using: &random)))
            try await room.runEvents(until: at)
            await room.recordCall(index)
            if index % readEvery == readEvery - 1 { try await room.readQueue() }
            if index % max(1, calls / 40) == 0 { Progress.bar(index + 1, of: calls, label: "calls") }
        }
        // The last day plays out, and the queue is read once more.
        try await room.runEvents(until: at.addingTimeInterval(86_400))
        try await room.readQueue()
        let elapsed = BenchMatch.milliseconds(ContinuousClock.now - started) / 1000
        FileHandle.standardError.write(Data("\n".utf8))

        let figures = room.figures
        let reads = figures.readMilliseconds.sorted()
        let p50 = BenchMatch.percentile(reads, 0.5), p99 = BenchMatch.percentile(reads, 0.99), slowest = reads.last ?? 0
        let openRows = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM incident_responses WHERE open = TRUE")
        print(
            String(
                format: "Recorded %d calls and %d later actions in %.1f s: %.1f calls/s; %d errors", calls, figures.actions, elapsed, Double(calls) / elapsed,
                figures.errors.count))
        print(
            "  calls by channel: \(Self.line(figures.channels)); by grade at the call: \(Self.line(figures.grades)); flagged potential high risk: \(figures.flagged)"
        )
        print("  how calls ended: \(Self.line(figures.endings)); never closed: \(calls - figures.endings.values.reduce(0, +))")
        print(
            String(
                format: "  live queue reads: %d  p50 %.2f ms  p99 %.2f ms  max %.2f ms (target: p99 at most 20 ms on SQLite)", reads.count, p50, p99, slowest))
        print("  alerts the queue missed: \(figures.missed) (must be 0); alerts it showed that the rules did not call for: \(figures.unexpected)")
        print("  at the end: \(openRows) calls still watched, \(figures.lastQueueSize) alerts on the queue")
        for error in Set(figures.errors).sorted().prefix(10) { print("  error: \(error)") }
        let summary: [String: Any] = [
            "calls": calls, "weeks": weeks, "seed": seed, "seconds": BenchMatch.round(elapsed), "calls_per_second": BenchMatch.round(Double(calls) / elapsed),
            "actions": figures.actions, "errors": figures.errors.count, "channels": figures.channels, "grades": figures.grades, "flagged": figures.flagged,
            "endings": figures.endings, "queue_reads": reads.count, "queue_read_p50_ms": BenchMatch.round(p50), "queue_read_p99_ms": BenchMatch.round(p99),
            "queue_read_max_ms": BenchMatch.round(slowest), "missed_alerts": figures.missed, "unexpected_alerts": figures.unexpected,
            "open_at_end": openRows, "alerts_at_end": figures.lastQueueSize,
            "database": runtime.url.redacted.hasPrefix("postgres") ? "postgresql" : "sqlite"
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), as: UTF8.self))
        try await runtime.close()
        if !figures.errors.isEmpty || figures.missed != 0 { throw ExitCode(2) }
    }

    static func line(_ counts: [String: Int]) -> String { counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") }
}

/// What the bench counts as the weeks play out.
struct ControlRoomFigures {
    var actions = 0
    var errors: [String] = []
    var channels: [String: Int] = [:]
    var grades: [String: Int] = [:]
    var endings: [String: Int] = [:]
    var flagged = 0
    var readMilliseconds: [Double] = []
    var missed = 0
    var unexpected = 0
    var lastQueueSize = 0
}

/// The control room: its people, the calls still open as the domain last returned them, and what is due next.
final class ControlRoomShift {
    /// One thing due to happen to a call at a simulated time.
    struct Due: Comparable {
        enum Step { case acknowledge, askScheduled, decide(authorise: Bool), dispatch, arrive, close, cancel, resolveByPhone }
        var at: Date
        var order: Int
        var incidentID: String
        var step: Step
        static func < (a: Due, b: Due) -> Bool { (a.at, a.order) < (b.at, b.order) }
        static func == (a: Due, b: Due) -> Bool { a.order == b.order }
    }

    let service: SafeguardService
    let clock: FixedClock
    let forgottenShare: Double
    let handler: Actor, supervisor: Actor
    let officers: [Actor]
    var random: SeededGenerator
    var due = Heap<Due>()
    var order = 0
    /// Every call not yet ended, as the service last returned its response: what the queue must be computed from.
    var open: [String: IncidentResponse] = [:]
    /// Victims already known, with the suspect each called about: a share of calls are from them again.
    var pairs: [(victim: String, suspect: String)] = []
    var figures = ControlRoomFigures()

    init(service: SafeguardService, clock: FixedClock, seed: UInt64, forgottenShare: Double) async throws {
        self.service = service
        self.clock = clock
        self.forgottenShare = forgottenShare
        random = SeededGenerator(seed: seed)
        func account(_ username: String, _ role: Role, supervisor: String? = nil) async throws -> Actor {
            let user = try await service.createUser(username: username, displayName: "Bench \(role.title)", role: role, password: "\(username)-bench-password")
            if let supervisor { _ = try await service.setSupervisor(userID: user.id, supervisorID: supervisor, by: nil) }
            return Actor(user)
        }
        // Cases the calls open need owners: a division's response team and specialists under one sergeant.
        let sergeant = try await account("bench-sergeant", .sergeant)
        handler = try await account("bench-handler", .callHandler)
        supervisor = try await account("bench-control-supervisor", .controlRoomSupervisor)
        var officers: [Actor] = []
        for n in 1...24 { officers.append(try await account("bench-officer-\(n)", .responseOfficer, supervisor: sergeant.user.id)) }
        for n in 1...8 { _ = try await account("bench-specialist-\(n)", .daSpecialist, supervisor: sergeant.user.id) }
        self.officers = officers
    }

    /// Moves the clock to `at`, doing everything due by then in time order.
    func runEvents(until at: Date) async throws {
        while let next = due.min, next.at <= at {
            _ = due.removeMin()
            move(to: next.at)
            await perform(next)
        }
        move(to: at)
    }

    private func move(to at: Date) {
        let gap = at.timeIntervalSince(clock.now())
        if gap > 0 { clock.advance(by: gap) }
    }

    private func schedule(_ incidentID: String, _ step: Due.Step, after minutes: Double) {
        order += 1
        due.insert(Due(at: clock.now().addingTimeInterval(minutes * 60), order: order, incidentID: incidentID, step: step))
    }

    private func minutes(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &random) }
    private func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }

    /// A new call: a repeat victim a third of the time, otherwise someone new; answers and channel at random, as calls come.
    func recordCall(_ index: Int) async {
        let channel = chance(0.7) ? "999" : chance(0.67) ? "101" : chance(0.7) ? "online" : "partner_agency"
        var parties: [CallPartyDraft]
        if !pairs.isEmpty, chance(0.35) {
            let pair = pairs[Int.random(in: 0..<pairs.count, using: &random)]
            parties = [CallPartyDraft(role: "victim", personID: pair.victim), CallPartyDraft(role: "suspect", personID: pair.suspect)]
        } else {
            // Numbered synthetic people, each confirmed new as a handler who chose "None of these".
            parties = [
                CallPartyDraft(role: "victim", newPerson: PersonDraft(firstName: "Victim\(index)", surname: "Bench", dateOfBirth: "1990-01-01")),
                CallPartyDraft(role: "suspect", newPerson: PersonDraft(firstName: "Suspect\(index)", surname: "Bench", dateOfBirth: "1988-01-01"))
            ]
        }
        let place = Int.random(in: 0..<5_000, using: &random)
        let draft = CallDraft(
            channel: channel, caller: "victim", setting: chance(0.75) ? "urban" : "rural", addressLine1: "\(place % 400 + 1) Bench Street",
            town: "Northbridge", postcode: "NB\(place % 9 + 1) \(place % 10)AB", relationship: "intimate_partner", abuseTypes: ["physical"],
            summary: "Bench call \(index).", parties: parties, immediateDanger: chance(0.1) ? "yes" : "no", suspectLocation: chance(0.2) ? "at_scene" : "left",
            injuries: chance(0.1) ? "yes" : "no", weapons: chance(0.04) ? "yes" : "no", childrenPresent: chance(0.3) ? "yes" : "no",
            fear: chance(0.3) ? "a_little" : chance(0.6) ? "quite" : chance(0.7) ? "very" : "terrified")
        let record: IncidentRecord
        do {
            record = try await service.openIncident(handler, draft: draft)
        } catch {
            figures.errors.append("call: \(error)")
            return
        }
        guard let response = record.response else { return }
        let id = record.incident.id
        if parties[0].personID == nil {
            let suspect = record.incident.parties.first { $0.role == .suspect }?.personID
            if let victim = record.victims.first?.personID, let suspect { pairs.append((victim, suspect)) }
        }
        open[id] = response
        figures.channels[channel, default: 0] += 1
        figures.grades[response.grade.rawValue, default: 0] += 1
        if response.potentialHighRisk {
            figures.flagged += 1
            schedule(id, .acknowledge, after: minutes(1...6))
        }
        plan(id, response)
    }

    /// What will happen to the call, decided now and played out as the clock reaches each step.
    private func plan(_ id: String, _ r: IncidentResponse) {
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < forgottenShare {
            // Dispatched, perhaps, but nobody records an arrival or closes it: it stays on the queue as a missed target.
            if chance(0.5) { schedule(id, .dispatch, after: minutes(2...20)) }
        } else if roll < forgottenShare + 0.05 {
            schedule(id, .cancel, after: minutes(2...10))
        } else if roll < forgottenShare + 0.25, !r.potentialHighRisk {
            schedule(id, .resolveByPhone, after: minutes(10...40))
        } else if roll < forgottenShare + 0.28, !r.potentialHighRisk, r.grade == .priority {
            let authorise = chance(0.7)
            schedule(id, .askScheduled, after: 1)
            schedule(id, .decide(authorise: authorise), after: minutes(3...12))
            if authorise {
                schedule(id, .arrive, after: 20 * 60)
                schedule(id, .close, after: 21 * 60)
            } else {
                attend(id, from: 15)
            }
        } else {
            attend(id, from: 0)
        }
    }

    /// Dispatch (sometimes past the 30-minute alert), arrival and closing after the officers have dealt with it.
    private func attend(_ id: String, from start: Double) {
        let dispatch = start + minutes(1...40)
        let arrive = dispatch + minutes(5...45)
        schedule(id, .dispatch, after: dispatch)
        schedule(id, .arrive, after: arrive)
        schedule(id, .close, after: arrive + minutes(20...150))
    }

    private func perform(_ item: Due) async {
        guard let current = open[item.incidentID] else { return }
        let id = item.incidentID
        let officer = officers[figures.actions % officers.count]
        let standsDownEmergency = current.grade == .immediate || current.potentialHighRisk
        let why = "Caller rang back from her sister's address: she is safe there with the children and does not need officers tonight."
        do {
            let updated: IncidentResponse
            switch item.step {
            case .acknowledge:
                guard current.highRiskAcknowledgedAt == nil else { return }
                updated = try await service.acknowledgeHighRisk(supervisor, incidentID: id)
            case .askScheduled:
                updated = try await service.requestGrade(
                    handler, incidentID: id, grade: "scheduled", reason: "Victim at work until six, asks for an evening visit at home",
                    appointmentAt: Self.typed(clock.now().addingTimeInterval(20 * 3_600)))
            case .decide(let authorise):
                guard current.pending != nil else { return }
                updated = try await service.decideGrade(supervisor, incidentID: id, authorise: authorise, note: authorise ? nil : "Needs officers today.")
            case .dispatch:
                guard current.dispatchedAt == nil else { return }
                updated = try await service.recordResponseTime(handler, incidentID: id, event: .dispatched)
            case .arrive:
                updated = try await service.recordResponseTime(officer, incidentID: id, event: .arrived)
            case .close:
                updated = try await service.closeCall(officer, incidentID: id, outcome: "closed", reason: "Dealt with at the scene; risk assessed with her.")
            case .cancel:
                updated = try await service.closeCall(standsDownEmergency ? supervisor : handler, incidentID: id, outcome: "cancelled", reason: why)
            case .resolveByPhone:
                updated = try await service.closeCall(
                    current.grade == .immediate ? supervisor : handler, incidentID: id, outcome: "resolved_by_phone", reason: why)
            }
            figures.actions += 1
            if let closure = updated.closure {
                open[id] = nil
                figures.endings[closure.kind.rawValue, default: 0] += 1
            } else {
                open[id] = updated
            }
        } catch {
            figures.errors.append("\(item.step): \(error)")
        }
    }

    /// Reads the supervisor's queue, timed, and compares it with the alerts the rules raise over every open call.
    func readQueue() async throws {
        let started = ContinuousClock.now
        let shown = try await service.controlRoomQueue(supervisor)
        figures.readMilliseconds.append(BenchMatch.milliseconds(ContinuousClock.now - started))
        let expected = ControlRoomQueue.alerts(Array(open.values), now: clock.now(), policy: service.policy)
        let shownKeys = Set(shown.map { "\($0.kind.rawValue) \($0.incidentID)" })
        let expectedKeys = Set(expected.map { "\($0.kind.rawValue) \($0.incidentID)" })
        figures.missed += expectedKeys.subtracting(shownKeys).count
        figures.unexpected += shownKeys.subtracting(expectedKeys).count
        figures.lastQueueSize = shown.count
    }

    static func typed(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
