import Foundation

/// Working and school days under the force's policy: Monday to Friday, less the bank holidays it lists, on the force's
/// local clock (`Calendar.forceLocal`). Deadlines such as "before the next school day" (rule 9) and "within 1 working
/// day" are computed here, once.
public struct WorkingCalendar: Sendable {
    let holidays: Set<String>
    let dayStartHour: Int
    let calendar = Calendar.forceLocal

    public init(policy: ForcePolicy) {
        holidays = Set(policy.bankHolidays.compactMap(CalendarDate.normalise))
        dayStartHour = policy.schoolDayStartHour
    }

    /// Whether the local day containing `day` is a working day.
    public func isWorkingDay(_ day: Date) -> Bool {
        let parts = calendar.dateComponents([.weekday, .year, .month, .day], from: day)  // weekday 1 = Sunday, 7 = Saturday
        let date = CalendarDate.text(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        return parts.weekday != 1 && parts.weekday != 7 && !holidays.contains(date)
    }

    /// The start of the next school day after `instant`: today's start if it is a school day not yet begun,
    /// otherwise the first working day after. A child's school must be told by then.
    public func nextSchoolDayStart(after instant: Date) -> Date {
        var day = calendar.startOfDay(for: instant)
        while true {
            if let start = calendar.date(bySettingHour: dayStartHour, minute: 0, second: 0, of: day), start > instant, isWorkingDay(day) { return start }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
    }

    /// The same local time of day `count` working days after `instant`: the deadline for "within N working days".
    public func adding(workingDays count: Int, to instant: Date) -> Date {
        var result = instant
        var left = count
        while left > 0 {
            result = calendar.date(byAdding: .day, value: 1, to: result)!
            if isWorkingDay(result) { left -= 1 }
        }
        return result
    }
}
