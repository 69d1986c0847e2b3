import Foundation
import SafeguardDomain
import SafeguardMatching

/// Whole days since 1970-01-01 (UTC) and back, by arithmetic. The generator formats hundreds of thousands of dates,
/// and `DateFormatter` or `Calendar` in that loop would cost seconds in a debug build.
/// Days-from-civil after Howard Hinnant's public-domain algorithms.
enum CivilDay {
    static let secondsPerDay = 86_400

    /// The day number of a calendar date.
    static func day(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date of a day number.
    static func date(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// `YYYY-MM-DD` for a day number, the form `Person.dateOfBirth` and address history hold.
    static func text(_ dayNumber: Int) -> String {
        let d = date(dayNumber)
        return text(year: d.year, month: d.month, day: d.day)
    }

    /// `YYYY-MM-DD` with manual zero padding (`String(format:)` is slow in a hot loop).
    static func text(year: Int, month: Int, day: Int) -> String {
        var out = String(year)
        out.reserveCapacity(10)
        out += month < 10 ? "-0" : "-"
        out += String(month)
        out += day < 10 ? "-0" : "-"
        out += String(day)
        return out
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day number containing an instant.
    static func day(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / Double(secondsPerDay)).rounded(.down))
    }
}
