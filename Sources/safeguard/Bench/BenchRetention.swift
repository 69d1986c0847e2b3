import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardStore

/// `safeguard bench retention`: the retention review queue and supervised disposal (rule 34) on a ten-year force.
struct BenchRetention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Time the retention review queue, a record's standing, and marking and approving disposals on a ten-year force.",
        discussion: """
            Loads a force as `bench figures` does (or measures again one it kept, --reuse): legacy people and ten years of \
            history through the imports. Then, as two auditors: loads the review queue (p50/p99), opens the standing of up to 50 \
            records due (p50/p99), marks --disposals of them for disposal and has the second auditor approve each (p50/p99 of \
            each act). The force's figures for the whole history are read before and after the disposals and must be the \
            same, and the audit chain, walked whole, must verify; else exit 2. The last line is JSON.
            """)

    @Option(help: "Legacy person rows to write.") var people = 200_000
    @Option(help: "Incidents of history over ten years.") var incidents = 1_000_000
    @Option(help: "Seed of the force.") var seed: UInt64 = 2014
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?
    @Option(help: "Measure again on a force an earlier run of this bench, `bench figures` or `bench perpetrators` kept: its folder.") var reuse: String?
    @Option(help: "Times the queue is loaded.") var repeats = 5
    @Option(help: "Records marked and approved for disposal.") var disposals = 10

    func run() async throws {
        do {
            let folder =
                reuse.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("safeguard-retention-\(UUID().uuidString)")
            let url = try databaseURL.map(DatabaseURL.parse) ?? .sqlite(path: folder.appendingPathComponent("bench.sqlite").path)
            if reuse == nil { _ = try await BenchMigrate.loadForce(people: people, incidents: incidents, seed: seed, url: url, folder: folder) }
            print("The force is kept in \(folder.path) (measure it again with --reuse).")
            let runtime = try await Runtime.open(policyFile: nil, url: url)
            do {
                let service = runtime.service
                let suffix = String(UInt64.random(in: 0..<1_000_000))
                func auditor(_ name: String) async throws -> Actor {
                    Actor(
                        try await service.createUser(
                            username: "bench-\(name)-\(suffix)", displayName: "Bench \(name)", role: .auditor, password: "bench-password-\(suffix)"))
                }
                let (reviewer, approver) = (try await auditor("reviewer"), try await auditor("approver"))
                let analyst = Actor(
                    try await service.createUser(
                        username: "bench-an-\(suffix)", displayName: "Bench Analyst", role: .analyst, password: "bench-password-\(suffix)"))
                let peopleCount = try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM people")
                print("\(peopleCount) person records; \(try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM incidents")) incidents")

                func time(_ label: String, _ samples: [Double]) -> (p50: Double, p99: Double) {
                    let sorted = samples.sorted()
                    let result = (BenchMatch.percentile(sorted, 0.5), BenchMatch.percentile(sorted, 0.99))
                    print(String(format: "%@: p50 %.0f ms, p99 %.0f ms (%d)", label, result.0, result.1, samples.count))
                    return result
                }
                func timed<T>(_ body: () async throws -> T) async throws -> (T, Double) {
                    let started = ContinuousClock.now
                    let value = try await body()
                    return (value, BenchMatch.milliseconds(ContinuousClock.now - started))
                }
                var queue: RetentionQueue?
                var queueSamples: [Double] = []
                for _ in 0..<max(1, repeats) {
                    let (loaded, ms) = try await timed { try await service.retentionQueue(reviewer) }
                    queue = loaded
                    queueSamples.append(ms)
                }
                guard let queue else { throw DomainError.conflict("No queue was read.") }
                print(
                    "Queue on \(queue.today): \(queue.due.count) due on this page\(queue.more ? " (more beyond it)" : ""), \(queue.awaitingApproval.count) awaiting approval"
                )
                let queueTimes = time("Review queue", queueSamples)
                var standingSamples: [Double] = []
                for standing in queue.due.prefix(50) {
                    standingSamples.append(try await timed { try await service.retentionStanding(reviewer, personID: standing.personID) }.1)
                }
                let standingTimes = time("One record's standing", standingSamples)

                let period = (from: "2000-01-01", to: CalendarDate.string(Date().addingTimeInterval(2 * 86_400)))
                let before = try await service.figures(analyst, from: period.from, to: period.to, area: nil)
                var markSamples: [Double] = [], approveSamples: [Double] = []
                let disposable = queue.due.filter { $0.disposalBlockedBy.isEmpty }.prefix(disposals)
                for standing in disposable {
                    markSamples.append(
                        try await timed {
                            try await service.reviewRetention(
                                reviewer, personID: standing.personID, decision: "mark_for_disposal", reason: "Bench: clear of notice for the whole period.")
                        }.1)
                    approveSamples.append(
                        try await timed {
                            try await service.decideDisposal(
                                approver, personID: standing.personID, approve: true, reason: "Bench: agreed, no policing purpose.")
                        }.1)
                }
                let markTimes = time("Mark for disposal", markSamples)
                let approveTimes = time("Approve and dispose", approveSamples)
                let after = try await service.figures(analyst, from: period.from, to: period.to, area: nil)
                let figuresHold = before == after
                let chainHolds: Bool
                if case .intact = try await service.verifyAuditChain() { chainHolds = true } else { chainHolds = false }
                print("Figures for \(period.from)–\(period.to) the same after \(disposable.count) disposals: \(figuresHold ? "yes" : "NO")")
                print("Audit chain, walked whole: \(chainHolds ? "intact" : "BROKEN")")
                let json: [String: Any] = [
                    "people": peopleCount, "due_on_page": queue.due.count, "more": queue.more, "queue_p50_ms": queueTimes.p50, "queue_p99_ms": queueTimes.p99,
                    "standing_p50_ms": standingTimes.p50, "standing_p99_ms": standingTimes.p99, "disposals": disposable.count,
                    "mark_p50_ms": markTimes.p50, "mark_p99_ms": markTimes.p99, "approve_p50_ms": approveTimes.p50, "approve_p99_ms": approveTimes.p99,
                    "figures_unchanged": figuresHold, "audit_chain_intact": chainHolds
                ]
                print(String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
                try await runtime.close()
                if !figuresHold || !chainHolds { throw ExitCode(2) }
            } catch {
                try? await runtime.close()
                throw error
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.fail(error)
        }
    }
}
