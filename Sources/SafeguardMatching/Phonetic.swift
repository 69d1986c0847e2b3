import Foundation

/// NYSIIS (New York State Identification and Intelligence System) phonetic codes: names that sound alike get
/// the same code (Smith/Smyth → SNAT), so a misspelt surname still meets the record it belongs to.
/// Chosen over Soundex because it keeps vowels' positions and was built for surnames in identification work.
/// One deliberate change: Y after the first letter counts as a vowel (Smyth = Smith), common in British names.
/// Works on bytes, not Characters: it runs for every record loaded.
public enum Phonetic {
    private static let a = UInt8(ascii: "A")

    /// The NYSIIS code of a name (letters only are used; empty for a name with no letters).
    public static func nysiis(_ name: String) -> String {
        let letters = Array(NameKey.key(name).utf8)
        // A key in a script with no Latin transliteration has no NYSIIS code: it is matched by the key itself.
        guard !letters.isEmpty, letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return "" }
        var chars = letters.map { $0 - 32 }  // upper case

        // Plain index loops: generic zips and buffer views cost a great deal in debug builds, and this runs for every record.
        func hasPrefix(_ p: StaticString) -> Bool {
            let n = p.utf8CodeUnitCount
            guard chars.count >= n else { return false }
            let start = p.utf8Start
            for k in 0..<n where chars[k] != start[k] { return false }
            return true
        }
        func hasSuffix(_ p: StaticString) -> Bool {
            let n = p.utf8CodeUnitCount
            guard chars.count >= n else { return false }
            let start = p.utf8Start, offset = chars.count - n
            for k in 0..<n where chars[offset + k] != start[k] { return false }
            return true
        }
        func bytes(_ p: StaticString) -> [UInt8] { (0..<p.utf8CodeUnitCount).map { p.utf8Start[$0] } }
        func isVowel(_ c: UInt8) -> Bool { c == 65 || c == 69 || c == 73 || c == 79 || c == 85 || c == 89 }  // A E I O U Y

        // 1. Beginnings.
        if hasPrefix("MAC") {
            chars.replaceSubrange(0..<3, with: bytes("MCC"))
        } else if hasPrefix("KN") {
            chars.replaceSubrange(0..<2, with: bytes("NN"))
        } else if hasPrefix("K") {
            chars[0] = UInt8(ascii: "C")
        } else if hasPrefix("PH") || hasPrefix("PF") {
            chars.replaceSubrange(0..<2, with: bytes("FF"))
        } else if hasPrefix("SCH") {
            chars.replaceSubrange(0..<3, with: bytes("SSS"))
        }
        // 2. Endings.
        if hasSuffix("EE") || hasSuffix("IE") {
            chars.replaceSubrange((chars.count - 2)..., with: bytes("Y"))
        } else if hasSuffix("DT") || hasSuffix("RT") || hasSuffix("RD") || hasSuffix("NT") || hasSuffix("ND") {
            chars.replaceSubrange((chars.count - 2)..., with: bytes("D"))
        }

        var key: [UInt8] = [chars[0]]
        var i = 1
        while i < chars.count {
            let c = chars[i]
            let next: UInt8? = i + 1 < chars.count ? chars[i + 1] : nil
            var replacement: [UInt8]
            if c == UInt8(ascii: "E") && next == UInt8(ascii: "V") {
                replacement = bytes("AF")
            } else if isVowel(c) {
                replacement = [a]
            } else if c == UInt8(ascii: "Q") {
                replacement = bytes("G")
            } else if c == UInt8(ascii: "Z") {
                replacement = bytes("S")
            } else if c == UInt8(ascii: "M") {
                replacement = bytes("N")
            } else if c == UInt8(ascii: "K") {
                replacement = next == UInt8(ascii: "N") ? bytes("N") : bytes("C")
            } else if c == UInt8(ascii: "S") && next == UInt8(ascii: "C") && i + 2 < chars.count && chars[i + 2] == UInt8(ascii: "H") {
                replacement = bytes("SSS")
            } else if c == UInt8(ascii: "P") && next == UInt8(ascii: "H") {
                replacement = bytes("FF")
            } else if c == UInt8(ascii: "H") && (!isVowel(chars[i - 1]) || next == nil || !isVowel(next!)) {
                replacement = [chars[i - 1]]
            } else if c == UInt8(ascii: "W") && isVowel(chars[i - 1]) {
                replacement = [chars[i - 1]]
            } else {
                replacement = [c]
            }
            // Multi-letter replacements overwrite the letters they stand for, as the algorithm specifies.
            for (offset, r) in replacement.enumerated() where i + offset < chars.count { chars[i + offset] = r }
            for r in replacement where key.last != r { key.append(r) }
            i += replacement.count
        }
        if key.count > 1 && key.last == UInt8(ascii: "S") { key.removeLast() }
        if key.count > 2 && key[key.count - 2] == a && key[key.count - 1] == UInt8(ascii: "Y") { key.removeLast(2); key.append(UInt8(ascii: "Y")) }
        if key.count > 1 && key.last == a { key.removeLast() }
        return String(decoding: key, as: UTF8.self)
    }
}
