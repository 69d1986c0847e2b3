import Foundation

/// A request for a person's information from outside the force's work (rule 34; issue 24, part 3): she asks for her
/// own (a subject access request), or a court, the CPS, a solicitor or another body asks under a legal basis. Each is
/// logged when it arrives, answered within the month the law gives, and closed with what was disclosed and what was
/// withheld and why — so the force can say, later, exactly what left it about whom.
public struct InformationRequest: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The person asks for the information held about her (Data Protection Act 2018, s.45).
        case subjectAccess = "subject_access"
        /// Someone else asks for it under a legal basis: a court order, the CPS, family proceedings, another force.
        case disclosure

        public var label: String { self == .subjectAccess ? "Subject access (her own information)" : "Disclosure to a third party" }
    }
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        /// Answered: something was disclosed (all, or part with the rest withheld).
        case disclosed
        /// Answered: nothing was disclosed, with the exemption or reason.
        case refused

        public var label: String {
            switch self {
            case .open: "Open"
            case .disclosed: "Answered: disclosed"
            case .refused: "Answered: refused"
            }
        }
    }
    public var id: String
    public var kind: Kind
    /// Whose information is asked for.
    public var personID: String
    public var personName: String
    /// Who asked: the person herself, or the court, body or firm.
    public var requester: String
    /// The legal basis or order the request is made under.
    public var basis: String
    public var receivedOn: String
    /// One calendar month from receipt (the law's time for a subject access request; the force holds disclosures to it).
    public var dueOn: String
    public var status: Status
    /// What was disclosed, item by item as the discloser wrote it.
    public var disclosed: String?
    /// What was withheld and under which exemption (for instance, a refuge address, or a third party's details).
    public var withheld: String?
    public var loggedBy: String
    public var loggedAt: Date
    public var answeredBy: String?
    public var answeredOn: String?

    public init(
        id: String, kind: Kind, personID: String, personName: String, requester: String, basis: String, receivedOn: String, dueOn: String,
        status: Status, disclosed: String?, withheld: String?, loggedBy: String, loggedAt: Date, answeredBy: String?, answeredOn: String?
    ) {
        (self.id, self.kind, self.personID, self.personName, self.requester, self.basis) = (id, kind, personID, personName, requester, basis)
        (self.receivedOn, self.dueOn, self.status, self.disclosed, self.withheld) = (receivedOn, dueOn, status, disclosed, withheld)
        (self.loggedBy, self.loggedAt, self.answeredBy, self.answeredOn) = (loggedBy, loggedAt, answeredBy, answeredOn)
    }

    /// Late: open past its due day.
    public func overdue(on today: String) -> Bool { status == .open && dueOn < today }
}

/// What a request is logged with, as typed.
public struct InformationRequestDraft: Sendable {
    public var kind: String?
    public var personID: String?
    public var requester: String?
    public var basis: String?
    public var receivedOn: String?
    public init(kind: String?, personID: String?, requester: String?, basis: String?, receivedOn: String?) {
        (self.kind, self.personID, self.requester, self.basis, self.receivedOn) = (kind, personID, requester, basis, receivedOn)
    }
}

/// The rules of the request log: what a request needs, when it is due, and what an answer must say.
public enum InformationRequestRules {
    /// Checks a new request; `today` bounds the day it arrived. Returns the kind, requester, basis, received and due days.
    public static func check(_ draft: InformationRequestDraft, today: String) throws -> (
        kind: InformationRequest.Kind, requester: String, basis: String, receivedOn: String, dueOn: String
    ) {
        var errors: [FieldError] = []
        let kind: InformationRequest.Kind? = choice(draft.kind, "kind", &errors, what: "whether she asks for her own information or another body asks")
        if trimmedNonEmpty(draft.personID) == nil { errors.append(FieldError("person_id", "Name the record the request is about.")) }
        let requester = trimmedNonEmpty(draft.requester)
        if requester == nil { errors.append(FieldError("requester", "Say who asked: the person herself, or the court, body or firm.")) }
        TextInput.checkLine(requester, "requester", limit: InputLimits.line, &errors)
        let basis = trimmedNonEmpty(draft.basis)
        if basis == nil { errors.append(FieldError("basis", "Give the legal basis or order, for example \"Data Protection Act 2018, s.45\".")) }
        TextInput.checkLine(basis, "basis", limit: InputLimits.line, &errors)
        var received: String?
        if let raw = trimmedNonEmpty(draft.receivedOn) {
            received = CalendarDate.normalise(raw)
            if received == nil {
                errors.append(FieldError("received_on", "must be a real date, like 2026-12-01."))
            } else if received! > today {
                errors.append(FieldError("received_on", "cannot be after today."))
            }
        } else {
            errors.append(FieldError("received_on", "Give the day the request arrived: the month to answer runs from it."))
        }
        guard errors.isEmpty, let kind, let requester, let basis, let received else { throw DomainError.invalid(errors) }
        return (kind, requester, basis, received, dueOn(received: received))
    }

    /// One calendar month after the day it arrived.
    public static func dueOn(received: String) -> String {
        guard let date = CalendarDate.date(received), let due = Calendar.utc.date(byAdding: .month, value: 1, to: date) else { return received }
        return CalendarDate.string(due)
    }

    /// Checks an answer: disclosed (naming what) or refused (naming why); what was withheld is said either way it applies.
    public static func checkAnswer(outcome raw: String?, disclosed: String?, withheld: String?, request: InformationRequest) throws -> (
        InformationRequest.Status, String?, String?
    ) {
        var errors: [FieldError] = []
        let outcome: InformationRequest.Status? = choice(raw, "outcome", &errors, what: "whether information was disclosed or the request refused")
        if outcome == .open { errors.append(FieldError("outcome", "An answer either discloses or refuses.")) }
        let gave = trimmedNonEmpty(disclosed)
        let kept = trimmedNonEmpty(withheld)
        if let gave, let problem = TextInput.textProblem(gave) { errors.append(FieldError("disclosed", problem)) }
        if let kept, let problem = TextInput.textProblem(kept) { errors.append(FieldError("withheld", problem)) }
        if outcome == .disclosed, gave == nil {
            errors.append(FieldError("disclosed", "List what was disclosed: the log must say exactly what left the force."))
        }
        if outcome == .refused, kept == nil { errors.append(FieldError("withheld", "Say what was withheld and under which exemption.")) }
        if outcome == .refused, gave != nil {
            errors.append(FieldError("disclosed", "A refusal discloses nothing; choose disclosed to record a part disclosure."))
        }
        guard errors.isEmpty, let outcome else { throw DomainError.invalid(errors) }
        guard request.status == .open else { throw DomainError.conflict("This request has already been answered (\(request.status.label.lowercased())).") }
        return (outcome, gave, kept)
    }

    /// The log as CSV, one request a line.
    public static func csv(_ requests: [InformationRequest], today: String) -> String {
        var lines = ["id,kind,person_id,requester,basis,received_on,due_on,status,overdue,disclosed,withheld,logged_by,answered_by,answered_on"]
        for r in requests {
            lines.append(
                [
                    r.id, r.kind.rawValue, r.personID, r.requester, r.basis, r.receivedOn, r.dueOn, r.status.rawValue, r.overdue(on: today) ? "yes" : "no",
                    r.disclosed ?? "", r.withheld ?? "", r.loggedBy, r.answeredBy ?? "", r.answeredOn ?? ""
                ].map(CSVText.cell).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
