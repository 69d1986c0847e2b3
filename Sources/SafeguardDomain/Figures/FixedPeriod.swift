import Foundation

/// A period a leader may choose (rule 32): a calendar month (`2026-03`), quarter (`2026-Q1`) or year (`2026`) —
/// never two arbitrary dates, whose figures could be subtracted from another period's to reveal one case.
public struct FixedPeriod: Sendable, Hashable {
    public enum Kind: String, Sendable { case month, quarter, year }
    public var kind: Kind
    public var year: Int
    /// The first calendar month in it (1–12) and how many it spans.
    public var firstMonth: Int
    public var monthCount: Int

    /// How it is written: `2026-03`, `2026-Q1`, `2026`.
    public var code: String {
        switch kind {
        case .month: String(format: "%04d-%02d", year, firstMonth)
        case .quarter: "\(year)-Q\((firstMonth - 1) / 3 + 1)"
        case .year: String(year)
        }
    }
    /// Its first day, and the day after its last (London days).
    public var from: String { CalendarDate.text(year: year, month: firstMonth, day: 1) }
    public var to: String {
        let next = firstMonth + monthCount
        return next > 12 ? CalendarDate.text(year: year + 1, month: 1, day: 1) : CalendarDate.text(year: year, month: next, day: 1)
    }
    public var start: Date { FigureRules.startOfDay(from) ?? .distantPast }
    public var end: Date { FigureRules.startOfDay(to) ?? .distantPast }

    public static func month(_ year: Int, _ month: Int) -> FixedPeriod { FixedPeriod(kind: .month, year: year, firstMonth: month, monthCount: 1) }
    public static func quarter(_ year: Int, _ quarter: Int) -> FixedPeriod {
        FixedPeriod(kind: .quarter, year: year, firstMonth: (quarter - 1) * 3 + 1, monthCount: 3)
    }
    public static func year(_ year: Int) -> FixedPeriod { FixedPeriod(kind: .year, year: year, firstMonth: 1, monthCount: 12) }

    /// The months in it, in order.
    public var months: [FixedPeriod] { (firstMonth..<firstMonth + monthCount).map { .month(year, $0) } }
    /// The calendar year it falls in: the frame within which leaders' figures are suppressed together.
    public var calendarYear: FixedPeriod { .year(year) }
    /// Every period of its year a leader may choose: the year, its quarters and its months.
    public var periodsOfTheYear: [FixedPeriod] { [.year(year)] + (1...4).map { .quarter(year, $0) } + (1...12).map { .month(year, $0) } }

    /// Reads `2026`, `2026-Q1` or `2026-03`; anything else is refused naming the field `period`.
    public static func parse(_ raw: String?) throws -> FixedPeriod {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if let year = parts.first.flatMap({ Int($0) }), parts[0].count == 4, (2000...2100).contains(year) {
            if parts.count == 1 { return .year(year) }
            if parts.count == 2, parts[1].hasPrefix("Q"), parts[1].count == 2, let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
                return .quarter(year, q)
            }
            if parts.count == 2, parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) { return .month(year, m) }
        }
        throw DomainError.invalid([
            FieldError("period", "Choose a calendar year (2026), quarter (2026-Q1) or month (2026-03): leaders' figures are for fixed periods only.")
        ])
    }
}
