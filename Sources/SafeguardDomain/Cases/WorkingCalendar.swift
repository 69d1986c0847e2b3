import Foundation

/// Working and school days under the force's policy: Monday to Friday, less the bank holidays it lists.
/// Deadlines such as "before the next school day" (rule 9) and "within 1 working day" are computed here, once.
public struct WorkingCalendar: Sendable {
    let holidays: Set<String>
    let dayStartHour: Int

    public init(policy: ForcePolicy) {
        holidays = Set(policy.bankHolidays.compactMap(CalendarDate.normalise))
        dayStartHour = policy.schoolDayStartHour
    }

    /// Whether `day` (any instant in it, UTC) is a working day.
    public func isWorkingDay(_ day: Date) -> Bool {
        let weekday = Calendar.utc.component(.weekday, from: day)   // 1 = Sunday, 7 = Saturday
        return weekday != 1 && weekday != 7 && !holidays.contains(CalendarDate.string(day))
    }

    /// The start of the next school day after `instant`: today's start if it is a school day not yet begun,
    /// otherwise the first working day after. A child's school must be told by then.
    public func nextSchoolDayStart(after instant: Date) -> Date {
        var day = Calendar.utc.startOfDay(for: instant)
        while true {
            let start = day.addingTimeInterval(Double(dayStartHour) * 3600)
            if start > instant && isWorkingDay(day) { return start }
            day = day.addingTimeInterval(86_400)
        }
    }

    /// The same time of day `count` working days after `instant`: the deadline for "within N working days".
    public func adding(workingDays count: Int, to instant: Date) -> Date {
        var result = instant
        var left = count
        while left > 0 {
            result = result.addingTimeInterval(86_400)
            if isWorkingDay(result) { left -= 1 }
        }
        return result
    }
}
