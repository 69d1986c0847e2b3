import Foundation

/// A new order as typed (the subject is the person whose page it is typed on).
public struct OrderDraft: Sendable, Equatable, Codable {
    public var kind: String?
    public var protectedPersonID: String?
    public var terms: String?
    public var startsOn: String?
    public var endsOn: String?
    public var incidentID: String?
    public var servedAt: String?
    public init(
        kind: String? = nil, protectedPersonID: String? = nil, terms: String? = nil, startsOn: String? = nil, endsOn: String? = nil,
        incidentID: String? = nil, servedAt: String? = nil
    ) {
        self.kind = kind
        self.protectedPersonID = protectedPersonID
        self.terms = terms
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.incidentID = incidentID
        self.servedAt = servedAt
    }

    public struct Valid: Sendable, Equatable {
        public var kind: ProtectiveOrder.Kind
        public var protectedPersonID: String
        public var terms: String
        public var startsOn: String
        public var endsOn: String?
        public var servedAt: Date?
    }

    /// Checks every field (rule 25: terms and end dates recorded). A start left empty is today; a DVPO must end 14 to 28
    /// days after it starts; an end may not come before the start.
    public func validated(now: Date) throws -> Valid {
        var errors: [FieldError] = []
        var kind: ProtectiveOrder.Kind? = choice(kind, "kind", &errors, what: "the kind of order")
        // Bail conditions come from the custody record, where bail fires its triggers (tell her the conditions).
        if kind?.isBail == true {
            errors.append(FieldError("kind", "Record bail and its conditions in \"Custody and court\": they enter this register from there."))
            kind = nil
        }
        let protected = trimmedNonEmpty(protectedPersonID)
        if protected == nil { errors.append(FieldError("protected_person_id", "Choose the person the order protects.")) }
        let terms = OrderText.terms(terms, &errors, required: true)
        let starts = OrderText.day(startsOn, "starts_on", &errors) ?? CalendarDate.string(now)
        let ends = OrderText.day(endsOn, "ends_on", &errors)
        if let ends, ends < starts { errors.append(FieldError("ends_on", "must not be before the start (\(starts)).")) }
        if let range = kind?.allowedDays {
            if let ends, let from = CalendarDate.date(starts), let to = CalendarDate.date(ends) {
                let days = Int((to.timeIntervalSince(from) / 86_400).rounded())
                if !range.contains(days) {
                    errors.append(FieldError("ends_on", "A DVPO lasts \(range.lowerBound) to \(range.upperBound) days; this is \(days)."))
                }
            } else if ends == nil {
                errors.append(FieldError("ends_on", "Give the date the DVPO ends (\(range.lowerBound) to \(range.upperBound) days after it starts)."))
            }
        }
        let served = OrderText.moment(servedAt, "served_at", now: now, &errors)
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return Valid(kind: kind!, protectedPersonID: protected!, terms: terms!, startsOn: starts, endsOn: ends, servedAt: served)
    }
}

/// Something that happened to an order, as typed.
public struct OrderEventDraft: Sendable, Equatable, Codable {
    public var kind: String?
    public var at: String?
    public var note: String?
    public var terms: String?
    public var endsOn: String?
    public var hearingAt: String?
    public var incidentID: String?
    public init(
        kind: String? = nil, at: String? = nil, note: String? = nil, terms: String? = nil, endsOn: String? = nil, hearingAt: String? = nil,
        incidentID: String? = nil
    ) {
        self.kind = kind
        self.at = at
        self.note = note
        self.terms = terms
        self.endsOn = endsOn
        self.hearingAt = hearingAt
        self.incidentID = incidentID
    }

    /// Checks the event against the order it happens to: a hearing needs its date and time, a variation new terms or a
    /// new end, a breach what happened, an ending why; nothing happens to an order that has already ended.
    public func validated(order: ProtectiveOrder, now: Date) throws -> OrderEvent.Kind {
        var errors: [FieldError] = []
        let kind: OrderEvent.Kind? = choice(kind, "kind", &errors, what: "what happened to the order")
        if kind == .made { errors.append(FieldError("kind", "An order is made once, when it is recorded.")) }
        if kind == .possibleBreach {
            errors.append(FieldError("kind", "The system records a possible breach when an incident comes in; record a breach (breached) to confirm one."))
        }
        if order.endedOn != nil { errors.append(FieldError("kind", "This order has ended; record a new order instead.")) }
        _ = OrderText.moment(at, "at", now: now, &errors)
        let note = trimmedNonEmpty(note)
        if let note, note.count > 2000 { errors.append(FieldError("note", "must be 2,000 characters or fewer.")) }
        switch kind {
        case .hearingBooked:
            if trimmedNonEmpty(hearingAt) == nil {
                errors.append(FieldError("hearing_at", "Give the date and time of the court hearing."))
            } else if TypedDateTime.parse(hearingAt!) == nil {
                errors.append(FieldError("hearing_at", "\"\(hearingAt!)\" is not a date and time like 2026-11-24T10:00."))
            }
        case .varied:
            let terms = OrderText.terms(terms, &errors, required: false)
            let ends = OrderText.day(endsOn, "ends_on", &errors)
            if terms == nil, ends == nil, trimmedNonEmpty(endsOn) == nil { errors.append(FieldError("terms", "Give the new terms, or a new end date.")) }
            if let ends, ends < order.startsOn { errors.append(FieldError("ends_on", "must not be before the order started (\(order.startsOn)).")) }
            // The law's length holds through a variation: a DVPO cannot be varied past 28 days from its start.
            if let ends, let range = order.kind.allowedDays, let from = CalendarDate.date(order.startsOn), let to = CalendarDate.date(ends) {
                let days = Int((to.timeIntervalSince(from) / 86_400).rounded())
                if days > range.upperBound {
                    errors.append(
                        FieldError("ends_on", "A DVPO cannot run past \(range.upperBound) days from its start (\(order.startsOn)); this would be \(days)."))
                }
            }
        case .breached:
            if note == nil { errors.append(FieldError("note", "Say what he did that breached the order.")) }
        case .ended:
            if note == nil { errors.append(FieldError("note", "Say why the order ended (discharged, revoked, expired, lapsed …).")) }
        case .served:
            if order.servedAt != nil { errors.append(FieldError("kind", "This order is already recorded as served.")) }
        default: break
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return kind!
    }
}

/// Reading the typed fields orders share, so each is read one way.
enum OrderText {
    static func terms(_ raw: String?, _ errors: inout [FieldError], required: Bool) -> String? {
        guard let text = trimmedNonEmpty(raw) else {
            if required { errors.append(FieldError("terms", "Record the terms: what the order forbids or requires.")) }
            return nil
        }
        if text.count > 4000 { errors.append(FieldError("terms", "must be 4,000 characters or fewer.")); return nil }
        return text
    }

    static func day(_ raw: String?, _ field: String, _ errors: inout [FieldError]) -> String? {
        guard let text = trimmedNonEmpty(raw) else { return nil }
        guard let day = CalendarDate.normalise(text) else {
            errors.append(FieldError(field, "\"\(text)\" is not a date like 2026-12-20.")); return nil
        }
        return day
    }

    /// A moment that has happened (empty means now).
    static func moment(_ raw: String?, _ field: String, now: Date, _ errors: inout [FieldError]) -> Date? {
        guard let text = trimmedNonEmpty(raw) else { return nil }
        guard let date = TypedDateTime.parse(text) else {
            errors.append(FieldError(field, "\"\(text)\" is not a date and time like 2026-11-22T05:30.")); return nil
        }
        if date > now.addingTimeInterval(300) { errors.append(FieldError(field, "must not be in the future.")); return nil }
        return date
    }
}
