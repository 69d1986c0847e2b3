import Foundation

/// An address with repeat DA incidents (rule 24: hotspot addresses for neighbourhood teams), shown no finer than its
/// street: the briefing is printed and may leave the station (police.uk practice). Refuges are never among them.
public struct Hotspot: Sendable, Equatable, Codable {
    /// The place, for officers who open it in the system.
    public var addressID: String
    /// The street and postcode district only (`Mill Lane, PR1`).
    public var street: String
    public var areaID: String?
    public var incidents: Int
    public var latestAt: Date

    public init(addressID: String, street: String, areaID: String?, incidents: Int, latestAt: Date) {
        (self.addressID, self.street, self.areaID, self.incidents, self.latestAt) = (addressID, street, areaID, incidents, latestAt)
    }
}

/// A victim at high risk with an open case in the area, as the daily meeting discusses her.
public struct HighRiskVictim: Sendable, Equatable, Codable {
    public var caseID: String
    public var caseReference: String
    public var personID: String
    /// Nil for a restricted record the viewer may not name.
    public var name: String?
    public var owner: String
    /// Her postcode district only (`PR1`).
    public var district: String?
}

/// An open high-risk case of an area as storage finds it for the briefing: the case, its owner, and her record's
/// name, restriction and current postcode (nothing more: the briefing reads hundreds of these on every load).
public struct HighRiskCaseFacts: Sendable, Equatable {
    public var caseID: String
    public var caseReference: String
    public var owner: String
    public var personID: String
    public var firstName: String
    public var surname: String
    public var restricted: Bool
    public var postcode: String?
    /// Her current address is confidential (a refuge).
    public var postcodeConfidential: Bool

    public init(
        caseID: String, caseReference: String, owner: String, personID: String, firstName: String, surname: String, restricted: Bool, postcode: String?,
        postcodeConfidential: Bool
    ) {
        (self.caseID, self.caseReference, self.owner, self.personID) = (caseID, caseReference, owner, personID)
        (self.firstName, self.surname, self.restricted, self.postcode, self.postcodeConfidential) = (
            firstName, surname, restricted, postcode, postcodeConfidential
        )
    }
}

/// Work a neighbourhood team takes from the briefing: a visit, a patrol, a check on bail conditions — with its result.
public struct NeighbourhoodTask: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case visit, patrol
        case bailCheck = "bail_check"
        public var label: String {
            switch self {
            case .visit: "Visit"
            case .patrol: "Patrol"
            case .bailCheck: "Check the bail conditions"
            }
        }
    }
    public var id: String
    public var areaID: String
    public var kind: Kind
    /// The perpetrator or victim it is about, if any.
    public var personID: String?
    /// The hotspot it is about, if any.
    public var addressID: String?
    public var note: String
    public var assignee: CaseUser
    public var dueOn: String
    public var setBy: String
    public var setAt: Date
    public var result: String?
    public var doneBy: String?
    public var doneAt: Date?
    public init(
        id: String, areaID: String, kind: Kind, personID: String?, addressID: String?, note: String, assignee: CaseUser, dueOn: String, setBy: String,
        setAt: Date, result: String? = nil, doneBy: String? = nil, doneAt: Date? = nil
    ) {
        self.id = id
        self.areaID = areaID
        self.kind = kind
        self.personID = personID
        self.addressID = addressID
        self.note = note
        self.assignee = assignee
        self.dueOn = dueOn
        self.setBy = setBy
        self.setAt = setAt
        self.result = result
        self.doneBy = doneBy
        self.doneAt = doneAt
    }
}

/// A neighbourhood task as typed.
public struct NeighbourhoodTaskDraft: Sendable, Equatable, Codable {
    public var kind: String?
    public var personID: String?
    public var addressID: String?
    public var note: String?
    /// Username of the neighbourhood officer it is for; empty: whoever sets it (a neighbourhood officer).
    public var assignee: String?
    public var dueOn: String?
    public init(kind: String? = nil, personID: String? = nil, addressID: String? = nil, note: String? = nil, assignee: String? = nil, dueOn: String? = nil) {
        self.kind = kind
        self.personID = personID
        self.addressID = addressID
        self.note = note
        self.assignee = assignee
        self.dueOn = dueOn
    }
}

/// Someone marked as briefed on an area's list: who, when, and from which run.
public struct BriefedRecord: Sendable, Equatable, Codable {
    public var username: String
    public var displayName: String
    public var at: Date
    public var runID: String?
    public init(username: String, displayName: String, at: Date, runID: String?) {
        self.username = username
        self.displayName = displayName
        self.at = at
        self.runID = runID
    }
}

/// An area's daily briefing (rule 24): its most harmful perpetrators, its high-risk victims, its hotspot addresses,
/// the neighbourhood tasks taken from it, and who has been briefed today.
public struct AreaBriefing: Sendable, Equatable {
    public var area: Area
    public var generatedAt: Date
    public var run: PerpetratorRun?
    public var perpetrators: [PerpetratorItem]
    public var highRiskVictims: [HighRiskVictim]
    public var hotspots: [Hotspot]
    public var tasks: [NeighbourhoodTask]
    public var briefedToday: [BriefedRecord]
}

/// The briefing's rules: what makes a hotspot, how fine a location it shows, and what a neighbourhood task needs.
public enum AreaBriefingRules {
    /// Who sets tasks from a briefing: a sergeant or DA specialist for any of the area's neighbourhood officers, a
    /// neighbourhood officer for themselves.
    public static func maySetTasks(_ role: Role) -> Bool { role == .neighbourhoodOfficer || role.can(.manageCases) }

    /// Whether this role could record any task's result: a task is for whoever may set one, so only they may.
    public static func mayEverRecordResult(_ role: Role) -> Bool { maySetTasks(role) }

    /// Who records a task's result: the officer it is for, or a sergeant or DA specialist.
    public static func mayRecordResult(_ task: NeighbourhoodTask, by user: User) -> Bool { task.assignee.id == user.id || user.role.can(.manageCases) }

    /// A hotspot: `policy.hotspotIncidents` DA incidents or more at one address within the window.
    public static func isHotspot(incidents: Int, policy: PerpetratorPolicy) -> Bool { incidents >= policy.hotspotIncidents }

    /// A location no finer than a street: the address line without its house number or flat, and the postcode's
    /// district (`Flat 2, 14 Mill Lane` in `PR1 4AB` is `Mill Lane, PR1`).
    public static func street(line1: String, postcode: String?) -> String {
        let last = line1.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? line1
        let words = last.split(separator: " ").drop { word in word.first?.isNumber == true || ["flat", "apartment", "unit"].contains(word.lowercased()) }
        let road = words.joined(separator: " ")
        let district = postcode.flatMap(Self.district)
        return [road.isEmpty ? "Unnamed street" : road, district].compactMap { $0 }.joined(separator: ", ")
    }

    /// The postcode's district (`PR1 4AB` is `PR1`): where a victim lives, as a printed sheet may show it.
    public static func district(_ postcode: String) -> String? { postcode.split(separator: " ").first.map(String.init) }

    /// A task from the briefing, checked: a kind, a due day, what to do; about a person or a hotspot or neither.
    public static func check(_ draft: NeighbourhoodTaskDraft) throws -> (kind: NeighbourhoodTask.Kind, dueOn: String, note: String) {
        var errors: [FieldError] = []
        let kind: NeighbourhoodTask.Kind? = choice(draft.kind, "kind", &errors, what: "the kind of task")
        let due = trimmedNonEmpty(draft.dueOn).flatMap(CalendarDate.normalise)
        if due == nil { errors.append(FieldError("due_on", "Give the day it is due, like 2026-12-10.")) }
        let note = trimmedNonEmpty(draft.note)
        if note == nil { errors.append(FieldError("note", "Say what is to be done and why.")) }
        if let note, let problem = TextInput.textProblem(note, limit: InputLimits.line) { errors.append(FieldError("note", problem)) }
        if kind == .bailCheck && trimmedNonEmpty(draft.personID) == nil {
            errors.append(FieldError("person_id", "A bail check is about a person: choose him from the list."))
        }
        guard errors.isEmpty, let kind, let due, let note else { throw DomainError.invalid(errors) }
        return (kind, due, note)
    }
}
