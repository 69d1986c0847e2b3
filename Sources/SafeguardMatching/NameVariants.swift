import Foundation

/// One-slip spelling neighbours of a name (the deletion-neighbourhood method of SymSpell): a name and every string
/// made by dropping one of its letters. Two names one insertion, deletion, substitution or swap of adjacent letters
/// apart always share one of these, so a caller's "Bursn" reaches the "Burns" the force holds without comparing it
/// with every name. Stored for every name on record (`match_name_variants`), looked up for the names typed.
public enum NameVariants {
    /// Shorter names are left out: one letter from a three-letter name is a different name, not a slip.
    public static let minimumLength = 4

    /// The name itself and each one-letter deletion, or nothing for a short name.
    public static func of(_ name: String) -> [String] {
        let letters = Array(name)
        guard letters.count >= minimumLength else { return [] }
        var variants = [name]
        for i in letters.indices {
            var shorter = letters
            shorter.remove(at: i)
            let text = String(shorter)
            if !variants.contains(text) { variants.append(text) }
        }
        return variants
    }

    /// Of `known` names found through shared variants, those truly one slip from `typed` (the shared-variant test
    /// also lets some two-slip pairs through), other than `typed` itself, in a stable order.
    public static func corrections(of typed: String, among known: [String]) -> [String] {
        Set(known).filter { $0 != typed && MatchScorer.withinOneEdit($0, typed) }.sorted()
    }
}
