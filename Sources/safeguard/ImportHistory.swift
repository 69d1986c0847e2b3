import ArgumentParser
import Foundation
import SafeguardDomain

/// `safeguard import history --jsonl FILE`: load a force's past, one JSON object a line, in any order.
struct ImportHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Load a force's history (people, incidents, arrests, outcomes, risk levels, closures) from JSON lines.",
        discussion: """
            One JSON object a line, in any order: each applies at its own time. Types: person (as the people CSV, plus \
            ethnicity), incident, arrest, outcome, risk_level, case_closed, warning (on a "person" or an "address_line" with \
            its "postcode": "kind" from the policy's warningKinds, "note", "at"). Lines are staged first and then applied victim \
            by victim in time order, so the result is the same whatever the file's order; a line already loaded is \
            skipped, so re-running loads nothing twice. Importing the past sets no task and fires no trigger. Open cases \
            go to --owner, or wait on the reallocation queue for a supervisor to give each an owner. Lines that cannot \
            be used (an unknown person or incident, a bad value) are listed in --report and the rest loads.
            """
    )

    @Option(help: "The history file (JSON lines).") var jsonl: String
    @Option(help: "Write the lines that could not be used here (CSV: line, problem), with people's values kept as given.") var report: String?
    @Option(help: "Give the cases still open after the import to this account (else they wait on the reallocation queue).") var owner: String?
    @Option(help: "Lines per transaction.") var chunk = 2_000
    @Flag(help: "Print no progress.") var quiet = false

    func run() async throws {
        do {
            let runtime = try await Runtime.open(policyFile: nil, batch: true)
            do {
                try await load(runtime: runtime)
            } catch {
                try? await runtime.close()
                throw error
            }
            try await runtime.close()
        } catch {
            Terminal.fail(error)
        }
    }

    private func load(runtime: Runtime) async throws {
        let service = runtime.service
        var ownerAccount: User?
        if let owner { ownerAccount = try await service.historyOwner(username: owner) }
        let size = (try? FileManager.default.attributesOfItem(atPath: jsonl)[.size] as? Int) ?? 0
        var reader = try LineReader(path: jsonl)
        let reportFile = try report.map { try ImportReport(path: $0, header: ["line", "problem"]) }
        let summary = try await HistoryImporter(service: service, owner: ownerAccount, chunk: chunk).run(
            next: { reader.next() },
            report: { line, problem in reportFile?.write(["\(line)", problem]) },
            progress: { done, total, what in
                guard !quiet else { return }
                if total == 0 { Progress.bar(reader.bytesRead, of: size, label: "bytes, \(done) \(what)") } else { Progress.bar(done, of: total, label: what) }
            })
        try reportFile?.close()
        if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        print(
            "Read \(summary.read) lines: \(summary.peopleLoaded) people loaded, \(summary.staged) events staged (new), \(summary.incidents) incidents and "
                + "\(summary.cases) cases made, \(summary.warnings) warnings set, \(summary.unusable) lines could not be used\(report.map { " (listed in \($0))" } ?? ""); "
                + "open cases \(owner.map { "given to \($0)" } ?? "wait on the reallocation queue")"
                + String(
                    format: "; read and staged in %.1f s, all in %.1f s, %.0f lines/s", summary.readSeconds, summary.seconds,
                    summary.seconds > 0 ? Double(summary.read) / summary.seconds : 0)
                + (PeakMemory.megabytes().map { String(format: "; peak memory %.0f MB", $0) } ?? "") + ".")
    }
}
