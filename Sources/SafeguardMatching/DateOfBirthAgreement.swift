import Foundation

/// How two dates of birth agree, from exact to different. The near misses are the mistakes people make when
/// giving or typing a date: day and month swapped (04/12 for 12/04), one digit wrong, the year alone known.
public enum DateOfBirthAgreement: String, Sendable, CaseIterable, Codable {
    case exact
    case dayMonthSwapped = "day_month_swapped"
    case oneDigitOff = "one_digit_off"
    case sameYear = "same_year"
    case missing
    case different

    /// Compares two canonical `YYYY-MM-DD` dates (either may be nil: not known).
    public static func compare(_ a: String?, _ b: String?) -> DateOfBirthAgreement {
        guard let a, let b else { return .missing }
        if a == b { return .exact }
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == 10, y.count == 10 else { return .different }
        // YYYY-MM-DD: year 0..<4, month 5..<7, day 8..<10
        if x[0..<4] == y[0..<4] && x[5..<7] == y[8..<10] && x[8..<10] == y[5..<7] { return .dayMonthSwapped }
        let differing = zip(x, y).filter { $0 != $1 }.count
        if differing == 1 { return .oneDigitOff }
        // Two adjacent digits swapped (1984 / 1948) is one slip too.
        if differing == 2, let first = zip(x, y).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset,
           first + 1 < x.count, x[first] == y[first + 1], x[first + 1] == y[first] { return .oneDigitOff }
        if x[0..<4] == y[0..<4] { return .sameYear }
        return .different
    }

    /// The date with day and month swapped, when that is itself a real date (a blocking key for the swap).
    public static func swapped(_ date: String) -> String? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, parts[1] != parts[2], let day = Int(parts[2]), day <= 12 else { return nil }
        return "\(parts[0])-\(parts[2])-\(parts[1])"
    }
}
