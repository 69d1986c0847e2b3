import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic

/// `safeguard bench marac`: a force's MARAC year (issue 21). Victims come to the police through the API on a
/// simulated clock — high-risk victims, victims whose incidents escalate, further abuse of victims already referred,
/// and calls that meet no criterion — and the DA specialists refer what their "refer to MARAC" tasks ask for. Each
/// area's MARAC sits fortnightly: the coordinator schedules it, six partner agencies add research before the day, the
/// meeting records attendance, outcomes and actions, the minutes go out, and each agency reports its actions back or
/// lets them go late for the clocks to chase. The IDVA reads the cases shared with her; every partner also tries to
/// read what is not shared with it.
struct BenchMarac: MeasuringBench {
    static let configuration = CommandConfiguration(
        commandName: "marac",
        abstract: "Run a year of MARACs per area through the API; print agenda build time, partner page time, chasing and leaks.",
        discussion: """
            Prints the agenda-with-research read p50/p99 (GET /marac/meetings/{id}; the issue's figure: p99 at most 300 ms), \
            the partner's shared-case page p99 (GET /shared/cases/{id} signed in), the late actions chased on time (the \
            first clock run of the day after the due date; must be 100%), actions chased that were reported back in time \
            (must be 0), the referrals the criteria missed (a criterion the bench knows was met with no referral after it; \
            must be 0), tasks set where no criterion was met, partner reads outside their shares (must be 0) and shared-case \
            reads missing from the audit (must be 0). Exits 2 if any of those is wrong or any request failed. The last line \
            is one JSON object with every figure.
            """)

    @Option(help: "Weeks to simulate.") var weeks = 52
    @Option(help: "Referrals each MARAC hears at a sitting, on average (agendas of about this ±5).") var agenda = 20
    @Option(help: "Seed for the victims and what happens.") var seed: UInt64 = 21
    @Option(help: "Hours between two runs of the clocks (the chase is on time if made by the first run of the day after).")
    var clockHours = 4
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?
    @Option(help: "Port for the server under test (0: any free port).") var port = 0

    func measure() async throws {
        guard (4...104).contains(weeks), (5...40).contains(agenda), (1...24).contains(clockHours) else {
            throw DomainError.invalid([FieldError("weeks", "must be 4–104, with --agenda 5–40 and --clock-hours 1–24.")])
        }
        if ProcessInfo.processInfo.environment["SAFEGUARD_LOG_LEVEL"] == nil { setenv("SAFEGUARD_LOG_LEVEL", "warning", 1) }
        let (url, folder) = try BenchDatabase.fresh(databaseURL)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("safeguard-bench-marac-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer {
            if let folder { try? FileManager.default.removeItem(at: folder) }
            try? FileManager.default.removeItem(at: scratch)
        }
        // Each area's adult women (policy data), so each MARAC's rate per 10,000 is its own.
        var policy = ForcePolicy()
        policy.adultWomenByArea = Dictionary(uniqueKeysWithValues: MaracYear.areas.map { ($0.code, $0.adultWomen) })
        let policyFile = scratch.appendingPathComponent("policy.json")
        try JSONEncoder().encode(policy).write(to: policyFile)
        // Monday 6 January 2025, 00:00 UTC: the simulated year starts here (the clocks run at midnight).
        let clock = FixedClock(Date(timeIntervalSince1970: 1_736_121_600))
        let runtime = try await Runtime.open(policyFile: policyFile.path, url: url, clock: clock)
        guard try await SyntheticForceLoader(pool: runtime.pool).isEmpty() else { throw DomainError.conflict("The bench database must be empty.") }
        let server = try await BenchServer.start(runtime, port: port)
        print("Running \(weeks) weeks of fortnightly MARACs in \(MaracYear.areas.count) areas (seed \(seed)) against \(runtime.url.redacted) …")

        let started = ContinuousClock.now
        let year: MaracYear
        let checks: MaracYear.Checks
        do {
            year = try await MaracYear(
                runtime: runtime, server: server, clock: clock, seed: seed, agenda: agenda, clockStep: TimeInterval(clockHours * 3600))
            try await year.play(days: weeks * 7)
            FileHandle.standardError.write(Data("\n".utf8))
            checks = try await year.check()
        } catch {
            // The server and its client are stopped before the error is told, or the client's deinit traps.
            try? await server.stop()
            try? await runtime.close()
            throw error
        }
        let elapsed = BenchMatch.milliseconds(ContinuousClock.now - started) / 1000
        try await server.stop()

        let f = year.figures
        let agendaTimes = f.agendaMilliseconds.sorted(), pageTimes = f.partnerPageMilliseconds.sorted(), apiTimes = f.partnerAPIMilliseconds.sorted()
        func ms(_ times: [Double], _ p: Double) -> Double { BenchMatch.round(BenchMatch.percentile(times, p)) }
        print(String(format: "Simulated %d days in %.1f s: %d requests, %d errors", weeks * 7, elapsed, f.requests, f.errors.count))
        print(
            "Victims: \(f.stories["high"] ?? 0) high-risk, \(f.stories["escalation"] ?? 0) escalating, \(f.stories["repeat"] ?? 0) abused again after referral, \(f.stories["noise"] ?? 0) meeting no criterion"
        )
        print(
            "Referrals: \(checks.referrals) (\(checks.repeats) repeats) from \(f.tasksActedOn) \"refer to MARAC\" tasks; meetings: \(f.meetings), agendas \(f.agendaSizes.min() ?? 0)–\(f.agendaSizes.max() ?? 0) cases; research notes: \(f.researchNotes); actions: \(checks.actions)"
        )
        print(
            String(
                format: "Agenda with research (GET /marac/meetings/{id}): %d reads  p50 %.2f ms  p99 %.2f ms  max %.2f ms", agendaTimes.count,
                ms(agendaTimes, 0.5), ms(agendaTimes, 0.99), agendaTimes.last ?? 0))
        print(
            String(
                format: "Partner shared-case page (/shared/cases/{id}): %d reads  p50 %.2f ms  p99 %.2f ms; API p99 %.2f ms", pageTimes.count,
                ms(pageTimes, 0.5), ms(pageTimes, 0.99), ms(apiTimes, 0.99)))
        let onTime = checks.lateActions == 0 ? 100 : Double(checks.chasedOnTime) * 100 / Double(checks.lateActions)
        print(
            String(
                format: "Late actions chased on time: %d of %d (%.1f%%); chased though reported back in time: %d", checks.chasedOnTime,
                checks.lateActions, onTime, checks.chasedWrongly))
        print(
            "Referrals the criteria missed (none within two days naming the criterion): \(checks.missedReferrals); tasks set where no criterion was met: \(f.tasksNotCalledFor); referrals on another area's agenda: \(f.misrouted)"
        )
        print("Partner reads outside their shares: \(f.readsOutsideShares) of \(f.probes) attempts; fields seen outside a share: \(f.fieldsOutsideShare)")
        print("Shared-case reads missing from the audit: \(checks.unauditedReads) of \(f.sharedReads)")
        for error in Set(f.errors).sorted().prefix(10) { print("  error: \(error)") }
        for missed in checks.missed.prefix(10) { print("  missed: \(missed)") }
        let summary: [String: Any] = [
            "days": weeks * 7, "seconds": BenchMatch.round(elapsed), "requests": f.requests, "errors": f.errors.count,
            "referrals": checks.referrals, "repeats": checks.repeats, "meetings": f.meetings, "actions": checks.actions,
            "agenda_p50_ms": ms(agendaTimes, 0.5), "agenda_p99_ms": ms(agendaTimes, 0.99), "partner_page_p50_ms": ms(pageTimes, 0.5),
            "partner_page_p99_ms": ms(pageTimes, 0.99), "partner_api_p99_ms": ms(apiTimes, 0.99), "late_actions": checks.lateActions,
            "chased_on_time": checks.chasedOnTime, "chased_on_time_percent": BenchMatch.round(onTime), "chased_wrongly": checks.chasedWrongly,
            "missed_referrals": checks.missedReferrals, "tasks_not_called_for": f.tasksNotCalledFor, "misrouted": f.misrouted,
            "reads_outside_shares": f.readsOutsideShares, "fields_outside_share": f.fieldsOutsideShare, "probes": f.probes,
            "unaudited_reads": checks.unauditedReads, "database": runtime.url.redacted.hasPrefix("postgres") ? "postgresql" : "sqlite"
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys]), as: UTF8.self))
        try await runtime.close()
        let wrong =
            !f.errors.isEmpty || checks.lateActions != checks.chasedOnTime || checks.chasedWrongly != 0 || checks.missedReferrals != 0
            || f.tasksNotCalledFor != 0 || f.misrouted != 0 || f.readsOutsideShares != 0 || f.fieldsOutsideShare != 0 || checks.unauditedReads != 0
        if wrong { throw ExitCode(2) }
    }
}
