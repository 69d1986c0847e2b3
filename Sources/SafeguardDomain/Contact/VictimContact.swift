import Foundation

/// How a victim may be reached safely (rule 19): a number he does not know about, the times it is safe to call,
/// whether a message may be left, her language, and whether every contact must go through her IDVA.
public struct SafeContact: Sendable, Equatable, Codable {
    public var personID: String
    public var safeNumber: String?
    public var safeTimes: String?
    public var mayLeaveMessage: Bool
    public var language: String?
    public var viaIDVAOnly: Bool
    public var notes: String?
    public var updatedBy: String
    public var updatedAt: Date

    public init(
        personID: String, safeNumber: String?, safeTimes: String?, mayLeaveMessage: Bool, language: String?, viaIDVAOnly: Bool,
        notes: String?, updatedBy: String, updatedAt: Date
    ) {
        self.personID = personID
        self.safeNumber = safeNumber
        self.safeTimes = safeTimes
        self.mayLeaveMessage = mayLeaveMessage
        self.language = language
        self.viaIDVAOnly = viaIDVAOnly
        self.notes = notes
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }

    /// The route in words, for the person about to make contact.
    public var summary: String {
        var parts: [String] = []
        if viaIDVAOnly { parts.append("Contact only through her IDVA") }
        if let safeNumber { parts.append("safe number \(safeNumber)") }
        if let safeTimes { parts.append("safe times: \(safeTimes)") }
        parts.append(mayLeaveMessage ? "a message may be left" : "do NOT leave a message")
        if let language { parts.append("language: \(language)") }
        return parts.joined(separator: "; ")
    }
}

/// Safe-contact details as typed.
public struct SafeContactDraft: Sendable, Equatable, Codable {
    public var safeNumber: String?
    public var safeTimes: String?
    public var mayLeaveMessage: String?
    public var language: String?
    public var viaIDVAOnly: String?
    public var notes: String?
    public init(
        safeNumber: String? = nil, safeTimes: String? = nil, mayLeaveMessage: String? = nil, language: String? = nil,
        viaIDVAOnly: String? = nil, notes: String? = nil
    ) {
        self.safeNumber = safeNumber
        self.safeTimes = safeTimes
        self.mayLeaveMessage = mayLeaveMessage
        self.language = language
        self.viaIDVAOnly = viaIDVAOnly
        self.notes = notes
    }

    /// A safe number must be a UK number; "may a message be left" must be answered, because guessing yes can kill.
    public func validated(personID: String, by: String, at now: Date) throws -> SafeContact {
        var errors: [FieldError] = []
        var number: String?
        if let text = trimmedNonEmpty(safeNumber) {
            number = PhoneNumber.normalise(text)
            if number == nil { errors.append(FieldError("safe_number", "\"\(text)\" is not a UK phone number.")) }
        }
        let message = YesNo.read(mayLeaveMessage, "may_leave_message", &errors, required: "Say whether a message may be left on her phone.")
        let viaIDVA = YesNo.read(viaIDVAOnly, "via_idva_only", &errors, required: nil) ?? false
        if number == nil, !viaIDVA, trimmedNonEmpty(safeNumber) == nil {
            errors.append(FieldError("safe_number", "Give a safe number, or say that contact goes only through her IDVA."))
        }
        for (field, value, limit) in [("safe_times", safeTimes, 200), ("language", language, 60), ("notes", notes, 2000)] {
            if let text = trimmedNonEmpty(value), text.count > limit { errors.append(FieldError(field, "must be \(limit) characters or fewer.")) }
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return SafeContact(
            personID: personID, safeNumber: number, safeTimes: trimmedNonEmpty(safeTimes), mayLeaveMessage: message!,
            language: trimmedNonEmpty(language), viaIDVAOnly: viaIDVA, notes: trimmedNonEmpty(notes), updatedBy: by, updatedAt: now)
    }
}

/// One contact with a victim by anyone — police, IDVA, MARAC, children's services, housing, health (rule 19). The
/// victim's one contact log is every entry for every record confirmed to be her, newest first, so the next person
/// sees who spoke to her last and what was said.
public struct ContactEntry: Sendable, Equatable, Codable {
    public enum Team: String, Sendable, Codable, CaseIterable {
        case police, idva, marac, childrensServices = "childrens_services", housing, health, probation, other
        public var label: String {
            switch self {
            case .police: "Police"
            case .idva: "IDVA"
            case .marac: "MARAC"
            case .childrensServices: "Children's services"
            case .housing: "Housing"
            case .health: "Health"
            case .probation: "Probation"
            case .other: "Other agency"
            }
        }
    }
    public enum Method: String, Sendable, Codable, CaseIterable {
        case phone, inPerson = "in_person", text, email, letter, viaIDVA = "via_idva", voicemail
        public var label: String {
            switch self {
            case .phone: "Phone call"
            case .inPerson: "In person"
            case .text: "Text message"
            case .email: "Email"
            case .letter: "Letter"
            case .viaIDVA: "Through her IDVA"
            case .voicemail: "Message left"
            }
        }
    }
    public var id: String
    public var personID: String
    public var caseID: String?
    public var at: Date
    public var team: Team
    public var method: Method
    /// Whether she was actually reached (a call not answered is still a contact attempt worth logging).
    public var reached: Bool
    public var summary: String
    /// The notification task this contact closed, if any.
    public var taskID: String?
    public var madeBy: String

    public init(
        id: String, personID: String, caseID: String?, at: Date, team: Team, method: Method, reached: Bool, summary: String,
        taskID: String?, madeBy: String
    ) {
        self.id = id
        self.personID = personID
        self.caseID = caseID
        self.at = at
        self.team = team
        self.method = method
        self.reached = reached
        self.summary = summary
        self.taskID = taskID
        self.madeBy = madeBy
    }
}

/// A contact as typed.
public struct ContactDraft: Sendable, Equatable, Codable {
    public var at: String?
    public var team: String?
    public var method: String?
    public var reached: String?
    public var summary: String?
    public init(at: String? = nil, team: String? = nil, method: String? = nil, reached: String? = nil, summary: String? = nil) {
        self.at = at
        self.team = team
        self.method = method
        self.reached = reached
        self.summary = summary
    }

    public struct Valid: Sendable, Equatable {
        public var at: Date
        public var team: ContactEntry.Team
        public var method: ContactEntry.Method
        public var reached: Bool
        public var summary: String
    }

    /// Checks the fields and the victim's safe-contact route: no message where none may be left, and nothing but the
    /// IDVA (or meeting her) where contact goes through her IDVA.
    public func validated(safe: SafeContact?, now: Date) throws -> Valid {
        var errors: [FieldError] = []
        let at = OrderText.moment(self.at, "at", now: now, &errors) ?? now
        let team: ContactEntry.Team? = choice(team ?? "police", "team", &errors, what: "who made contact")
        let method: ContactEntry.Method? = choice(method, "method", &errors, what: "how contact was made")
        let reached = YesNo.read(reached, "reached", &errors, required: "Say whether she was reached.")
        let summary = trimmedNonEmpty(summary)
        if summary == nil { errors.append(FieldError("summary", "Say what was said or done, so the next person need not ask again.")) }
        if let summary, summary.count > 4000 { errors.append(FieldError("summary", "must be 4,000 characters or fewer.")) }
        if let method, let refusal = SafeContactRules.refusal(method: method, team: team, safe: safe) { errors.append(FieldError("method", refusal)) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return Valid(at: at, team: team!, method: method!, reached: reached!, summary: summary!)
    }
}

/// Rule 19's safe route, in one place.
public enum SafeContactRules {
    /// Why this way of making contact would break her safe-contact route, or nil if it keeps to it.
    public static func refusal(method: ContactEntry.Method, team: ContactEntry.Team?, safe: SafeContact?) -> String? {
        guard let safe else {
            // With no safe route recorded, nobody knows who else hears her messages.
            return method == .voicemail ? "No safe-contact details are recorded for her: do not leave a message; record her safe route first." : nil
        }
        if method == .voicemail, !safe.mayLeaveMessage {
            return "Her safe-contact details say no message may be left: someone else may hear it."
        }
        if safe.viaIDVAOnly, team != .idva, method != .viaIDVA, method != .inPerson {
            return "Her safe-contact details say contact goes only through her IDVA."
        }
        return nil
    }
}

/// Reads a yes/no answer typed as yes, no, true, false, on (a checkbox), 1 or 0.
enum YesNo {
    static func read(_ raw: String?, _ field: String, _ errors: inout [FieldError], required: String?) -> Bool? {
        guard let text = trimmedNonEmpty(raw)?.lowercased() else {
            if let required { errors.append(FieldError(field, required)) }
            return nil
        }
        switch text {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default:
            errors.append(FieldError(field, "\"\(text)\" is not yes or no."))
            return nil
        }
    }
}
