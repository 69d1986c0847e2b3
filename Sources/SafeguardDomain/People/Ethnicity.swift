import Foundation

/// Self-defined ethnicity, recorded for monitoring (rule 31 counts victims by gender and ethnicity): the nineteen
/// categories of the 2021 Census for England and Wales, held by the police self-defined ethnicity code (the "18+1"
/// codes, with W4 for Roma). Not stated is no value. Shown only to roles that need it (`Visibility.person`).
public enum Ethnicity: String, Sendable, Codable, CaseIterable {
    case indian = "A1", pakistani = "A2", bangladeshi = "A3", chinese = "A4", otherAsian = "A9"
    case caribbean = "B1", african = "B2", otherBlack = "B9"
    case whiteAndBlackCaribbean = "M1", whiteAndBlackAfrican = "M2", whiteAndAsian = "M3", otherMixed = "M9"
    case british = "W1", irish = "W2", gypsyOrIrishTraveller = "W3", roma = "W4", otherWhite = "W9"
    case arab = "O2", otherEthnicGroup = "O9"

    /// The census category's words.
    public var title: String {
        switch self {
        case .indian: "Asian: Indian"
        case .pakistani: "Asian: Pakistani"
        case .bangladeshi: "Asian: Bangladeshi"
        case .chinese: "Asian: Chinese"
        case .otherAsian: "Asian: any other Asian background"
        case .caribbean: "Black: Caribbean"
        case .african: "Black: African"
        case .otherBlack: "Black: any other Black, Black British or Caribbean background"
        case .whiteAndBlackCaribbean: "Mixed: White and Black Caribbean"
        case .whiteAndBlackAfrican: "Mixed: White and Black African"
        case .whiteAndAsian: "Mixed: White and Asian"
        case .otherMixed: "Mixed: any other Mixed or multiple ethnic background"
        case .british: "White: English, Welsh, Scottish, Northern Irish or British"
        case .irish: "White: Irish"
        case .gypsyOrIrishTraveller: "White: Gypsy or Irish Traveller"
        case .roma: "White: Roma"
        case .otherWhite: "White: any other White background"
        case .arab: "Other: Arab"
        case .otherEthnicGroup: "Other: any other ethnic group"
        }
    }

    /// Reads a code (`W1`, any case) or the category's words (`Pakistani`, `White: Irish`); the older 16+1 code O1
    /// (Chinese) is read as A4. Nil when it is none of them.
    public static func read(_ raw: String) -> Ethnicity? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let byCode = Ethnicity(rawValue: text.uppercased()) { return byCode }
        if text.uppercased() == "O1" { return .chinese }
        let words = text.lowercased()
        return allCases.first { value in
            let title = value.title.lowercased()
            return title == words || title.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) == words
        }
    }

    /// How "not stated" is written in legacy systems: read as no value, not as a problem.
    static let notStated: Set<String> = ["ns", "not stated", "not known", "unknown", "nk", "n/k", "prefer not to say", "refused", "-", "?"]

    /// The tolerant reading for a legacy record: not stated is nil; a value the import cannot place is kept out and
    /// reported.
    public static func legacy(_ raw: String?) -> (Ethnicity?, DataQualityIssue?) {
        guard let text = raw.flatMap(trimmedNonEmpty) else { return (nil, nil) }
        if notStated.contains(text.lowercased()) { return (nil, nil) }
        if let value = read(text) { return (value, nil) }
        return (
            nil, DataQualityIssue(field: "ethnicity", value: text, problem: "not a 2021 Census category or self-defined ethnicity code; kept as not stated")
        )
    }
}
