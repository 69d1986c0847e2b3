import Foundation
import SafeguardMatching

/// UK telephone numbers in one canonical form (`07700900123`), so `+44 7700 900123` and `07700 900 123` are one number.
public enum PhoneNumber {
    /// The canonical national form, or nil if this cannot be a UK number.
    public static func normalise(_ raw: String) -> String? {
        var digits = raw.filter(\.isNumber)
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("+44") || trimmed.hasPrefix("0044") {
            digits = String(digits.dropFirst(trimmed.hasPrefix("+44") ? 2 : 4))
            if digits.hasPrefix("0") { digits.removeFirst() }  // "+44 (0)7700…"
            digits = "0" + digits
        } else if digits.hasPrefix("44") && digits.count == 12 {
            digits = "0" + digits.dropFirst(2)
        }
        guard digits.hasPrefix("0"), (10...11).contains(digits.count) else { return nil }
        // Only digits, spaces, dashes, brackets and a leading + belong in a phone number.
        let allowed = CharacterSet(charactersIn: "0123456789 +-()")
        guard raw.unicodeScalars.allSatisfy({ allowed.contains($0) }) else { return nil }
        return digits
    }
}

/// UK postcodes: upper case, one space before the inward code (`SW1A 1AA`).
public enum Postcode {
    /// The canonical form, or nil if the text is not shaped like a postcode.
    public static func normalise(_ raw: String) -> String? {
        let compact = raw.uppercased().filter { $0.isLetter || $0.isNumber }
        guard (5...7).contains(compact.count) else { return nil }
        let inward = compact.suffix(3)
        let outward = compact.dropLast(3)
        guard let first = outward.first, first.isLetter,
            inward.first?.isNumber == true, inward.dropFirst().allSatisfy(\.isLetter),
            outward.allSatisfy({ $0.isASCII })
        else { return nil }
        return "\(outward) \(inward)"
    }

    /// The outward code and the first digit of the inward code (`SW1A 1`): a neighbourhood, used for blocking.
    public static func sector(_ normalised: String) -> String {
        String(normalised.dropLast(2))
    }
}

/// Email addresses compared without case or surrounding space.
public enum EmailAddress {
    public static func normalise(_ raw: String) -> String? {
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !value.contains(" ") else { return nil }
        return value
    }
}

/// Calendar dates held as `YYYY-MM-DD` text: what a date of birth is, with no time zone to get wrong.
public enum CalendarDate {
    /// Why a typed date of birth cannot be used, read once for live entry and for the legacy import (each words it
    /// for its reader): not a real date, in the future, or more than 120 years ago.
    public enum BirthDateProblem: Error, Sendable, Equatable { case notADate, inTheFuture, tooLongAgo }

    /// A date of birth in canonical form, or what is wrong with it.
    public static func birthDate(_ raw: String, now: Date) -> Result<String, BirthDateProblem> {
        guard let value = normalise(raw), let date = date(value) else { return .failure(.notADate) }
        if date > now { return .failure(.inTheFuture) }
        if let age = age(of: value, at: now), age > 120 { return .failure(.tooLongAgo) }
        return .success(value)
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Parses `YYYY-MM-DD` (also `DD/MM/YYYY`, as people type it) into canonical text, or nil.
    public static func normalise(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        var parts: [Int]
        if text.contains("-") {
            parts = text.split(separator: "-").compactMap { Int($0) }
        } else if text.contains("/") {
            parts = text.split(separator: "/").compactMap { Int($0) }.reversed()
        } else {
            return nil
        }
        guard parts.count == 3, parts[0] >= 1000 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == parts[2],
            calendar.component(.month, from: date) == parts[1]
        else { return nil }
        return Self.text(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Midnight UTC of a canonical date.
    public static func date(_ canonical: String) -> Date? {
        let parts = canonical.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// The force's local (Europe/London) date of an instant: what "today" means to the people using the system. In
    /// summer, 00:30 in London is still yesterday in UTC — an order ending "today" or an outcome decided "today" must
    /// not be a day out for that hour. (A date made by `date(_:)` is UTC midnight, which is the same day in London.)
    public static func string(_ date: Date) -> String {
        let c = Calendar.forceLocal.dateComponents([.year, .month, .day], from: date)
        return text(year: c.year!, month: c.month!, day: c.day!)
    }

    /// `YYYY-MM-DD` for a year, month and day.
    static func text(year: Int, month: Int, day: Int) -> String {
        String(year).leftPadded(to: 4) + "-" + String(month).leftPadded(to: 2) + "-" + String(day).leftPadded(to: 2)
    }

    /// Whole years between a date of birth and `now`.
    public static func age(of canonical: String, at now: Date) -> Int? {
        guard let birth = date(canonical) else { return nil }
        return calendar.dateComponents([.year], from: birth, to: now).year
    }
}

/// What a person typed, with surrounding space removed; nil when nothing is left (an empty field means "not known").
func trimmedNonEmpty(_ text: String?) -> String? {
    guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
    return trimmed
}

/// Checks one typed search term: its canonical form, or an error naming the field (an empty term is simply absent).
/// Shared by every search a person types, so a term is read the same way wherever it is typed.
struct SearchTerms {
    var errors: [FieldError] = []

    mutating func date(_ raw: String?) -> String? {
        check(raw, field: "date_of_birth", CalendarDate.normalise) { _ in "Date of birth must be a real date, like 1984-03-27." }
    }

    mutating func phone(_ raw: String?) -> String? {
        check(raw, field: "phone", PhoneNumber.normalise) { "\"\($0)\" is not a UK phone number." }
    }

    mutating func postcode(_ raw: String?) -> String? {
        check(raw, field: "postcode", Postcode.normalise) { "\"\($0)\" is not a UK postcode." }
    }

    mutating func email(_ raw: String?) -> String? {
        check(raw, field: "email", EmailAddress.normalise) { "\"\($0)\" is not an email address." }
    }

    /// A name kept as given when it has something to match on (letters of any script), set aside otherwise.
    mutating func name(_ raw: String?, field: String) -> String? {
        guard let text = trimmedNonEmpty(raw) else { return nil }
        guard !NameKey.key(text).isEmpty else {
            errors.append(FieldError(field, "\"\(text)\" has no letters to match on."))
            return nil
        }
        return text
    }

    private mutating func check(_ raw: String?, field: String, _ normalise: (String) -> String?, message: (String) -> String) -> String? {
        guard let text = trimmedNonEmpty(raw) else { return nil }
        guard let value = normalise(text) else {
            errors.append(FieldError(field, message(text)))
            return nil
        }
        return value
    }
}
