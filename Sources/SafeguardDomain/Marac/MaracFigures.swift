import Foundation

/// The MARAC's figures for a period (rule 21; the national report's Figure 5; SafeLives' quarterly return): computed
/// from the records each time, never typed in.
public struct MaracFigures: Sendable, Equatable, Codable {
    public struct Meeting: Sendable, Equatable, Codable {
        public var heldOn: String
        public var cases: Int
    }
    public var from: String
    public var to: String
    public var referrals: Int
    public var repeats: Int
    /// Repeats as a share of referrals, in per cent (SafeLives: 31% nationally in 2024).
    public var repeatPercent: Double?
    public var byAgency: [String: Int]
    public var meetings: [Meeting]
    /// Referrals per 10,000 adult women a year (policy `adultWomenPopulation`; SafeLives: about 40).
    public var per10kWomenPerYear: Double?
    public var withChildrenInHousehold: Int
    public var minoritised: Int
    public var ethnicityNotRecorded: Int
    public var disabled: Int
    public var male: Int
    public var aged16to17: Int
    public var perpetrators17OrUnder: Int
    /// High-risk victims offered an IDVA in the period, and how many accepted.
    public var idvaOffered: Int
    public var idvaAccepted: Int
}

/// Small numbers leave the force suppressed (rule 32; for now: fewer than 10 shown as "fewer than 10").
public enum SmallNumbers {
    public static let threshold = 10

    public static func shown(_ count: Int) -> String { count < threshold ? "fewer than \(threshold)" : String(count) }

    /// A share is shown only when both counts it is made from are.
    public static func shown(percent: Double?, of parts: Int, in whole: Int) -> String {
        guard let percent, parts >= threshold, whole >= threshold else { return "suppressed" }
        return String(format: "%.1f%%", percent)
    }
}

/// Rule 21's figures, in one place.
public enum MaracFigureRules {
    /// SafeLives' "minoritised": an ethnicity recorded and other than White British (census W1).
    public static func isMinoritised(_ ethnicity: String?) -> Bool? {
        guard let code = ethnicity.flatMap({ Ethnicity(rawValue: $0) }) else { return nil }
        return code != .british
    }

    public static func isDisabled(_ vulnerabilities: [String]) -> Bool { vulnerabilities.contains { $0.lowercased().contains("disab") } }

    /// Age in whole years on a day, from a date of birth (nil when unknown).
    public static func age(_ dateOfBirth: String?, on day: String) -> Int? {
        guard let born = dateOfBirth.flatMap(CalendarDate.normalise), born.count == 10, day.count == 10 else { return nil }
        let b = born.split(separator: "-").compactMap { Int($0) }, d = day.split(separator: "-").compactMap { Int($0) }
        guard b.count == 3, d.count == 3 else { return nil }
        return d[0] - b[0] - ((d[1], d[2]) < (b[1], b[2]) ? 1 : 0)
    }

    /// The quarter `YYYY-Qn` as its first and last days.
    public static func quarter(_ text: String?) throws -> (from: String, to: String) {
        let parts = (text ?? "").uppercased().split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), (2000...2100).contains(year), parts[1].count == 2, parts[1].first == "Q",
            let q = Int(parts[1].dropFirst()), (1...4).contains(q)
        else { throw DomainError.invalid([FieldError("quarter", "Give a quarter like 2026-Q3.")]) }
        let firstMonth = (q - 1) * 3 + 1
        let lastDay = [31, 30, 30, 31][q - 1]
        return (CalendarDate.text(year: year, month: firstMonth, day: 1), CalendarDate.text(year: year, month: firstMonth + 2, day: lastDay))
    }

    /// SafeLives' quarterly return as CSV (measure, value): every count suppressed below the threshold.
    public static func returnCSV(_ f: MaracFigures) -> String {
        var rows: [(String, String)] = [("period", "\(f.from) to \(f.to)"), ("meetings", String(f.meetings.count))]
        for meeting in f.meetings { rows.append(("cases discussed on \(meeting.heldOn)", SmallNumbers.shown(meeting.cases))) }
        rows += [
            ("referrals", SmallNumbers.shown(f.referrals)), ("repeat referrals", SmallNumbers.shown(f.repeats)),
            ("repeat rate", SmallNumbers.shown(percent: f.repeatPercent, of: f.repeats, in: f.referrals)),
            ("referrals per 10,000 adult women a year", f.per10kWomenPerYear.map { String(format: "%.1f", $0) } ?? "population not set")
        ]
        for agency in Agency.allCases { rows.append(("referrals from \(agency.label)", SmallNumbers.shown(f.byAgency[agency.rawValue] ?? 0))) }
        rows += [
            ("children in the household", SmallNumbers.shown(f.withChildrenInHousehold)),
            ("victims from minoritised groups", SmallNumbers.shown(f.minoritised)),
            ("victims whose ethnicity is not recorded", SmallNumbers.shown(f.ethnicityNotRecorded)),
            ("LGBT+ victims", "not recorded"), ("disabled victims", SmallNumbers.shown(f.disabled)), ("male victims", SmallNumbers.shown(f.male)),
            ("victims aged 16-17", SmallNumbers.shown(f.aged16to17)), ("perpetrators aged 17 or under", SmallNumbers.shown(f.perpetrators17OrUnder)),
            ("high-risk victims offered an IDVA", SmallNumbers.shown(f.idvaOffered)), ("offers accepted", SmallNumbers.shown(f.idvaAccepted))
        ]
        return "measure,value\n" + rows.map { "\(CSVText.cell($0.0)),\(CSVText.cell($0.1))" }.joined(separator: "\n") + "\n"
    }
}
