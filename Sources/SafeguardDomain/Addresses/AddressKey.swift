import Foundation

/// One key per place (issue 20 part 2), so a call to "flat 3, 12 high st, ab1 2cd" meets "Flat 3 12 High Street
/// AB1 2CD" with its warnings and its history. Case, spacing, punctuation, common street-word abbreviations, flat
/// numbering and the postcode's format do not change the key; the words themselves must agree. A key is the postcode
/// without its space (or, with no usable postcode, the town) and the line's words: `AB12CD|flat 3 12 high street`.
public enum AddressKey {
    /// The place's key, or nil when there is no line to key on.
    public static func key(line1: String, line2: String? = nil, town: String, postcode: String) -> String? {
        let line = words([line1, line2 ?? ""].joined(separator: " "))
        guard !line.isEmpty else { return nil }
        return prefix(postcode: postcode, town: town) + line.joined(separator: " ")
    }

    /// The part of every key at this postcode (or, when it is not one, this town), up to and including the `|`.
    public static func prefix(postcode: String, town: String) -> String {
        if let code = Postcode.normalise(postcode) { return code.replacingOccurrences(of: " ", with: "") + "|" }
        return "town:" + words(town).joined(separator: " ") + "|"
    }

    /// Street words as written out. "St" is "saint" before a name ("12 St Mary's Road") and "street" after one.
    static let streetWords: [String: String] = [
        "rd": "road", "ave": "avenue", "av": "avenue", "ln": "lane", "dr": "drive", "cl": "close", "cres": "crescent", "cresc": "crescent",
        "ct": "court", "crt": "court", "pl": "place", "gdns": "gardens", "gdn": "garden", "sq": "square", "tce": "terrace", "terr": "terrace",
        "pk": "park", "gr": "grove", "gro": "grove", "wk": "walk", "hse": "house", "bldgs": "buildings", "mt": "mount", "hts": "heights",
        "rdg": "ridge", "est": "estate", "ctr": "centre", "mews": "mews", "pde": "parade", "prom": "promenade", "blvd": "boulevard"
    ]
    static let foldingLocale = Locale(identifier: "en_GB")
    /// Words that name a flat within a building: all become "flat".
    static let flatWords: Set<String> = ["flat", "flt", "apartment", "apartments", "apt", "appt", "unit", "maisonette"]

    /// The line as canonical words: lower case, accents and apostrophes gone, punctuation as space, "12 A" as "12a",
    /// flat words as "flat", street abbreviations written out.
    static func words(_ text: String) -> [String] {
        // Most lines are plain ASCII, where folding is only lower-casing; Foundation's folding (and a locale made on
        // each call) was most of an import's time spent keying addresses.
        let folded =
            text.utf8.allSatisfy { $0 < 0x80 }
            ? text.lowercased().replacingOccurrences(of: "'", with: "")
            : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: foldingLocale)
                .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: "")
        let raw = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        var out: [String] = []
        var index = 0
        while index < raw.count {
            var word = raw[index]
            let next = index + 1 < raw.count ? raw[index + 1] : nil
            // "No. 12" is 12: the word says nothing.
            if word == "no" || word == "number", let next, next.first?.isNumber == true {
                index += 1
                continue
            }
            if let last = out.last, last.allSatisfy(\.isNumber), word.count == 1, word.first?.isLetter == true,
                !(next.map(flatWords.contains) ?? false)
            {
                out[out.count - 1] = last + word  // "12 A" is "12a"
                index += 1
                continue
            }
            if flatWords.contains(word) {
                word = "flat"
            } else if word == "st" {
                let beforeName = next.map { $0.first?.isLetter == true && streetWords[$0] == nil && !flatWords.contains($0) } ?? false
                let startsStreet = out.isEmpty || out.last?.first?.isNumber == true
                word = beforeName && startsStreet ? "saint" : "street"
            } else if let full = streetWords[word] {
                word = full
            }
            out.append(word)
            index += 1
        }
        return out
    }
}
