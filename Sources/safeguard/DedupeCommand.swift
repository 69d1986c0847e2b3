import ArgumentParser
import Foundation
import SafeguardDomain

/// `safeguard dedupe`: the legacy clean-up — propose links between person records across the whole database.
struct Dedupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propose links between person records that may be the same person, for people to confirm. Resumable: a stopped run continues where it stopped.")

    @Option(help: "Records per batch (each batch is one transaction).") var batchSize = 2_000
    @Flag(help: "Print no progress.") var quiet = false
    @Option(help: "Force policy JSON file (its dedupeProposeThreshold is the line for proposing a link).") var policy: String?

    func run() async throws {
        do {
            let runtime = try await Runtime.open(policyFile: policy)
            let total = try await runtime.service.repositories.transaction { tx in try await tx.dedupe.personIDs(after: "", limit: Int.max / 2).count }
            let started = ContinuousClock.now
            let summary = try await runtime.service.dedupe(batchSize: batchSize) { done in
                guard !quiet else { return }
                Progress.bar(done, of: total, label: "records compared")
            }
            if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            print("\(summary.resumed ? "Resumed and compared" : "Compared") \(summary.recordsCompared) records, scored \(summary.pairsScored) pairs, proposed \(summary.proposals) links in \(Progress.seconds(ContinuousClock.now - started)). Review them before relying on any.")
            try await runtime.close()
        } catch {
            Terminal.fail(error)
        }
    }
}

/// Progress on the terminal for long runs.
enum Progress {
    static func bar(_ done: Int, of total: Int, label: String) {
        let percent = total == 0 ? 100 : min(100, Int(Double(done) / Double(total) * 100))
        let bar = String(repeating: "#", count: percent / 4).padding(toLength: 25, withPad: "-", startingAt: 0)
        FileHandle.standardError.write(Data("\r[\(bar)] \(percent)%  \(done)/\(total) \(label)".utf8))
    }

    static func seconds(_ d: Duration) -> String {
        String(format: "%.1f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
}
