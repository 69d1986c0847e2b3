import Foundation

/// How much a person could mean by one field: the longest name, phone, postcode, note or list anyone types.
/// Beyond these a value is refused, naming the field and the limit, before any work is done with it — a name of
/// 100,000 characters is not a name but an attack on the matcher, and no lookup or write may be held by one.
public enum InputLimits {
    /// A given name, surname or middle names.
    public static let name = 100
    /// A phone number as typed, spaces and punctuation included.
    public static let phone = 32
    /// A postcode as typed.
    public static let postcode = 16
    /// An email address (RFC 5321's longest path).
    public static let email = 254
    /// A date as typed ("27/03/1984", "1984-03-27").
    public static let date = 32
    /// A one-line field: an address line, a town, a reason, a choice from a list.
    public static let line = 500
    /// Free text: a rationale, a note, a summary of a contact.
    public static let text = 10_000
    /// Items in one list: phones, emails, other names, vulnerabilities, parties to a call.
    public static let listItems = 50
    /// Items in any list of a request body at all (answers to a risk instrument's questions, children, actions).
    public static let anyListItems = 200
    /// A whole request body, in bytes.
    public static let bodyBytes = 1_000_000
    /// Words of a name searched for.
    public static let searchWords = 6
}

/// Checks on text as it arrives, shared by every draft and query: length, and characters no person types.
public enum TextInput {
    /// The problem with `value` as a one-line field of at most `limit` characters (a name, a phone, a postcode), or
    /// nil when it is fine. Control characters are refused: a NUL cut a name short in what was shown while the
    /// database kept the rest, and a line break in a name splits what the handler reads.
    public static func lineProblem(_ value: String, limit: Int) -> String? {
        if value.count > limit { return "must be \(limit) characters or fewer (this is \(value.count))." }
        if value.unicodeScalars.contains(where: isControl) { return "must not contain control characters (such as NUL or a line break)." }
        return nil
    }

    /// The problem with `value` as free text of at most `limit` characters, or nil: line breaks and tabs are
    /// allowed, other control characters (NUL among them) are not.
    public static func textProblem(_ value: String, limit: Int = InputLimits.text) -> String? {
        if value.count > limit { return "must be \(limit) characters or fewer (this is \(value.count))." }
        if value.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            return "must not contain control characters (such as NUL)."
        }
        return nil
    }

    /// Adds a field error for a one-line value that is too long or holds control characters.
    public static func checkLine(_ value: String?, _ field: String, limit: Int, _ errors: inout [FieldError]) {
        guard let value, let problem = lineProblem(value, limit: limit) else { return }
        errors.append(FieldError(field, problem))
    }

    /// Adds a field error for a list with more items than anyone could mean.
    public static func checkCount<T>(_ values: [T], _ field: String, limit: Int = InputLimits.listItems, _ errors: inout [FieldError]) {
        if values.count > limit { errors.append(FieldError(field, "must have \(limit) items or fewer (this has \(values.count)).")) }
    }

    /// Unicode's control characters (category Cc): NUL, the C0 and C1 controls, DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}
