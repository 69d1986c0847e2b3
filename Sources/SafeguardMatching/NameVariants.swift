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

    /// What to look up for a name typed: its variants, or for a name one letter short of the shortest kept, the
    /// name itself — "Kng" is King less a letter, one of King's stored variants, though "Kng" has none of its own.
    public static func lookups(for typed: String) -> [String] {
        typed.count == minimumLength - 1 ? [typed] : of(typed)
    }

    /// Of `known` names found through shared variants, those truly one slip from `typed` (the shared-variant test
    /// also lets some two-slip pairs through) — `typed` itself included when it is on record — in a stable order.
    public static func corrections(of typed: String, among known: [String]) -> [String] {
        Set(known).filter { MatchScorer.withinOneEdit($0, typed) }.sorted()
    }

    /// Which typed names to look up again under their neighbours (`near`: typed name → names on record within one
    /// slip, itself included if on record). A name nobody on record has is probably a slip; a name on record is
    /// probably right, and is only second-guessed when nobody at all was found — otherwise every common name would
    /// pull in all its look-alikes and slow every call.
    public static func worthTrying(_ near: [String: [String]], nothingFound: Bool) -> [String: [String]] {
        var chosen: [String: [String]] = [:]
        for (typed, names) in near where nothingFound || !names.contains(typed) {
            let others = names.filter { $0 != typed }
            if !others.isEmpty { chosen[typed] = others }
        }
        return chosen
    }
}
