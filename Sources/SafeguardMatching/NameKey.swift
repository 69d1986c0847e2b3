import Foundation

/// Search keys for names: case, accents, apostrophes, hyphens and spaces removed,
/// so O'Brien, OBrien and o brien are one key and Zoë is zoe.
public enum NameKey {
    /// The comparable key of a name (letters only, lower case, accents folded).
    public static func key(_ name: String) -> String {
        // Most names are plain ASCII: keep the letters, lower-cased, without Foundation's (slow) folding.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for byte in name.utf8 {
                if byte >= 0x61 && byte <= 0x7A { bytes.append(byte) } else if byte >= 0x41 && byte <= 0x5A { bytes.append(byte + 32) }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_GB"))
        return String(folded.lowercased().unicodeScalars.filter { CharacterSet.lowercaseLetters.contains($0) && $0.isASCII }.map(Character.init))
    }

    /// The parts of a double-barrelled or multi-word surname (Smith-Jones → smith, jones), for matching a changed name.
    public static func parts(_ name: String) -> [String] {
        name.split(whereSeparator: { $0 == "-" || $0 == " " }).map { key(String($0)) }.filter { !$0.isEmpty }
    }
}
