import Foundation

/// NYSIIS (New York State Identification and Intelligence System) phonetic codes: names that sound alike get
/// the same code (Smith/Smyth/Schmidt → SNAT…), so a misspelt surname still meets the record it belongs to.
/// Chosen over Soundex because it keeps vowels' positions and was built for surnames in identification work.
public enum Phonetic {
    /// The NYSIIS code of a name (letters only are used; empty for a name with no letters).
    public static func nysiis(_ name: String) -> String {
        var chars = Array(NameKey.key(name).uppercased())
        guard !chars.isEmpty else { return "" }

        func hasPrefix(_ p: String) -> Bool { chars.starts(with: Array(p)) }
        func hasSuffix(_ s: String) -> Bool { chars.count >= s.count && Array(chars.suffix(s.count)) == Array(s) }
        func replacePrefix(_ count: Int, with p: String) { chars.replaceSubrange(0..<count, with: Array(p)) }
        func replaceSuffix(_ count: Int, with s: String) { chars.replaceSubrange((chars.count - count)..<chars.count, with: Array(s)) }

        // 1. Beginnings.
        if hasPrefix("MAC") { replacePrefix(3, with: "MCC") }
        else if hasPrefix("KN") { replacePrefix(2, with: "NN") }
        else if hasPrefix("K") { replacePrefix(1, with: "C") }
        else if hasPrefix("PH") || hasPrefix("PF") { replacePrefix(2, with: "FF") }
        else if hasPrefix("SCH") { replacePrefix(3, with: "SSS") }
        // 2. Endings.
        if hasSuffix("EE") || hasSuffix("IE") { replaceSuffix(2, with: "Y") }
        else if ["DT", "RT", "RD", "NT", "ND"].contains(where: hasSuffix) { replaceSuffix(2, with: "D") }

        // Y after the first letter is treated as a vowel (Smyth = Smith): a deliberate change from the original,
        // because spelling variants with Y are common in British surnames.
        let vowels: Set<Character> = ["A", "E", "I", "O", "U", "Y"]
        var key: [Character] = [chars[0]]
        var i = 1
        while i < chars.count {
            let c = chars[i]
            var replacement: [Character]
            if c == "E" && i + 1 < chars.count && chars[i + 1] == "V" {
                replacement = ["A", "F"]
            } else if vowels.contains(c) {
                replacement = ["A"]
            } else if c == "Q" { replacement = ["G"] }
            else if c == "Z" { replacement = ["S"] }
            else if c == "M" { replacement = ["N"] }
            else if c == "K" { replacement = (i + 1 < chars.count && chars[i + 1] == "N") ? ["N"] : ["C"] }
            else if c == "S" && i + 2 < chars.count && chars[i + 1] == "C" && chars[i + 2] == "H" { replacement = ["S", "S", "S"] }
            else if c == "P" && i + 1 < chars.count && chars[i + 1] == "H" { replacement = ["F", "F"] }
            else if c == "H" && (!vowels.contains(chars[i - 1]) || (i + 1 < chars.count && !vowels.contains(chars[i + 1])) || i + 1 == chars.count) {
                replacement = [chars[i - 1]]
            } else if c == "W" && vowels.contains(chars[i - 1]) {
                replacement = [chars[i - 1]]
            } else {
                replacement = [c]
            }
            // Multi-letter replacements overwrite the letters they stand for, as the algorithm specifies.
            for (offset, r) in replacement.enumerated() where i + offset < chars.count { chars[i + offset] = r }
            for r in replacement where key.last != r { key.append(r) }
            i += replacement.count
        }
        if key.count > 1 && key.last == "S" { key.removeLast() }
        if key.count > 2 && key.suffix(2) == ["A", "Y"] { key.removeLast(2); key.append("Y") }
        if key.count > 1 && key.last == "A" { key.removeLast() }
        return String(key)
    }
}
