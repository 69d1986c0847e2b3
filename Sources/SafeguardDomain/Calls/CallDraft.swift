import Foundation

/// Who made the call, in relation to the incident.
public enum CallerKind: String, Sendable, Codable, CaseIterable {
    case victim, suspect, witness, child, thirdParty = "third_party", partnerAgency = "partner_agency"
}

/// A party to a new call: an existing record the call handler chose from the matches, or a new person's details.
public struct CallPartyDraft: Sendable, Equatable, Codable {
    public var role: String
    public var personID: String?
    public var newPerson: PersonDraft?
    /// False: `newPerson` is checked against the records on file first, and refused with the candidates if anyone
    /// may be them (rule 1). The API sends what its caller says; a handler who chose "None of these" has confirmed.
    public var confirmedNew: Bool
    public init(role: String, personID: String? = nil, newPerson: PersonDraft? = nil, confirmedNew: Bool = true) {
        self.role = role
        self.personID = personID
        self.newPerson = newPerson
        self.confirmedNew = confirmedNew
    }
}

/// A call as the handler typed it, before it is checked. Every choice is text as it arrived, so a bad value can be
/// shown back with its message.
public struct CallDraft: Sendable, Equatable, Codable {
    public var channel: String?
    public var caller: String?
    public var setting: String?
    /// When it happened, ISO 8601 (`2026-11-22T17:05`); empty means now.
    public var occurredAt: String?
    public var addressLine1: String?
    public var town: String?
    public var postcode: String?
    public var relationship: String?
    public var abuseTypes: [String]
    public var summary: String?
    public var parties: [CallPartyDraft]
    public var immediateDanger: String?
    public var suspectLocation: String?
    public var injuries: String?
    public var injuriesDetail: String?
    public var weapons: String?
    public var weaponsDetail: String?
    public var childrenPresent: String?
    public var childrenCount: String?
    public var fear: String?
    public var fearInTheirWords: String?
    /// The handler's own sense that this could be high risk, whatever the answers say.
    public var handlerConcern: Bool
    /// The grade the handler chooses; empty takes the recommended grade.
    public var grade: String?
    public var gradeReason: String?
    public var appointmentAt: String?
    /// Children of the household the caller names (rule 9): each becomes a person linked to the victims, a party to the
    /// incident, and a referral on her case.
    public var children: [HouseholdChildDraft] = []

    public init(
        channel: String? = nil, caller: String? = nil, setting: String? = nil, occurredAt: String? = nil, addressLine1: String? = nil,
        town: String? = nil, postcode: String? = nil, relationship: String? = nil, abuseTypes: [String] = [], summary: String? = nil,
        parties: [CallPartyDraft] = [], immediateDanger: String? = nil, suspectLocation: String? = nil, injuries: String? = nil,
        injuriesDetail: String? = nil, weapons: String? = nil, weaponsDetail: String? = nil, childrenPresent: String? = nil,
        childrenCount: String? = nil, fear: String? = nil, fearInTheirWords: String? = nil, handlerConcern: Bool = false,
        grade: String? = nil, gradeReason: String? = nil, appointmentAt: String? = nil
    ) {
        self.channel = channel
        self.caller = caller
        self.setting = setting
        self.occurredAt = occurredAt
        self.addressLine1 = addressLine1
        self.town = town
        self.postcode = postcode
        self.relationship = relationship
        self.abuseTypes = abuseTypes
        self.summary = summary
        self.parties = parties
        self.immediateDanger = immediateDanger
        self.suspectLocation = suspectLocation
        self.injuries = injuries
        self.injuriesDetail = injuriesDetail
        self.weapons = weapons
        self.weaponsDetail = weaponsDetail
        self.childrenPresent = childrenPresent
        self.childrenCount = childrenCount
        self.fear = fear
        self.fearInTheirWords = fearInTheirWords
        self.handlerConcern = handlerConcern
        self.grade = grade
        self.gradeReason = gradeReason
        self.appointmentAt = appointmentAt
    }
}

/// A party that passed its checks.
public enum ValidCallParty: Sendable {
    case existing(role: PartyRole, personID: String)
    case new(role: PartyRole, draft: ValidPersonDraft)

    public var role: PartyRole {
        switch self {
        case .existing(let role, _), .new(let role, _): role
        }
    }
}

/// A call that passed every check.
public struct ValidCall: Sendable {
    public var channel: Channel
    public var caller: CallerKind
    public var setting: Setting
    public var occurredAt: Date
    public var address: (line1: String, town: String, postcode: String)?
    public var relationship: Relationship
    public var abuseTypes: [AbuseType]
    public var summary: String
    public var parties: [ValidCallParty]
    public var answers: CallAnswers
    public var handlerConcern: Bool
    public var requestedGrade: Grade?
    public var gradeReason: String?
    public var appointmentAt: Date?
    public var children: [(child: HouseholdRules.Either, role: HouseholdRole, from: String, note: String?, school: String?)] = []
}

/// Reads an ISO 8601 date-time as typed in a form (`2026-11-22T17:05`, seconds and zone optional). Without a zone it
/// is the force's local time (Europe/London), as the pages show times — 09:00 typed in July is 09:00 shown, not 10:00.
enum TypedDateTime {
    static func parse(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = Calendar.forceLocal.timeZone
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// The force's local time of an instant in the form it is typed (`2026-11-22 17:05`), for words the domain writes.
    static func format(_ date: Date) -> String {
        // By hand: a DateFormatter per call was a measurable share of every task closed.
        let c = Calendar.forceLocal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return CalendarDate.text(year: c.year!, month: c.month!, day: c.day!) + " " + String(c.hour!).leftPadded(to: 2) + ":"
            + String(c.minute!).leftPadded(to: 2)
    }
}

/// The value imported history uses where the legacy record did not say (`Channel.notRecorded`, …): never a choice
/// for live entry, where the person recording knows.
let notRecordedValue = "not_recorded"

/// Reads one required choice from a fixed list, or records an error naming the field and the choices.
func choice<T: RawRepresentable & CaseIterable>(_ raw: String?, _ field: String, _ errors: inout [FieldError], what: String) -> T? where T.RawValue == String {
    let options = T.allCases.map(\.rawValue).filter { $0 != notRecordedValue }
    guard let text = trimmedNonEmpty(raw) else {
        errors.append(FieldError(field, "Answer \(what): one of \(options.joined(separator: ", "))."))
        return nil
    }
    guard let value = T(rawValue: text.lowercased()), value.rawValue != notRecordedValue else {
        errors.append(FieldError(field, "\"\(text)\" is not a choice for \(what): use one of \(options.joined(separator: ", "))."))
        return nil
    }
    return value
}

extension CallDraft {
    /// Checks every field and reports every problem at once, naming the field; nothing is written until it passes.
    public func validated(now: Date) throws -> ValidCall {
        var errors: [FieldError] = []
        let channel: Channel? = choice(channel, "channel", &errors, what: "how the call came in")
        let caller: CallerKind? = choice(self.caller ?? "victim", "caller", &errors, what: "who is calling")
        let setting: Setting? = choice(self.setting ?? "urban", "setting", &errors, what: "town or country")
        let relationship: Relationship? = choice(relationship, "relationship", &errors, what: "how the parties are connected")

        var occurred = now
        if let raw = trimmedNonEmpty(occurredAt) {
            if let date = TypedDateTime.parse(raw) {
                if date > now.addingTimeInterval(300) { errors.append(FieldError("occurred_at", "When it happened cannot be in the future.")) }
                occurred = min(date, now)
            } else {
                errors.append(FieldError("occurred_at", "\"\(raw)\" is not a date and time like 2026-11-22T17:05."))
            }
        }

        var address: (String, String, String)?
        let line1 = trimmedNonEmpty(addressLine1), post = trimmedNonEmpty(postcode)
        if line1 != nil || post != nil {
            var postValue: String?
            if let post {
                postValue = Postcode.normalise(post)
                if postValue == nil { errors.append(FieldError("postcode", "\"\(post)\" is not a UK postcode (like AB1 2CD).")) }
            }
            if line1 == nil { errors.append(FieldError("address_line1", "Enter the first line of where it happened, or leave the postcode empty too.")) }
            if let line1 { address = (line1, trimmedNonEmpty(town) ?? "", postValue ?? "") }
        }

        var types: [AbuseType] = []
        for raw in abuseTypes.compactMap(trimmedNonEmpty) {
            if let type = AbuseType(rawValue: raw.lowercased()) {
                if !types.contains(type) { types.append(type) }
            } else {
                errors.append(
                    FieldError("abuse_types", "\"\(raw)\" is not a kind of abuse: use \(AbuseType.allCases.map(\.rawValue).joined(separator: ", "))."))
            }
        }
        let text = trimmedNonEmpty(summary) ?? ""
        if text.count > 4000 { errors.append(FieldError("summary", "The summary must be 4,000 characters or fewer.")) }

        var parties: [ValidCallParty] = []
        for (index, party) in self.parties.enumerated() {
            let prefix = "parties[\(index)]"
            let role: PartyRole? = choice(party.role, "\(prefix).role", &errors, what: "the person's part")
            if let id = trimmedNonEmpty(party.personID) {
                if let role { parties.append(.existing(role: role, personID: id)) }
            } else if let draft = party.newPerson {
                do {
                    let valid = try draft.validated(now: now)
                    if let role { parties.append(.new(role: role, draft: valid)) }
                } catch DomainError.invalid(let fieldErrors) {
                    errors.append(contentsOf: fieldErrors.map { FieldError("\(prefix).\($0.field)", $0.message) })
                }
            } else {
                errors.append(FieldError("\(prefix).person_id", "Choose the person's record from the matches, or enter their details as a new person."))
            }
        }
        if !self.parties.contains(where: { $0.role.lowercased() == PartyRole.victim.rawValue }) {
            errors.append(
                FieldError("parties", "Name the victim: choose their record or enter their details (use \"Unknown\" as the surname if they will not say)."))
        }

        let danger: Answer? = choice(immediateDanger, "immediate_danger", &errors, what: "whether the caller is in immediate danger")
        let location: SuspectLocation? = choice(suspectLocation, "suspect_location", &errors, what: "where the suspect is")
        let injured: Answer? = choice(injuries, "injuries", &errors, what: "whether anyone is injured")
        let armed: Answer? = choice(weapons, "weapons", &errors, what: "whether weapons are involved")
        let children: Answer? = choice(childrenPresent, "children_present", &errors, what: "whether children are present")
        let afraid: FearLevel? = choice(fear, "fear", &errors, what: "how frightened the caller feels")
        var count: Int?
        if let raw = trimmedNonEmpty(childrenCount) {
            if let n = Int(raw), (0...20).contains(n) {
                count = n
            } else {
                errors.append(FieldError("children_count", "The number of children must be a whole number from 0 to 20."))
            }
        }
        for (field, value) in [("injuries_detail", injuriesDetail), ("weapons_detail", weaponsDetail), ("fear_in_their_words", fearInTheirWords)] {
            if let value, value.count > 2000 { errors.append(FieldError(field, "must be 2,000 characters or fewer.")) }
        }

        var requested: Grade?
        if trimmedNonEmpty(grade) != nil { requested = choice(grade, "grade", &errors, what: "the response grade") }
        var appointment: Date?
        if let raw = trimmedNonEmpty(appointmentAt) {
            if let date = TypedDateTime.parse(raw) {
                appointment = date
            } else {
                errors.append(FieldError("appointment_at", "\"\(raw)\" is not a date and time like 2026-11-23T10:00."))
            }
        }
        if requested == .scheduled && appointment == nil {
            errors.append(FieldError("appointment_at", "A scheduled appointment needs its date and time."))
        }

        var household: [(child: HouseholdRules.Either, role: HouseholdRole, from: String, note: String?, school: String?)] = []
        for (index, child) in self.children.enumerated() {
            do { household.append(try HouseholdRules.check(child, prefix: "children[\(index)].", now: now)) } catch DomainError.invalid(let found) {
                errors += found
            }
        }
        guard errors.isEmpty, let channel, let caller, let setting, let relationship, let danger, let location, let injured, let armed,
            let children, let afraid
        else { throw DomainError.invalid(errors) }
        let answers = CallAnswers(
            immediateDanger: danger, suspectLocation: location, injuries: injured, injuriesDetail: trimmedNonEmpty(injuriesDetail),
            weapons: armed, weaponsDetail: trimmedNonEmpty(weaponsDetail), childrenPresent: children, childrenCount: count,
            fear: afraid, fearInTheirWords: trimmedNonEmpty(fearInTheirWords))
        return ValidCall(
            channel: channel, caller: caller, setting: setting, occurredAt: occurred, address: address, relationship: relationship,
            abuseTypes: types, summary: text, parties: parties, answers: answers, handlerConcern: handlerConcern,
            requestedGrade: requested, gradeReason: trimmedNonEmpty(gradeReason), appointmentAt: appointment, children: household)
    }
}
