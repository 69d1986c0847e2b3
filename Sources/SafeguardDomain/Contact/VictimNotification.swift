import Foundation

/// How a "tell the victim" task is closed (rule 19): either how and when she was told — which goes into her contact
/// log — or why she was not. Nothing else closes it.
public struct VictimToldDraft: Sendable, Equatable, Codable {
    /// "yes" when she was told, "no" when she was not.
    public var told: String?
    public var method: String?
    public var at: String?
    public var team: String?
    /// What she was told (when told), or why not (when not).
    public var note: String?
    public init(told: String? = nil, method: String? = nil, at: String? = nil, team: String? = nil, note: String? = nil) {
        self.told = told
        self.method = method
        self.at = at
        self.team = team
        self.note = note
    }

    /// What the closure records: a contact (when she was told) and the task's outcome in words.
    public struct Valid: Sendable, Equatable {
        public var contact: ContactDraft.Valid?
        public var outcome: String
    }

    public func validated(taskTitle: String, safe: SafeContact?, now: Date) throws -> Valid {
        var errors: [FieldError] = []
        guard let told = YesNo.read(told, "told", &errors, required: "Say whether the victim was told.") else { throw DomainError.invalid(errors) }
        guard told else {
            guard let why = trimmedNonEmpty(note), why.count >= 10 else {
                throw DomainError.invalid([FieldError("note", "Say why she was not told (at least a few words): the next person must know.")])
            }
            return Valid(contact: nil, outcome: "Not told: \(why)")
        }
        let contact = try ContactDraft(at: at, team: team, method: method, reached: "yes", summary: trimmedNonEmpty(note) ?? "Told: \(taskTitle)")
            .validated(safe: safe, now: now)
        return Valid(
            contact: contact,
            outcome: "Told \(contact.method.label.lowercased()) at \(TypedDateTime.format(contact.at))"
                + (trimmedNonEmpty(note).map { ": \($0)" } ?? ""))
    }
}
