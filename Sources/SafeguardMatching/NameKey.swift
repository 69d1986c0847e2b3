import Foundation

/// Search keys for names: case, accents, apostrophes, hyphens and spaces removed, so O'Brien, OBrien and o brien
/// are one key and Zoë is zoe; a name in another script is keyed by its standard transliteration (محمد, 张伟).
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
        // Any other script: ICU's standard transliteration to Latin, then to plain ASCII (Łukasz → lukasz,
        // Γιώργος → giorgos, 张伟 → zhang wei, Олег → oleg), so the same name typed in Latin letters meets it, and a name
        // recorded in its own script meets itself typed again.
        let latin = name.applyingTransform(Self.toASCII, reverse: false) ?? name
        let key = String(latin.lowercased().unicodeScalars.filter { $0.isASCII && CharacterSet.lowercaseLetters.contains($0) }.map(Character.init))
        if !key.isEmpty { return key }
        // A script ICU cannot write in Latin letters keeps its own letters, so a name in it still finds itself.
        return String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init))
    }

    /// Any script to Latin, then Latin with accents and special letters to ASCII (ICU transform ids).
    static let toASCII = StringTransform("Any-Latin; Latin-ASCII")

    /// The version of these keys: bumped whenever `key` gives another key for some name, so stored keys are rebuilt.
    public static let version = 2

    /// The parts of a double-barrelled or multi-word surname (Smith-Jones → smith, jones), for matching a changed name.
    public static func parts(_ name: String) -> [String] {
        name.split(whereSeparator: { $0 == "-" || $0 == " " }).map { key(String($0)) }.filter { !$0.isEmpty }
    }
}
