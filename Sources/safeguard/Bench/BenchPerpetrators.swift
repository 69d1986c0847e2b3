import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic
import SQLKit

/// `safeguard bench perpetrators`: the cross-victim lists (rule 24) over a ten-year force, timed, and checked against
/// the history's own record of who offended against whom (issue 22).
struct BenchPerpetrators: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perpetrators",
        abstract:
            "Load a ten-year force, run the perpetrator lists, time the full recompute and an area's list, and check the serial list against the history.",
        discussion: """
            Loads the legacy people and ten years of history as `bench migrate` does, with an area per postcode area, then \
            runs the lists twice (the first fills them; the second is a day's recompute with everyone already listed) and \
            reads an area's top of the ranking 200 times. The serial and repeat lists are then checked against a count made \
            here, independently, from the history file itself (each incident's suspect, victim, time and crime, within the \
            window of the run): missed and wrongly listed must both be 0. The last line is JSON.
            """)

    @Option(help: "Legacy person rows to write.") var people = 200_000
    @Option(help: "Incidents of history over ten years.") var incidents = 1_000_000
    @Option(help: "Seed of the force.") var seed: UInt64 = 2014
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?
    @Option(
        help:
            "Measure again on a force an earlier run loaded and kept: its folder (the bench.sqlite and history.jsonl it printed), or with --database-url that database and this folder's history.jsonl."
    ) var reuse: String?

    func run() async throws {
        do {
            let folder =
                reuse.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("safeguard-perpetrators-\(UUID().uuidString)")
            let url = try databaseURL.map(DatabaseURL.parse) ?? .sqlite(path: folder.appendingPathComponent("bench.sqlite").path)
            // A kept force is measured as it is: its people, history and areas were loaded by the run that made it.
            let history =
                reuse == nil
                ? try await BenchMigrate.loadForce(people: people, incidents: incidents, seed: seed, url: url, folder: folder).history
                : folder.appendingPathComponent("history.jsonl").path
            print("The force is kept in \(folder.path) (measure it again with --reuse).")
            let runtime = try await Runtime.open(policyFile: nil, url: url)
            do {
                let service = runtime.service
                if reuse == nil { try await Self.createAreas(service) }
                let incidentCount = Int(try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM incidents"))
                let suffix = String(UInt64.random(in: 0..<1_000_000))
                let sergeant = Actor(
                    try await service.createUser(
                        username: "bench-sgt-\(suffix)", displayName: "Bench Sergeant", role: .sergeant, password: "bench-password-\(suffix)"))
                var runSeconds: [Double] = []
                var run: PerpetratorRun?
                for _ in 0..<2 {
                    let started = ContinuousClock.now
                    run = try await service.runPerpetratorLists(sergeant)
                    runSeconds.append(BenchMatch.milliseconds(ContinuousClock.now - started) / 1000)
                }
                guard let run else { throw DomainError.conflict("The lists did not run.") }
                print(
                    String(
                        format: "Lists run over %d incidents: first %.1f s, recompute %.1f s; %d perpetrators in the window, %d serial", incidentCount,
                        runSeconds[0], runSeconds[1], run.perpetrators, run.serial))
                let areas = try await service.areas()
                var random = SeededGenerator(seed: seed ^ 0xB41E)
                var reads: [Double] = []
                for _ in 0..<200 {
                    let area = areas[Int(random.next() % UInt64(areas.count))]
                    let started = ContinuousClock.now
                    _ = try await service.perpetratorList(sergeant, area: area.code, list: nil, limit: service.policy.perpetrators.briefingTop, reason: nil)
                    reads.append(BenchMatch.milliseconds(ContinuousClock.now - started))
                }
                reads.sort()
                print(
                    String(
                        format: "An area's top %d: p50 %.2f ms, p99 %.2f ms", service.policy.perpetrators.briefingTop, BenchMatch.percentile(reads, 0.5),
                        BenchMatch.percentile(reads, 0.99)))
                // The whole daily briefing: the top of the ranking, the high-risk victims living there, the hotspots, tasks.
                var briefings: [Double] = []
                for _ in 0..<200 {
                    let area = areas[Int(random.next() % UInt64(areas.count))]
                    let started = ContinuousClock.now
                    _ = try await service.areaBriefing(sergeant, area: area.code, reason: nil)
                    briefings.append(BenchMatch.milliseconds(ContinuousClock.now - started))
                }
                briefings.sort()
                print(
                    String(
                        format: "An area's daily briefing: p50 %.2f ms, p99 %.2f ms", BenchMatch.percentile(briefings, 0.5),
                        BenchMatch.percentile(briefings, 0.99)))
                let check = try await Self.check(history: history, pool: runtime.pool, policy: service.policy.perpetrators, now: run.at)
                print(
                    "Against the history: serial \(check.expectedSerial) expected, \(check.missedSerial) missed, \(check.wrongSerial) wrongly listed; repeat \(check.expectedRepeat) expected, \(check.missedRepeat) missed, \(check.wrongRepeat) wrongly listed"
                )
                let json: [String: Any] = [
                    "database": { if case .postgres = url { "postgres" } else { "sqlite" } }(), "incidents": incidentCount,
                    "first_run_seconds": (runSeconds[0] * 10).rounded() / 10, "recompute_seconds": (runSeconds[1] * 10).rounded() / 10,
                    "perpetrators": run.perpetrators, "serial": run.serial, "area_list_p50_ms": BenchMatch.round(BenchMatch.percentile(reads, 0.5)),
                    "area_list_p99_ms": BenchMatch.round(BenchMatch.percentile(reads, 0.99)),
                    "briefing_p50_ms": BenchMatch.round(BenchMatch.percentile(briefings, 0.5)),
                    "briefing_p99_ms": BenchMatch.round(BenchMatch.percentile(briefings, 0.99)), "serial_expected": check.expectedSerial,
                    "serial_missed": check.missedSerial, "serial_wrongly_listed": check.wrongSerial, "repeat_expected": check.expectedRepeat,
                    "repeat_missed": check.missedRepeat, "repeat_wrongly_listed": check.wrongRepeat
                ]
                print(String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
                try await runtime.close()
            } catch {
                try? await runtime.close()
                throw error
            }
        } catch {
            Terminal.fail(error)
        }
    }

    /// An area per postcode area of the generator's towns, as a force's divisions would be.
    static func createAreas(_ service: SafeguardService) async throws {
        for code in Set(SyntheticNames.towns.map(\.postcodeArea)).sorted() {
            _ = try await service.createArea(code: code, name: "\(code) area", postcodes: [code])
        }
    }

    struct Check {
        var expectedSerial = 0, missedSerial = 0, wrongSerial = 0, expectedRepeat = 0, missedRepeat = 0, wrongRepeat = 0
    }

    /// The serial and repeat lists counted here from the history file (Lancashire's rule read straight off the
    /// policy, no code shared with the domain's), compared with what the run listed. No links are confirmed in the
    /// bench, so each record is one person.
    static func check(history: String, pool: DatabasePool, policy: PerpetratorPolicy, now: Date) async throws -> Check {
        let from = now.addingTimeInterval(-Double(policy.windowDays) * 86_400)
        let parser = ISO8601DateFormatter()
        var incidents: [String: Int] = [:]
        var crimeVictims: [String: Set<String>] = [:]
        var victims: [String: Set<String>] = [:]
        var reader = try LineReader(path: history)
        while let (bytes, _) = reader.next() {
            guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any], object["type"] as? String == "incident",
                let suspect = object["suspect"] as? String,
                let victim = object["victim"] as? String, let at = (object["at"] as? String).flatMap(parser.date(from:)), at >= from, at <= now
            else { continue }
            incidents[suspect, default: 0] += 1
            victims[suspect, default: []].insert(victim)
            if object["crime"] is String { crimeVictims[suspect, default: []].insert(victim) }
        }
        let counted = policy.serialVictimsFrom == .crimes ? crimeVictims : victims
        let expectedSerial = Set(incidents.filter { $0.value >= policy.serialIncidents || (counted[$0.key]?.count ?? 0) >= policy.serialVictims }.keys)
        let expectedRepeat = Set(incidents.filter { $0.value > 1 }.keys)
        let (serial, repeated) = try await pool.withConnection { db in
            func sources(_ flag: String) async throws -> Set<String> {
                Set(
                    try await db.raw(
                        "SELECT p.source_id FROM perpetrator_scores s JOIN people p ON p.id = s.person_id WHERE s.\(unsafeRaw: flag)"
                    ).all().map { try $0.decode(column: "source_id", as: String.self) })
            }
            return (try await sources("on_serial"), try await sources("on_repeat"))
        }
        return Check(
            expectedSerial: expectedSerial.count, missedSerial: expectedSerial.subtracting(serial).count, wrongSerial: serial.subtracting(expectedSerial).count,
            expectedRepeat: expectedRepeat.count, missedRepeat: expectedRepeat.subtracting(repeated).count,
            wrongRepeat: repeated.subtracting(expectedRepeat).count)
    }
}
