import Foundation

/// A protective order or set of bail conditions in the one orders register (rule 25): who it binds, whom it protects,
/// what it says, for how long, when it was served, the court hearing a notice must go to, and everything that has
/// happened to it since (`history`: served, hearing booked, varied, breached, ended). Nothing is overwritten: a
/// variation or an ending is an event, and the order shows its latest terms and end date.
public struct ProtectiveOrder: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case dvpn, dvpo, dapn, dapo, nonMolestation = "non_molestation", restraining, policeBail = "police_bail", courtBail = "court_bail"

        public var label: String {
            switch self {
            case .dvpn: "Domestic violence protection notice"
            case .dvpo: "Domestic violence protection order"
            case .dapn: "Domestic abuse protection notice"
            case .dapo: "Domestic abuse protection order"
            case .nonMolestation: "Non-molestation order"
            case .restraining: "Restraining order"
            case .policeBail: "Police bail conditions"
            case .courtBail: "Court bail conditions"
            }
        }

        /// A police notice (DVPN, DAPN) must be put before magistrates within 48 hours, or the victim is left unprotected.
        public var isNotice: Bool { self == .dvpn || self == .dapn }
        /// The notice an order made at court takes over from: the DVPO from the DVPN, the DAPO from the DAPN.
        public var replacesNotice: Kind? {
            switch self {
            case .dvpo: .dvpn
            case .dapo: .dapn
            default: nil
            }
        }
        /// Bail conditions enter the register from the custody record, where their triggers already fire.
        public var isBail: Bool { self == .policeBail || self == .courtBail }
        /// The length the law allows, in days from the start (a DVPO lasts 14 to 28 days); nil when it has no fixed length.
        public var allowedDays: ClosedRange<Int>? { self == .dvpo ? 14...28 : nil }
    }

    public var id: String
    public var kind: Kind
    public var subjectPersonID: String
    public var protectedPersonID: String?
    /// The current terms (after any variation).
    public var terms: String
    public var startsOn: String
    /// The current end date (after any variation); nil for an order until further order.
    public var endsOn: String?
    public var incidentID: String?
    public var servedAt: Date?
    /// The magistrates' hearing a notice goes to.
    public var hearingAt: Date?
    /// Set when the order was ended early (discharged, revoked, lapsed); it is no longer in force from that day.
    public var endedOn: String?
    public var breaches: Int
    public var recordedBy: String?
    public var createdAt: Date?
    public var history: [OrderEvent]
    /// A DAPO's positive requirements, each with its due date and compliance.
    public var requirements: [OrderRequirement] = []
    /// Bumped by every event, so two people recording on one order at once cannot both win.
    public var version: Int

    public init(
        id: String, kind: Kind, subjectPersonID: String, protectedPersonID: String?, terms: String, startsOn: String, endsOn: String?,
        incidentID: String? = nil, servedAt: Date? = nil, hearingAt: Date? = nil, endedOn: String? = nil, breaches: Int = 0,
        recordedBy: String? = nil, createdAt: Date? = nil, history: [OrderEvent] = [], version: Int = 1
    ) {
        self.id = id
        self.kind = kind
        self.subjectPersonID = subjectPersonID
        self.protectedPersonID = protectedPersonID
        self.terms = terms
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.incidentID = incidentID
        self.servedAt = servedAt
        self.hearingAt = hearingAt
        self.endedOn = endedOn
        self.breaches = breaches
        self.recordedBy = recordedBy
        self.createdAt = createdAt
        self.history = history
        self.version = version
    }

    /// In force on `day` (a `YYYY-MM-DD`): started, not past its end date, and not ended early.
    public func isActive(on day: String) -> Bool {
        startsOn <= day && (endsOn.map { $0 >= day } ?? true) && (endedOn.map { $0 > day } ?? true)
    }

    /// The order with one event applied: what a variation, a hearing, a service, a breach or an ending changes.
    public func applying(_ event: OrderEvent) -> ProtectiveOrder {
        var order = self
        switch event.kind {
        case .made: break
        case .served: order.servedAt = event.at
        case .hearingBooked: order.hearingAt = event.hearingAt
        case .varied:
            if let terms = event.terms { order.terms = terms }
            if let ends = event.endsOn { order.endsOn = ends }
        case .breached: order.breaches += 1
        case .possibleBreach: break
        case .ended: order.endedOn = CalendarDate.string(event.at)
        }
        order.history.append(event)
        return order
    }
}

/// Something that happened to an order after it was made. Kept for ever, in order (the register's history).
public struct OrderEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case made, served
        case hearingBooked = "hearing_booked"
        case varied, breached, ended
        /// An incident between the bound person and the person protected while the order was in force, found by the
        /// system when it was recorded: reassessed and investigated at once; an officer confirms it as a breach or not.
        case possibleBreach = "possible_breach"

        /// What a person records on an order: everything but its making (recorded once, with the order) and a possible
        /// breach (the system's, when an incident comes in).
        public static var recordedByPeople: [Kind] { allCases.filter { $0 != .made && $0 != .possibleBreach } }

        public var label: String {
            switch self {
            case .made: "Made"
            case .served: "Served on the subject"
            case .hearingBooked: "Court hearing booked"
            case .varied: "Varied"
            case .breached: "Breached"
            case .ended: "Ended"
            case .possibleBreach: "Possible breach (an incident between them while in force)"
            }
        }
    }
    public var id: String
    public var orderID: String
    public var kind: Kind
    public var at: Date
    public var note: String?
    /// New terms, for a variation.
    public var terms: String?
    /// New end date, for a variation.
    public var endsOn: String?
    public var hearingAt: Date?
    /// The incident in which a breach happened, if recorded.
    public var incidentID: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: String, orderID: String, kind: Kind, at: Date, note: String?, terms: String? = nil, endsOn: String? = nil, hearingAt: Date? = nil,
        incidentID: String? = nil, recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.orderID = orderID
        self.kind = kind
        self.at = at
        self.note = note
        self.terms = terms
        self.endsOn = endsOn
        self.hearingAt = hearingAt
        self.incidentID = incidentID
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
