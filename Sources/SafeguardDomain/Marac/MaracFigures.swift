import Foundation

/// The MARAC's figures for a period (rule 21; the national report's Figure 5; SafeLives' quarterly return): computed
/// from the records each time, never typed in.
public struct MaracFigures: Sendable, Equatable, Codable {
    public struct Meeting: Sendable, Equatable, Codable {
        public var heldOn: String
        public var cases: Int
    }
    /// One MARAC's line in the force's figures.
    public struct AreaLine: Sendable, Equatable, Codable {
        public var area: String
        public var name: String
        public var referrals: Int
        public var repeats: Int
        public var repeatPercent: Double?
        public var per10kWomenPerYear: Double?
        public var engagedWithIdva: Int
    }
    public var from: String
    public var to: String
    /// The area's code and name when these are one MARAC's figures; nil for the force.
    public var area: String?
    public var areaName: String?
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
    /// Referred victims who said they identify as LGBT+, and those not asked or who preferred not to say.
    public var lgbt: Int = 0
    public var lgbtNotKnown: Int = 0
    public var male: Int
    public var aged16to17: Int
    public var perpetrators17OrUnder: Int
    /// High-risk victims offered an IDVA in the period, and how many accepted.
    public var idvaOffered: Int
    public var idvaAccepted: Int
    /// Cases referred in the period whose newest IDVA offer, from a year before the referral to the period's end, was
    /// accepted (IDVA engagement).
    public var engagedWithIdva: Int = 0
    /// The force's figures, a line per area's MARAC (empty for one MARAC's figures).
    public var perMarac: [AreaLine] = []
}

/// Small numbers leave the force suppressed (rule 32): a count from 1 up to the threshold is shown as "fewer than"
/// the next number; none is shown as 0. Tables whose cells add up to a total shown beside them need
/// `SuppressionRules` too, so a hidden cell cannot be worked out from the others.
public enum SmallNumbers {
    /// Whether a count is small: from 1 up to the force's threshold (policy `smallNumberThreshold`).
    public static func isSmall(_ count: Int, threshold: Int) -> Bool { (1...max(1, threshold)).contains(count) }

    public static func fewerThan(_ threshold: Int) -> String { "fewer than \(threshold + 1)" }

    public static func shown(_ count: Int, threshold: Int) -> String {
        isSmall(count, threshold: threshold) ? fewerThan(threshold) : String(count)
    }

    /// A share is shown only when both counts it is made from are shown and its denominator is not small.
    public static func shown(percent: Double?, of parts: Int, in whole: Int, threshold: Int) -> String {
        guard let percent, !isSmall(parts, threshold: threshold), whole > threshold else { return "suppressed" }
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

    /// A share in per cent; nil when there is nothing to share.
    public static func percent(_ part: Int, of whole: Int) -> Double? { whole > 0 ? Double(part) * 100 / Double(whole) : nil }

    /// The adult women an area's MARAC serves (policy `adultWomenByArea`, by area code), or the force's
    /// (`adultWomenPopulation`, else the areas' sum when every area has one). Nil: not set, so no rate is given.
    public static func adultWomen(area: Area?, areas: [Area], policy: ForcePolicy) -> Int? {
        if let area { return policy.adultWomenByArea[area.code] }
        if let force = policy.adultWomenPopulation { return force }
        let counts = areas.compactMap { policy.adultWomenByArea[$0.code] }
        return !areas.isEmpty && counts.count == areas.count ? counts.reduce(0, +) : nil
    }

    /// Referrals per 10,000 adult women a year, to one decimal place (national report, Figure 5; SafeLives: about 40).
    public static func per10kWomenPerYear(_ referrals: Int, women: Int?, days: Double) -> Double? {
        guard let women, women > 0, days > 0 else { return nil }
        return (Double(referrals) / Double(women) * 10_000 * 365 / days * 10).rounded() / 10
    }

    /// A rate per 10,000 as it is shown: one decimal place, or why there is none.
    public static func rateText(_ per10k: Double?) -> String { per10k.map { String(format: "%.1f", $0) } ?? "population not set" }

    /// IDVA engagement for a referred case: the newest offer recorded from a year before her referral up to the end of
    /// the period was accepted (an acceptance from an earlier spell of abuse does not count).
    public static func engagedWithIdva(_ offers: [IdvaOffer], referredAt: Date, by end: Date) -> Bool {
        let since = referredAt.addingTimeInterval(-365 * 86_400)
        return offers.filter { $0.recordedAt >= since && $0.recordedAt < end }.max { $0.recordedAt < $1.recordedAt }?.outcome == .accepted
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
    public static func returnCSV(_ f: MaracFigures, threshold: Int) -> String {
        "measure,value\n" + returnRows(f, threshold: threshold).map { "\(CSVText.cell($0.measure)),\(CSVText.cell($0.value))" }.joined(separator: "\n") + "\n"
    }

    /// The return's lines, as the CSV and the figures page both show them.
    public static func returnRows(_ f: MaracFigures, threshold: Int) -> [(measure: String, value: String)] {
        func shown(_ count: Int) -> String { SmallNumbers.shown(count, threshold: threshold) }
        var rows: [(String, String)] = [
            ("MARAC", f.areaName.map { "\($0) (\(f.area ?? ""))" } ?? "force-wide"), ("period", "\(f.from) to \(f.to)"),
            ("meetings", String(f.meetings.count))
        ]
        for meeting in f.meetings { rows.append(("cases discussed on \(meeting.heldOn)", shown(meeting.cases))) }
        rows += [
            ("referrals", shown(f.referrals)), ("repeat referrals", shown(f.repeats)),
            ("repeat rate", SmallNumbers.shown(percent: f.repeatPercent, of: f.repeats, in: f.referrals, threshold: threshold)),
            ("referrals per 10,000 adult women a year", rateText(f.per10kWomenPerYear))
        ]
        for agency in Agency.allCases { rows.append(("referrals from \(agency.label)", shown(f.byAgency[agency.rawValue] ?? 0))) }
        rows += [
            ("children in the household", shown(f.withChildrenInHousehold)),
            ("victims from minoritised groups", shown(f.minoritised)),
            ("victims whose ethnicity is not recorded", shown(f.ethnicityNotRecorded)),
            ("LGBT+ victims", shown(f.lgbt)), ("victims not asked whether LGBT+, or who preferred not to say", shown(f.lgbtNotKnown)),
            ("disabled victims", shown(f.disabled)), ("male victims", shown(f.male)),
            ("victims aged 16-17", shown(f.aged16to17)), ("perpetrators aged 17 or under", shown(f.perpetrators17OrUnder)),
            ("high-risk victims offered an IDVA", shown(f.idvaOffered)), ("offers accepted", shown(f.idvaAccepted)),
            ("referred cases engaged with an IDVA", shown(f.engagedWithIdva))
        ]
        return rows.map { (measure: $0.0, value: $0.1) }
    }
}
