import Foundation

/// A warning as a user sends it, before it is checked: `kind` from the policy's list, a note, and an optional last day.
public struct WarningDraft: Sendable, Equatable, Codable {
    public var kind: String?
    public var note: String?
    public var expiresOn: String?

    public init(kind: String?, note: String?, expiresOn: String? = nil) {
        self.kind = kind
        self.note = note
        self.expiresOn = expiresOn
    }
}

/// Rule 3's warnings as checks: what a warning must say to be of use to the officer who reads it, and what ending one
/// must say to keep its history honest (rule 34).
public enum WarningRules {
    /// Checks a new warning against the policy's kinds and `today` (`yyyy-MM-dd`), reporting every problem at once.
    public static func check(_ draft: WarningDraft, kinds: [String], today: String) throws -> (kind: String, note: String, expiresOn: String?) {
        var errors: [FieldError] = []
        let kind = trimmedNonEmpty(draft.kind)?.lowercased()
        if kind == nil {
            errors.append(FieldError("kind", "Choose the kind of warning."))
        } else if let kind, !kinds.contains(kind) {
            errors.append(FieldError("kind", "\"\(kind)\" is not a kind of warning this force uses: use one of \(kinds.joined(separator: ", "))."))
        }
        let note = trimmedNonEmpty(draft.note)
        if (note?.count ?? 0) < 5 {
            errors.append(FieldError("note", "Say what an officer going there needs to know (at least 5 characters)."))
        } else if let note, note.count > 2000 {
            errors.append(FieldError("note", "must be 2,000 characters or fewer."))
        }
        var expiresOn: String?
        if let raw = trimmedNonEmpty(draft.expiresOn) {
            if let day = CalendarDate.normalise(raw) {
                if day < today { errors.append(FieldError("expires_on", "\(day) has passed: a warning's last day is today or later.")) }
                expiresOn = day
            } else {
                errors.append(FieldError("expires_on", "\"\(raw)\" is not a date: use yyyy-mm-dd."))
            }
        }
        guard errors.isEmpty, let kind, let note else { throw DomainError.invalid(errors) }
        return (kind, note, expiresOn)
    }

    /// Why a warning ends: required, so whoever reads its history knows it was not simply lost.
    public static func checkEnd(_ reason: String?) throws -> String {
        guard let reason = trimmedNonEmpty(reason), reason.count >= 5 else {
            throw DomainError.invalid([FieldError("reason", "Say why the warning ends (at least 5 characters): it stays in the record's history.")])
        }
        guard reason.count <= 2000 else { throw DomainError.invalid([FieldError("reason", "must be 2,000 characters or fewer.")]) }
        return reason
    }
}
