import Foundation

/// Given names that stand for one another (Katherine, Kate, Kathy…), from our data file
/// `Resources/given-name-groups.txt`. A caller who gives "Kate" must find the record of "Katherine".
public struct GivenNames: Sendable {
    /// Name key → the ids of the groups it belongs to.
    private let groups: [String: [Int]]
    /// A hash of the data file's text (FNV-1a, 64 bits, hex): group keys are stored in the matching index, so an
    /// index built from other groups must be rebuilt (`BlockingKeys.indexFingerprint`).
    public let fingerprint: String

    /// The groups from the bundled data file.
    public static let standard: GivenNames = {
        guard
            let url = Bundle.module.url(forResource: "given-name-groups", withExtension: "txt", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "given-name-groups", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            preconditionFailure("SafeguardMatching's given-name-groups.txt is missing from the bundle")
        }
        return GivenNames(text: text)
    }()

    /// Parses the data file's format: one group per line, names separated by spaces, `#` starts a comment.
    public init(text: String) {
        var groups: [String: [Int]] = [:]
        var index = 0
        for line in text.split(whereSeparator: \.isNewline) {
            let names = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .split(separator: " ").map { NameKey.key(String($0)) }.filter { !$0.isEmpty }
            guard names.count > 1 else { continue }
            for name in names where !(groups[name]?.contains(index) ?? false) { groups[name, default: []].append(index) }
            index += 1
        }
        self.groups = groups
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        fingerprint = String(hash, radix: 16)
    }

    /// A key shared by every name of the first group the name belongs to; the name itself when it is in none.
    /// Used as a blocking key, so "kate" and "katherine" meet.
    public func groupKey(_ name: String) -> String {
        let key = NameKey.key(name)
        if let first = groups[key]?.first { return "g\(first)" }
        return key
    }

    /// Every group key of a name (a name may be short for several).
    public func groupKeys(_ name: String) -> [String] {
        let key = NameKey.key(name)
        guard let ids = groups[key] else { return [key] }
        return ids.map { "g\($0)" }
    }

    /// Whether two given names are variants of one another (and not the same name).
    public func areVariants(_ a: String, _ b: String) -> Bool {
        areVariantKeys(NameKey.key(a), NameKey.key(b))
    }

    /// `areVariants` for names already keyed (as a `MatchRecord` holds them): no re-keying, no sets, since the
    /// scorer asks this for millions of pairs.
    func areVariantKeys(_ x: String, _ y: String) -> Bool {
        guard x != y, let gx = groups[x], let gy = groups[y] else { return false }
        return gx.contains { gy.contains($0) }
    }
}
