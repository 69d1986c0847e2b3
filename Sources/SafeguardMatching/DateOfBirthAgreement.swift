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

    /// Compares two canonical `YYYY-MM-DD` dates (either may be nil: not known). Reads the bytes in place: the
    /// clean-up compares millions of pairs.
    public static func compare(_ a: String?, _ b: String?) -> DateOfBirthAgreement {
        guard let a, let b else { return .missing }
        if a == b { return .exact }
        guard a.utf8.count == 10, b.utf8.count == 10 else { return .different }
        var x = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0)), y = x
        withUnsafeMutableBytes(of: &x) { to in for (i, byte) in a.utf8.enumerated() { to[i] = byte } }
        withUnsafeMutableBytes(of: &y) { to in for (i, byte) in b.utf8.enumerated() { to[i] = byte } }
        return withUnsafeBytes(of: x) { x in withUnsafeBytes(of: y) { y in compare(x, y) } }
    }

    /// YYYY-MM-DD: year 0..<4, month 5..<7, day 8..<10.
    private static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> DateOfBirthAgreement {
        let sameYear = x[0] == y[0] && x[1] == y[1] && x[2] == y[2] && x[3] == y[3]
        if sameYear && x[5] == y[8] && x[6] == y[9] && x[8] == y[5] && x[9] == y[6] { return .dayMonthSwapped }
        var differing = 0, first = -1
        for i in 0..<10 where x[i] != y[i] {
            differing += 1
            if first < 0 { first = i }
        }
        if differing == 1 { return .oneDigitOff }
        // Two adjacent digits swapped (1984 / 1948) is one slip too.
        if differing == 2, first + 1 < 10, x[first] == y[first + 1], x[first + 1] == y[first] { return .oneDigitOff }
        if sameYear { return .sameYear }
        return .different
    }

    /// The date with day and month swapped, when that is itself a real date (a blocking key for the swap).
    public static func swapped(_ date: String) -> String? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, parts[1] != parts[2], let day = Int(parts[2]), day <= 12 else { return nil }
        return "\(parts[0])-\(parts[2])-\(parts[1])"
    }
}
