import Foundation

/// A value from a legacy record that could not be used as given: kept as it was (on the record and in the import's
/// data-quality report), left out of matching, and the record loads anyway.
public struct DataQualityIssue: Sendable, Equatable, Codable {
    /// The field as the import names it (`date_of_birth`, `postcode`, …).
    public var field: String
    /// The value exactly as the legacy system held it.
    public var value: String
    /// What is wrong with it, in words a person cleaning the data can act on.
    public var problem: String

    public init(field: String, value: String, problem: String) {
        self.field = field
        self.value = value
        self.problem = problem
    }
}

/// What the import does with one legacy row: load it (with any values it could not use), or refuse it with why.
public enum LegacyRowOutcome: Sendable, Equatable {
    case load(sourceID: String, person: ValidPersonDraft, issues: [DataQualityIssue])
    case refuse(reason: String)
}

/// The tolerant reading of a legacy person row (rule 1's clean-up of a force's records). Live entry through a page or
/// the API is strict — the handler is there to correct a typo — but nobody can correct two million legacy rows by
/// hand, and every row is a real person a caller may be. So a missing value is unknown, never a reason to refuse; a
/// malformed value is kept as given, out of matching, and reported; a row is refused only when it holds nothing that
/// could identify anyone. (docs/decisions/2026-12-06-tolerant-legacy-import.md)
public enum LegacyPersonRules {
    /// How legacy systems code sex, read case-insensitively; a blank is unknown.
    public static func sex(_ raw: String?) -> (Sex, DataQualityIssue?) {
        guard let text = raw.flatMap(trimmedNonEmpty) else { return (.unknown, nil) }
        switch text.lowercased().replacingOccurrences(of: "_", with: " ") {
        case "f", "female", "woman", "w", "girl": return (.female, nil)
        case "m", "male", "man", "boy": return (.male, nil)
        case "x", "o", "other", "indeterminate", "non-binary", "nonbinary", "non binary": return (.other, nil)
        case "u", "unknown", "not known", "notknown", "not stated", "not recorded", "n/k", "nk", "?", "-": return (.unknown, nil)
        default:
            return (.unknown, DataQualityIssue(field: "sex", value: text, problem: "not a sex coding the import knows; kept as unknown"))
        }
    }

    /// Reads one row. `line` stands in for a missing record id, so a re-run of the same file still loads nothing twice.
    public static func read(_ row: PersonImportRow, line: Int, now: Date) -> LegacyRowOutcome {
        var issues: [DataQualityIssue] = []
        let cells = row.cells
        func cell(_ name: String) -> String? { trimmedNonEmpty(cells[name]) }
        // Something that could identify someone, readable or not: otherwise there is no one to load.
        let identifying = ["first_name", "surname", "date_of_birth", "phone", "email", "address_line", "postcode"].contains { cell($0) != nil }
        guard identifying else {
            return .refuse(reason: "holds nothing that could identify anyone (no name, date of birth, phone, email or address)")
        }
        var sourceID = cell("record_id") ?? ""
        if sourceID.isEmpty {
            sourceID = "line-\(line)"
            issues.append(DataQualityIssue(field: "record_id", value: "", problem: "missing; the line number stands in as the record's source id"))
        }
        func name(_ field: String) -> String {
            guard let value = cell(field) else { return "" }
            let clean = String(String(value.unicodeScalars.filter { !TextInput.isControl($0) }).prefix(InputLimits.name))
            if clean != value {
                issues.append(
                    DataQualityIssue(field: field, value: value, problem: "held control characters or was over \(InputLimits.name) characters; kept in part"))
            }
            return clean
        }
        let first = name("first_name"), last = name("surname")
        var dob: String?
        if let raw = cell("date_of_birth") {
            switch CalendarDate.birthDate(raw, now: now) {
            case .success(let value): dob = value
            case .failure(.inTheFuture): issues.append(DataQualityIssue(field: "date_of_birth", value: raw, problem: "in the future"))
            case .failure(.tooLongAgo): issues.append(DataQualityIssue(field: "date_of_birth", value: raw, problem: "more than 120 years ago"))
            case .failure(.notADate): issues.append(DataQualityIssue(field: "date_of_birth", value: raw, problem: "not a real date"))
            }
        }
        let (sexValue, sexIssue) = sex(cell("sex"))
        if let sexIssue { issues.append(sexIssue) }
        let (ethnicity, ethnicityIssue) = Ethnicity.legacy(cell("ethnicity"))
        if let ethnicityIssue { issues.append(ethnicityIssue) }
        var phones: [String] = []
        if let raw = cell("phone") {
            if let value = PhoneNumber.normalise(raw) {
                phones.append(value)
            } else {
                issues.append(DataQualityIssue(field: "phone", value: raw, problem: "not a UK phone number"))
            }
        }
        var emails: [String] = []
        if let raw = cell("email") {
            if let value = EmailAddress.normalise(raw) {
                emails.append(value)
            } else {
                issues.append(DataQualityIssue(field: "email", value: raw, problem: "not an email address"))
            }
        }
        var postcode = ""
        if let raw = cell("postcode") {
            if let value = Postcode.normalise(raw) {
                postcode = value
            } else {
                issues.append(DataQualityIssue(field: "postcode", value: raw, problem: "not a UK postcode"))
            }
        }
        let line1 = cell("address_line").map { String($0.prefix(InputLimits.line)) }
        var address: (line1: String, town: String, postcode: String)?
        // An address line with no postcode, or a postcode with no street, is still somewhere the person was.
        if line1 != nil || !postcode.isEmpty {
            address = (line1 ?? "Address not recorded", "", postcode)
        }
        let person = ValidPersonDraft(
            firstName: first, middleNames: nil, surname: last, dateOfBirth: dob, sex: sexValue, ethnicity: ethnicity?.rawValue, interpreterLanguage: nil,
            phones: phones, emails: emails, otherNames: [], address: address, vulnerabilities: [], restricted: false)
        return .load(sourceID: sourceID, person: person, issues: issues)
    }
}
