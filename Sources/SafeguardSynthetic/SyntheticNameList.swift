import Foundation
import SafeguardDomain
import SafeguardMatching

/// The generator's name lists, read from `Resources/names/<list>.txt` (one name a line, in the order the generator
/// walks them): data, not code, so a list can be checked, grown or replaced without touching the generator.
enum SyntheticNameList {
    /// The names of one list, in file order. A missing list is a packaging fault, so it stops at once, by name.
    static func load(_ list: String) -> [String] {
        lines(list).filter { !$0.isEmpty }
    }

    /// `formal: short, short` lines: the short forms people give for a formal first name, in file order.
    static func nicknames(_ list: String) -> [(formal: String, short: [String])] {
        lines(list).compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (
                String(parts[0]).trimmingCharacters(in: .whitespaces),
                parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            )
        }
    }

    private static func lines(_ list: String) -> [String] {
        let candidates = [Bundle.module.bundleURL.appendingPathComponent("Resources"), Bundle.module.resourceURL, Bundle.module.bundleURL]
            .compactMap { $0 }.map { $0.appendingPathComponent("names/\(list).txt") }
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            fatalError("The synthetic name list \(list).txt is missing from the SafeguardSynthetic bundle.")
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
