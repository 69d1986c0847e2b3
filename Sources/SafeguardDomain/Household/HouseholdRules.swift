import Foundation

/// A child of the household as a user records them: an existing record (`personID`) or a new one (names and date of
/// birth), how the adult stands to them, from when, any risk noted for them, and their school.
public struct HouseholdChildDraft: Sendable, Equatable, Codable {
    public var personID: String?
    public var firstName: String?
    public var surname: String?
    public var dateOfBirth: String?
    public var role: String?
    public var from: String?
    public var note: String?
    public var school: String?

    public init(
        personID: String? = nil, firstName: String? = nil, surname: String? = nil, dateOfBirth: String? = nil, role: String? = nil,
        from: String? = nil, note: String? = nil, school: String? = nil
    ) {
        self.personID = personID
        self.firstName = firstName
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.role = role
        self.from = from
        self.note = note
        self.school = school
    }
}

/// Rule 9's household, as checks: who a child is, what makes them a child, and who must be told about them.
public enum HouseholdRules {
    /// The draft, checked: the child (an existing id or a new record), the role (default: lives in the household), the
    /// first day (default: today; never in the future), the note and school. Every problem at once, fields under `prefix`.
    public static func check(_ draft: HouseholdChildDraft, prefix: String = "", now: Date) throws -> (
        child: Either, role: HouseholdRole, from: String, note: String?, school: String?
    ) {
        var errors: [FieldError] = []
        let today = CalendarDate.string(now)
        var child: Either?
        if let personID = trimmedNonEmpty(draft.personID) {
            child = .existing(personID)
        } else {
            do {
                let valid = try PersonDraft(firstName: draft.firstName ?? "", surname: draft.surname ?? "", dateOfBirth: draft.dateOfBirth).validated(now: now)
                if let dob = valid.dateOfBirth, let age = CalendarDate.age(of: dob, at: now), age >= 18 {
                    errors.append(FieldError("\(prefix)date_of_birth", "A child is under 18; this date of birth makes them \(age)."))
                }
                child = .new(valid)
            } catch let DomainError.invalid(found) {
                errors += found.map { FieldError(prefix + $0.field, $0.message) }
            }
        }
        var role = HouseholdRole.householdMember
        if let raw = trimmedNonEmpty(draft.role) {
            if let chosen = HouseholdRole(rawValue: raw) {
                role = chosen
            } else {
                errors.append(
                    FieldError("\(prefix)role", "\"\(raw)\" is not a household role: use \(HouseholdRole.allCases.map(\.rawValue).joined(separator: ", ")).")
                )
            }
        }
        var from = today
        if let raw = trimmedNonEmpty(draft.from) {
            if let day = CalendarDate.normalise(raw) {
                if day > today { errors.append(FieldError("\(prefix)from", "\(day) is in the future: record the household as it is.")) }
                from = day
            } else {
                errors.append(FieldError("\(prefix)from", "\"\(raw)\" is not a date: use yyyy-mm-dd."))
            }
        }
        let note = trimmedNonEmpty(draft.note)
        if let note, note.count > 2000 { errors.append(FieldError("\(prefix)note", "must be 2,000 characters or fewer.")) }
        let school = trimmedNonEmpty(draft.school)
        if let school, school.count > 200 { errors.append(FieldError("\(prefix)school", "must be 200 characters or fewer.")) }
        guard errors.isEmpty, let child else { throw DomainError.invalid(errors) }
        return (child, role, from, note, school)
    }

    /// An existing record or a new one.
    public enum Either: Sendable, Equatable {
        case existing(String)
        case new(ValidPersonDraft)
    }

    /// Whether the child's school must be told before the next school day (rule 9): a school is named, or the child is
    /// of school age under the policy, or nobody knows their age (finding the school is then the task).
    public static func needsSchoolNotification(dateOfBirth: String?, school: String?, at now: Date, policy: ForcePolicy) -> Bool {
        if school != nil { return true }
        guard let age = dateOfBirth.flatMap({ CalendarDate.age(of: $0, at: now) }) else { return true }
        return (policy.schoolAgeFrom...policy.schoolAgeTo).contains(age)
    }
}
