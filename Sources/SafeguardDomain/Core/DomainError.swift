import Foundation

/// One thing wrong with one field of what a user sent, in words they can act on.
public struct FieldError: Sendable, Equatable, Codable {
    /// The field's name as the form and the API know it (e.g. `date_of_birth`).
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Everything the domain refuses, with enough detail for the web layer to say why.
/// Mapped once to HTTP status and problem bodies in `SafeguardWeb`.
public enum DomainError: Error, Sendable, Equatable {
    /// The input was wrong; nothing was written.
    case invalid([FieldError])
    /// No such record (or the caller may not know it exists).
    case notFound(kind: String, id: String)
    /// The caller's role does not allow this.
    case forbidden(String)
    /// The role must state why it is looking at this record.
    case reasonRequired(String)
    /// Someone else changed the record since the caller read it.
    case staleEdit(kind: String, id: String, expectedVersion: Int, currentVersion: Int)
    /// Sign-in failed: a wrong username or password, or a locked account — deliberately one answer, so it never
    /// tells whoever is guessing which usernames exist.
    case signInFailed
    /// Too many failed attempts from one place: refused until `until`, whatever is sent.
    case tooManyAttempts(until: Date)
    /// A uniqueness rule was broken (e.g. a username already in use).
    case conflict(String)
    /// A new person was asked for, but records already on file may be them (rule 1): nothing was written; choose one
    /// of `candidates`, or confirm the person is new. `field` names the person in the request.
    case possibleDuplicates(field: String, candidates: [PersonMatchCandidate])

    /// Text a user can read.
    public var message: String {
        switch self {
        case .invalid(let errors):
            return errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .notFound(let kind, let id):
            return "No \(kind) with id \(id)."
        case .forbidden(let why):
            return why
        case .reasonRequired(let why):
            return why
        case .staleEdit(let kind, _, let expected, let current):
            return
                "This \(kind) was changed by someone else (you edited version \(expected), it is now version \(current)). Reload it, check their changes, and make yours again."
        case .signInFailed:
            return
                "The username or password is not right, or the account is locked for a while after repeated failed sign-ins. Try again later, or ask a supervisor."
        case .conflict(let why):
            return why
        case .tooManyAttempts:
            return "Too many failed sign-ins have come from this network. Wait a few minutes and try again, or ask a supervisor."
        case .possibleDuplicates(_, let candidates):
            return
                "\(candidates.count) record(s) already on file may be this person: choose one, or confirm this is someone new (\"confirmed_new\": true) — one person's history must not be split across two records."
        }
    }
}
