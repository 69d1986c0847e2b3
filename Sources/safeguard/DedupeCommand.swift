import ArgumentParser
import Foundation
import SafeguardDomain

/// `safeguard dedupe`: the legacy clean-up — propose links between person records across the whole database.
struct Dedupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Propose links between person records that may be the same person, for people to confirm. Resumable: a stopped run continues where it stopped.")

    @Option(help: "Records per batch (each batch is one transaction).") var batchSize = 2_000
    @Flag(help: "Print no progress.") var quiet = false
    @Option(help: "Force policy JSON file (its dedupeProposeThreshold is the line for proposing a link).") var policy: String?

    func run() async throws {
        do {
            let runtime = try await Runtime.open(policyFile: policy)
            let total = try await runtime.store.transaction { tx in try await tx.dedupe.personIDs(after: "", limit: Int.max / 2).count }
            let started = ContinuousClock.now
            let summary = try await runtime.service.dedupe(batchSize: batchSize) { done in
                guard !quiet else { return }
                Progress.bar(done, of: total, label: "records compared")
            }
            if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            let peak = PeakMemory.megabytes().map { String(format: " (peak memory %.0f MB)", $0) } ?? ""
            print(
                "\(summary.resumed ? "Resumed and compared" : "Compared") \(summary.recordsCompared) records, scored \(summary.pairsScored) pairs, proposed \(summary.proposals) links in \(Progress.seconds(ContinuousClock.now - started))\(peak). Review them before relying on any."
            )
            try await runtime.close()
        } catch {
            Terminal.fail(error)
        }
    }
}

/// This process's peak resident memory (Linux's VmHWM, in MB), as the clean-up reports it: a machine's memory is the
/// limit a force's clean-up must fit in.
enum PeakMemory {
    static func megabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kb / 1024
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
