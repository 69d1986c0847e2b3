import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic

/// `safeguard bench migrate`: a force's legacy people export, with the dirt a real one has, loaded whole (issue 19).
struct BenchMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Write a legacy people CSV with real exports' dirt (codes, blanks, malformed values, Windows-1252), then import it into a fresh database.",
        discussion: """
            Prints people read, loaded, refused (which must be only the rows that name no one), values kept as given, rows \
            per second and the import's peak memory (the import runs as its own process). The last line is JSON. The \
            history import is not measured yet.
            """)

    @Option(help: "Legacy person rows to write (about; duplicates come on top of individuals).") var people = 100_000
    @Option(help: "Seed of the force and of the dirt.") var seed: UInt64 = 2014
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?

    func run() async throws {
        do {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safeguard-migrate-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let url = try databaseURL.map(DatabaseURL.parse) ?? .sqlite(path: folder.appendingPathComponent("bench.sqlite").path)
            let csv = folder.appendingPathComponent("legacy.csv").path, report = folder.appendingPathComponent("quality.csv").path
            let generator = SyntheticForceGenerator(spec: SyntheticForceSpec(people: people, years: 10, seed: seed, endDate: try DemoForce.endDate(nil)))
            let written = try await LegacyExport.write(generator, to: csv, seed: seed)
            print("Wrote \(written.rows) legacy rows (\(written.nameless) naming no one) to \(csv), Windows-1252.")
            // A fresh, migrated database, as a force's first day would have.
            let runtime = try await Runtime.open(policyFile: nil, url: url)
            try await runtime.close()
            let run = try ChildCommand.run(
                ["import", "people", "--csv", csv, "--encoding", "windows-1252", "--report", report, "--quiet"], databaseURL: url)
            print(run.output, terminator: "")
            guard let summary = ImportSummary(run.output) else { throw DomainError.conflict("The import printed no summary line.") }
            let perSecond = Double(summary.read) / max(run.seconds, 0.001)
            print(String(format: "People import: %.1f s, %.0f rows/s, peak %.0f MB", run.seconds, perSecond, run.peakMB))
            print(
                "Loaded \(summary.loaded) of \(summary.read); refused \(summary.refused) (rows naming no one: \(written.nameless)); \(summary.keptAsGiven) with values kept as given."
            )
            let json: [String: Any] = [
                "database": { if case .postgres = url { "postgres" } else { "sqlite" } }(), "people_read": summary.read, "people_loaded": summary.loaded,
                "people_refused": summary.refused,
                "nameless_rows": written.nameless, "refused_only_nameless": summary.refused == written.nameless, "kept_as_given_rows": summary.keptAsGiven,
                "people_seconds": (run.seconds * 10).rounded() / 10, "people_rows_per_second": perSecond.rounded(), "people_peak_mb": run.peakMB
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
            if summary.refused != written.nameless { throw DomainError.conflict("The import refused rows that name someone.") }
        } catch {
            Terminal.fail(error)
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
    static func write(_ generator: SyntheticForceGenerator, to path: String, seed: UInt64) async throws -> (rows: Int, nameless: Int) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw DomainError.invalid([FieldError("csv", "Cannot write \(path).")])
        }
        defer { try? file.close() }
        try file.write(contentsOf: Data((LegacyCSV.header + "\r\n").utf8))
        var random = SeededGenerator(seed: seed ^ 0xD1A7)
        var rows = 0, nameless = 0
        try await generator.generate { batch, _ in
            var text = ""
            for person in batch.people {
                var cells = LegacyCSV.cells(of: person)
                if dirty(&cells, &random) { nameless += 1 }
                text += cells.map(LegacyCSV.cell).joined(separator: ",") + "\r\n"
            }
            rows += batch.people.count
            try file.write(contentsOf: text.data(using: .windowsCP1252, allowLossyConversion: true) ?? Data(text.utf8))
        }
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
