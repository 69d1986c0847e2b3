import Foundation

/// A MARAC meeting (rule 21): where and when, who chairs, which agencies sit at it, and when its minutes went out.
public struct MaracMeeting: Sendable, Equatable, Codable {
    public var id: String
    public var heldOn: String
    public var chair: String
    public var agencies: [Agency]
    public var scheduledBy: String
    public var scheduledAt: Date
    public var minutesSentAt: Date?
    /// The area this MARAC serves: it hears the referrals of that area. Nil: a force-wide MARAC (a force with no areas).
    public var areaID: String?

    public init(
        id: String, heldOn: String, chair: String, agencies: [Agency], scheduledBy: String, scheduledAt: Date, minutesSentAt: Date? = nil,
        areaID: String? = nil
    ) {
        self.id = id
        self.areaID = areaID
        self.heldOn = heldOn
        self.chair = chair
        self.agencies = agencies
        self.scheduledBy = scheduledBy
        self.scheduledAt = scheduledAt
        self.minutesSentAt = minutesSentAt
    }
}

/// Where an action stands (SafeLives: done, not possible because circumstances changed, or not done).
public enum MaracActionStatus: String, Sendable, Codable, CaseIterable {
    case open, done
    case notPossible = "not_possible"
    case notDone = "not_done"

    public var label: String {
        switch self {
        case .open: "Open"
        case .done: "Done"
        case .notPossible: "Not possible: circumstances changed"
        case .notDone: "Not done"
        }
    }
}

/// An action the meeting agreed for a case: an agency, a named owner, a due date, and what became of it (Norfolk:
/// actions were never reported back).
public struct MaracAction: Sendable, Equatable, Codable {
    public var id: String
    public var meetingID: String
    public var caseID: String
    public var caseReference: String
    public var agency: Agency
    public var owner: String
    public var description: String
    public var dueOn: String
    public var status: MaracActionStatus
    public var statusNote: String?
    public var updatedBy: String
    public var updatedAt: Date
    /// When the clocks raised it, late, with its owner and the coordinator.
    public var chasedAt: Date?
    /// The area of the MARAC that agreed it (nil: a force-wide one), so only that MARAC's next sitting carries it.
    public var meetingAreaID: String?

    public init(
        id: String, meetingID: String, caseID: String, caseReference: String, agency: Agency, owner: String, description: String, dueOn: String,
        status: MaracActionStatus, statusNote: String?, updatedBy: String, updatedAt: Date, chasedAt: Date? = nil, meetingAreaID: String? = nil
    ) {
        self.meetingAreaID = meetingAreaID
        self.id = id
        self.meetingID = meetingID
        self.caseID = caseID
        self.caseReference = caseReference
        self.agency = agency
        self.owner = owner
        self.description = description
        self.dueOn = dueOn
        self.status = status
        self.statusNote = statusNote
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
        self.chasedAt = chasedAt
    }

    public func overdue(on today: String) -> Bool { status == .open && dueOn < today }
}

public struct MaracMeetingDraft: Sendable, Equatable, Codable {
    public var heldOn: String?
    public var chair: String?
    public var agencies: [String]
    /// The area's code (`NTH`); absent: the coordinator's own area.
    public var area: String?
    public init(heldOn: String? = nil, chair: String? = nil, agencies: [String] = [], area: String? = nil) {
        self.area = area
        self.heldOn = heldOn
        self.chair = chair
        self.agencies = agencies
    }
}

public struct MaracActionDraft: Sendable, Equatable, Codable {
    public var caseID: String?
    public var agency: String?
    public var owner: String?
    public var description: String?
    public var dueOn: String?
    public init(caseID: String? = nil, agency: String? = nil, owner: String? = nil, description: String? = nil, dueOn: String? = nil) {
        self.caseID = caseID
        self.agency = agency
        self.owner = owner
        self.description = description
        self.dueOn = dueOn
    }
}

/// One line of a meeting's agenda: a referral heard at it (repeats marked), with its research.
public struct MaracAgendaItem: Sendable, Equatable, Codable {
    public var referral: MaracReferral
    /// What the meeting said of the case, once it has.
    public var outcome: String?
    /// What each member agency added to the research before the meeting.
    public var research: [MaracResearchNote] = []
}

/// A meeting with its agenda, the unfinished actions carried from earlier meetings, and the actions it agreed.
public struct MaracMeetingView: Sendable, Equatable, Codable {
    public var meeting: MaracMeeting
    public var agenda: [MaracAgendaItem]
    /// Open actions from earlier meetings: they open this one's agenda (Norfolk).
    public var carried: [MaracAction]
    public var actions: [MaracAction]
    /// When the minutes must go out (`maracMinutesWorkingDays` after the meeting).
    public var minutesDueOn: String
    /// Each agency's attendance or apologies, and who signed the confidentiality statement.
    public var attendance: [MaracAttendance] = []
}

/// Rule 21's meeting rules.
public enum MaracMeetingRules {
    /// Whether a meeting hears a referral: the MARAC of the referral's area. A referral with no area (made before the
    /// force had areas) and a force-wide meeting are heard anywhere, so no referral waits for a MARAC that never sits.
    public static func hears(_ referral: MaracReferral, at meeting: MaracMeeting) -> Bool { sameMarac(referral.areaID, meeting.areaID) }

    /// Whether two areas' MARACs are the same one (the same area, or either force-wide): an action carries to the
    /// next sitting of the MARAC that agreed it.
    public static func sameMarac(_ a: String?, _ b: String?) -> Bool { a == nil || b == nil || a == b }

    /// The meeting's area, from the code given or the coordinator's own. A force with areas names one; a force with
    /// none holds one force-wide MARAC.
    public static func area(code: String?, own: String?, areas: [Area]) throws -> String? {
        if let code = trimmedNonEmpty(code) { return try AreaRules.area(code: code, among: areas).id }
        if let own, areas.contains(where: { $0.id == own }) { return own }
        guard areas.isEmpty else { throw DomainError.invalid([FieldError("area", "Name the area this MARAC serves.")]) }
        return nil
    }

    public static func check(_ draft: MaracMeetingDraft) throws -> (heldOn: String, chair: String, agencies: [Agency]) {
        var errors: [FieldError] = []
        let day = trimmedNonEmpty(draft.heldOn).flatMap(CalendarDate.normalise)
        if day == nil { errors.append(FieldError("held_on", "Give the meeting's date, like 2026-12-10.")) }
        let chair = trimmedNonEmpty(draft.chair)
        if chair == nil { errors.append(FieldError("chair", "Name who chairs the meeting.")) }
        if let chair, chair.count > 200 { errors.append(FieldError("chair", "must be 200 characters or fewer.")) }
        var agencies: [Agency] = [.police]
        for raw in draft.agencies {
            guard let agency = Agency(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
                errors.append(FieldError("agencies", "\"\(raw)\" is not an agency.")); continue
            }
            if !agencies.contains(agency) { agencies.append(agency) }
        }
        if agencies.count < 2 { errors.append(FieldError("agencies", "A MARAC is multi-agency: name the partner agencies that sit at it.")) }
        guard errors.isEmpty, let day, let chair else { throw DomainError.invalid(errors) }
        return (day, chair, agencies)
    }

    public static func check(_ draft: MaracActionDraft, meeting: MaracMeeting) throws -> (agency: Agency, owner: String, description: String, dueOn: String) {
        var errors: [FieldError] = []
        let agency: Agency? = choice(draft.agency, "agency", &errors, what: "the agency doing it")
        if let agency, !meeting.agencies.contains(agency) {
            errors.append(FieldError("agency", "\(agency.label) does not sit at this meeting: an action is for an agency at the table."))
        }
        let owner = trimmedNonEmpty(draft.owner)
        if owner == nil { errors.append(FieldError("owner", "Name the person in that agency who owns the action.")) }
        let description = trimmedNonEmpty(draft.description)
        if description == nil { errors.append(FieldError("description", "Say what is to be done.")) }
        if let description, description.count > 2000 { errors.append(FieldError("description", "must be 2,000 characters or fewer.")) }
        let due = trimmedNonEmpty(draft.dueOn).flatMap(CalendarDate.normalise)
        if due == nil {
            errors.append(FieldError("due_on", "Give the date it is due, like 2026-12-20."))
        } else if let due, due < meeting.heldOn {
            errors.append(FieldError("due_on", "An action cannot be due before the meeting that agreed it."))
        }
        guard errors.isEmpty, let agency, let owner, let description, let due else { throw DomainError.invalid(errors) }
        return (agency, owner, description, due)
    }

    /// A new status: anything but done says why.
    public static func checkStatus(_ raw: String?, note: String?) throws -> (MaracActionStatus, String?) {
        var errors: [FieldError] = []
        let status: MaracActionStatus? = choice(raw, "status", &errors, what: "where the action stands")
        let text = trimmedNonEmpty(note)
        if let status, status == .notPossible || status == .notDone, text == nil {
            errors.append(FieldError("note", "Say why, so the next meeting can act on it."))
        }
        if let text, text.count > 2000 { errors.append(FieldError("note", "must be 2,000 characters or fewer.")) }
        guard errors.isEmpty, let status else { throw DomainError.invalid(errors) }
        return (status, text)
    }
}

/// What a member agency adds to a case's research before the meeting (Essex: members came unprepared).
public struct MaracResearchNote: Sendable, Equatable, Codable {
    public var id: String
    public var meetingID: String
    public var caseID: String
    public var agency: Agency
    public var text: String
    public var by: String
    public var at: Date

    public init(id: String, meetingID: String, caseID: String, agency: Agency, text: String, by: String, at: Date) {
        self.id = id
        self.meetingID = meetingID
        self.caseID = caseID
        self.agency = agency
        self.text = text
        self.by = by
        self.at = at
    }
}

/// An agency's attendance at a meeting: there, or apologies with whether its information was sent.
public struct MaracAttendance: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case attended, apologies
    }
    public var agency: Agency
    public var kind: Kind
    public var informationSent: Bool
    /// Who attended for the agency and signed the confidentiality statement.
    public var attendee: String?
    public var confidentialitySigned: Bool
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        agency: Agency, kind: Kind, informationSent: Bool, attendee: String?, confidentialitySigned: Bool, recordedBy: String, recordedAt: Date
    ) {
        self.agency = agency
        self.kind = kind
        self.informationSent = informationSent
        self.attendee = attendee
        self.confidentialitySigned = confidentialitySigned
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

extension MaracMeetingRules {
    /// An attendee signs the confidentiality statement; an agency that sent apologies says whether its information came.
    public static func checkAttendance(kind raw: String?, attendee: String?, signed: Bool, informationSent: Bool) throws -> (
        MaracAttendance.Kind, String?
    ) {
        var errors: [FieldError] = []
        let kind: MaracAttendance.Kind? = choice(raw, "attendance", &errors, what: "whether the agency attended")
        let name = trimmedNonEmpty(attendee)
        if kind == .attended {
            if name == nil { errors.append(FieldError("attendee", "Name who attended for the agency.")) }
            if !signed { errors.append(FieldError("confidentiality", "Everyone at the table signs the confidentiality statement.")) }
        }
        if let name, name.count > 200 { errors.append(FieldError("attendee", "must be 200 characters or fewer.")) }
        guard errors.isEmpty, let kind else { throw DomainError.invalid(errors) }
        return (kind, name)
    }

    /// Whether an account may add to a meeting's research: the coordinator, or a partner account of an agency at its table.
    public static func mayAddResearch(_ meeting: MaracMeeting, _ actor: Actor) -> Bool {
        actor.role.can(.runMarac) || sitsAtTable(meeting, actor)
    }

    /// Whether this role could add research to any meeting: asked before the meeting is looked up or the text
    /// checked, so a role with no place at a table is refused outright.
    public static func mayEverAddResearch(_ role: Role) -> Bool { role.can(.runMarac) || role == .partnerAgency }

    /// Whether this role could report any action back (the coordinator, or a partner of the action's agency).
    public static func mayEverReportBack(_ role: Role) -> Bool { role.can(.runMarac) || role == .partnerAgency }

    /// Who reports an action back: the coordinator, or a partner account of the action's own agency.
    public static func mayReportBack(_ action: MaracAction, _ actor: Actor) -> Bool {
        actor.role.can(.runMarac) || (actor.role == .partnerAgency && actor.user.agency == action.agency)
    }

    /// Whether an account may read a meeting: the MARAC roles, and partner accounts of an agency at its table.
    /// Whether this role could read any meeting at all: asked before a meeting is looked up, so a role with no
    /// place at any table learns nothing, not even whether a meeting exists.
    public static func mayReadAny(_ role: Role) -> Bool { role.can(.viewMaracReferrals) || role == .partnerAgency }

    public static func mayRead(_ meeting: MaracMeeting, _ actor: Actor) -> Bool {
        actor.role.can(.viewMaracReferrals) || sitsAtTable(meeting, actor)
    }

    /// A partner account of an agency at the meeting's table.
    static func sitsAtTable(_ meeting: MaracMeeting, _ actor: Actor) -> Bool {
        guard actor.role == .partnerAgency, let agency = actor.user.agency else { return false }
        return meeting.agencies.contains(agency)
    }
}
