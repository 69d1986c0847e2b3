import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic

/// `safeguard bench migrate`: a force's legacy people export, with the dirt a real one has, loaded whole (issue 19).
struct BenchMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract:
            "Write a legacy people CSV with real exports' dirt and ten years of history, import both into a fresh database, and time what leaders and the control room then read.",
        discussion: """
            Prints people read, loaded, refused (which must be only the rows that name no one), values kept as given, rows \
            per second and the import's peak memory; then history lines per second and that import's peak memory (each \
            import runs as its own process); then the caseload on 200 random dates (p50/p99) and the live queue's read \
            p99 with the whole history loaded. The last line is JSON.
            """)

    @Option(help: "Legacy person rows to write (about; duplicates come on top of individuals).") var people = 100_000
    @Option(help: "Incidents of history over ten years (with arrests, outcomes, levels and closures).") var incidents = 100_000
    @Option(help: "Seed of the force and of the dirt.") var seed: UInt64 = 2014
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?

    func run() async throws {
        do {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safeguard-migrate-\(UUID().uuidString)")
            let url = try databaseURL.map(DatabaseURL.parse) ?? .sqlite(path: folder.appendingPathComponent("bench.sqlite").path)
            let force = try await Self.loadForce(people: people, incidents: incidents, seed: seed, url: url, folder: folder)
            let (summary, written, run, counts, historyRun) = (force.people, force.written, force.peopleRun, force.counts, force.historyRun)
            let perSecond = Double(summary.read) / max(run.seconds, 0.001)
            let linesPerSecond = Double(counts.lines) / max(historyRun.seconds, 0.001)
            let (caseload, queue) = try await Self.readTimes(url: url, seed: seed)
            print(
                String(
                    format: "Caseload on 200 random dates: p50 %.2f ms, p99 %.2f ms; live queue read with the history loaded: p99 %.2f ms",
                    BenchMatch.percentile(caseload, 0.5), BenchMatch.percentile(caseload, 0.99), BenchMatch.percentile(queue, 0.99)))
            let json: [String: Any] = [
                "database": { if case .postgres = url { "postgres" } else { "sqlite" } }(), "people_read": summary.read, "people_loaded": summary.loaded,
                "people_refused": summary.refused,
                "nameless_rows": written.nameless, "refused_only_nameless": summary.refused == written.nameless, "kept_as_given_rows": summary.keptAsGiven,
                "people_seconds": (run.seconds * 10).rounded() / 10, "people_rows_per_second": perSecond.rounded(), "people_peak_mb": run.peakMB,
                "history_lines": counts.lines, "history_incidents": counts.incidents, "history_seconds": (historyRun.seconds * 10).rounded() / 10,
                "history_lines_per_second": linesPerSecond.rounded(), "history_peak_mb": historyRun.peakMB,
                "caseload_p50_ms": BenchMatch.round(BenchMatch.percentile(caseload, 0.5)),
                "caseload_p99_ms": BenchMatch.round(BenchMatch.percentile(caseload, 0.99)),
                "queue_p99_ms": BenchMatch.round(BenchMatch.percentile(queue, 0.99))
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
            if summary.refused != written.nameless { throw DomainError.conflict("The import refused rows that name someone.") }
        } catch {
            Terminal.fail(error)
        }
    }
}

extension BenchMigrate {

    /// What `loadForce` loaded: the people import's summary and timing, the history file and its import's timing.
    struct LoadedForce {
        var people: ImportSummary
        var written: (rows: Int, nameless: Int)
        var peopleRun: (seconds: Double, peakMB: Double, output: String)
        var history: String
        var counts: SyntheticHistory.Counts
        var historyRun: (seconds: Double, peakMB: Double, output: String)
    }

    /// A ten-year force into the empty database at `url`, as a force migrating would load it: the legacy people
    /// export (with its dirt) and `incidents` incidents of history about them, each import its own process, the
    /// files written into `folder`. Prints each import's figures.
    static func loadForce(people: Int, incidents: Int, seed: UInt64, url: DatabaseURL, folder: URL) async throws -> LoadedForce {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("legacy.csv").path, report = folder.appendingPathComponent("quality.csv").path
        let generator = SyntheticForceGenerator(spec: SyntheticForceSpec(people: people, years: 10, seed: seed, endDate: try DemoForce.endDate(nil)))
        var ids: [String] = []
        let written = try await LegacyExport.write(generator, to: csv, seed: seed, ids: &ids)
        print("Wrote \(written.rows) legacy rows (\(written.nameless) naming no one) to \(csv), Windows-1252.")
        // A fresh, migrated database, as a force's first day would have.
        let runtime = try await Runtime.open(policyFile: nil, url: url)
        try await runtime.close()
        let run = try ChildCommand.run(
            ["import", "people", "--csv", csv, "--encoding", "windows-1252", "--report", report, "--quiet"], databaseURL: url)
        print(run.output, terminator: "")
        guard let summary = ImportSummary(run.output) else { throw DomainError.conflict("The import printed no summary line.") }
        print(String(format: "People import: %.1f s, %.0f rows/s, peak %.0f MB", run.seconds, Double(summary.read) / max(run.seconds, 0.001), run.peakMB))
        print(
            "Loaded \(summary.loaded) of \(summary.read); refused \(summary.refused) (rows naming no one: \(written.nameless)); \(summary.keptAsGiven) with values kept as given."
        )
        // Ten years of history about the people just loaded, in no particular order.
        let history = folder.appendingPathComponent("history.jsonl").path
        guard FileManager.default.createFile(atPath: history, contents: nil), let file = FileHandle(forWritingAtPath: history) else {
            throw DomainError.invalid([FieldError("history", "Cannot write \(history).")])
        }
        var buffer = ""
        let counts = try SyntheticHistory(incidents: incidents, years: 10, seed: seed, endDate: try DemoForce.endDate(nil), people: .existing(ids)).write {
            line in
            buffer += line + "\n"
            if buffer.utf8.count > 1 << 20 {
                file.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        file.write(Data(buffer.utf8))
        try file.close()
        ids = []
        print(
            "Wrote \(counts.lines) history lines (\(counts.incidents) incidents, \(counts.arrests) arrests, \(counts.outcomes) outcomes, \(counts.levels) levels, \(counts.closures) closures) to \(history)."
        )
        let historyRun = try ChildCommand.run(
            ["import", "history", "--jsonl", history, "--report", folder.appendingPathComponent("history-report.csv").path, "--quiet"], databaseURL: url)
        print(historyRun.output, terminator: "")
        print(
            String(
                format: "History import: %.1f s, %.0f lines/s, peak %.0f MB", historyRun.seconds, Double(counts.lines) / max(historyRun.seconds, 0.001),
                historyRun.peakMB))
        return LoadedForce(people: summary, written: written, peopleRun: run, history: history, counts: counts, historyRun: historyRun)
    }
    /// The caseload on 200 random dates over the ten years, as an analyst asks it, and the live queue as its
    /// supervisor reads it, each timed in milliseconds (sorted).
    static func readTimes(url: DatabaseURL, seed: UInt64) async throws -> (caseload: [Double], queue: [Double]) {
        let runtime = try await Runtime.open(policyFile: nil, url: url)
        do {
            let service = runtime.service
            let suffix = String(UInt64.random(in: 0..<1_000_000))
            let analyst = Actor(
                try await service.createUser(
                    username: "bench-analyst-\(suffix)", displayName: "Bench Analyst", role: .analyst, password: "bench-password-\(suffix)"))
            let supervisor = Actor(
                try await service.createUser(
                    username: "bench-crs-\(suffix)", displayName: "Bench Supervisor", role: .controlRoomSupervisor, password: "bench-password-\(suffix)"))
            var random = SeededGenerator(seed: seed ^ 0xCA5E)
            let today = Date()
            var caseload: [Double] = [], queue: [Double] = []
            for _ in 0..<200 {
                let day = CalendarDate.string(today.addingTimeInterval(-Double(random.next() % 3650) * 86_400))
                let started = ContinuousClock.now
                _ = try await service.caseload(analyst, on: day)
                caseload.append(BenchMatch.milliseconds(ContinuousClock.now - started))
            }
            for _ in 0..<200 {
                let started = ContinuousClock.now
                _ = try await service.controlRoomQueue(supervisor)
                queue.append(BenchMatch.milliseconds(ContinuousClock.now - started))
            }
            try await runtime.close()
            return (caseload.sorted(), queue.sorted())
        } catch {
            try? await runtime.close()
            throw error
        }
    }

}

/// The import's summary line, read back.
struct ImportSummary {
    var read = 0, loaded = 0, refused = 0, keptAsGiven = 0

    init?(_ output: String) {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("Read ") }) else { return nil }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 5 else { return nil }
        (read, loaded, refused, keptAsGiven) = (numbers[0], numbers[1], numbers[3], numbers[4])
    }
}

/// A legacy export as forces' systems write them: the synthetic force's people with codes, gaps and slips added at
/// fixed rates from a seeded generator, in Windows-1252 (letters it cannot hold become "?", as in a real export).
enum LegacyExport {
    /// `ids` receives the record id of every row that names someone (the history is about them).
    static func write(_ generator: SyntheticForceGenerator, to path: String, seed: UInt64, ids: inout [String]) async throws -> (rows: Int, nameless: Int) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw DomainError.invalid([FieldError("csv", "Cannot write \(path).")])
        }
        defer { try? file.close() }
        try file.write(contentsOf: Data((LegacyCSV.header + "\r\n").utf8))
        var random = SeededGenerator(seed: seed ^ 0xD1A7)
        var rows = 0, nameless = 0
        var found: [String] = []
        try await generator.generate { batch, _ in
            var text = ""
            for person in batch.people {
                var cells = LegacyCSV.cells(of: person)
                if dirty(&cells, &random) { nameless += 1 } else { found.append(cells[0]) }
                text += cells.map(LegacyCSV.cell).joined(separator: ",") + "\r\n"
            }
            rows += batch.people.count
            try file.write(contentsOf: text.data(using: .windowsCP1252, allowLossyConversion: true) ?? Data(text.utf8))
        }
        ids = found
        return (rows, nameless)
    }

    /// Adds an export's dirt to one row's cells; true when the row is left naming no one.
    static func dirty(_ cells: inout [String], _ random: inout SeededGenerator) -> Bool {
        func chance(_ share: Double) -> Bool { Double(random.next() % 100_000) / 100_000 < share }
        // Sex as systems code it.
        let codes = ["female": ["F", "Female", "f"], "male": ["M", "Male", "m"], "unknown": ["U", "Not known", ""], "other": ["X", "Other", "x"]]
        if let options = codes[cells[4]], chance(0.8) { cells[4] = options[Int(random.next() % UInt64(options.count))] }
        if chance(0.002) {
            // Nothing that could identify anyone: only the id and a sex code survive.
            for index in [1, 2, 3, 5, 6, 7, 8] { cells[index] = "" }
            return true
        }
        if chance(0.08) { cells[3] = "" }  // no date of birth
        if chance(0.01), cells[3].count == 10 { cells[3] = String(Int(cells[3].prefix(4))! + 100) + cells[3].dropFirst(4) }  // in the future
        if chance(0.01), cells[3].count == 10 { cells[3] = cells[3].prefix(5) + "02-30" }  // no such day
        if chance(0.15) { cells[5] = "" }  // no phone
        if chance(0.02), cells[5].count > 6 { cells[5] = String(cells[5].dropLast(3)) }  // a phone too short
        if chance(0.02), cells[6].count > 5 { cells[6] = String(cells[6].dropLast()) }  // a postcode a character short
        if chance(0.01) { cells[6] = "" }  // an address with no postcode
        if chance(0.01) { cells[2] = "" }  // no surname
        return false
    }
}
