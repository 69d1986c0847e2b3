import Foundation

/// Something that happened to a suspect in custody or at court (issue 5 part 1). Each is kept for ever; a correction
/// is a further event. Releases and Victims' Code entitlements set off triggers on every victim's case (`TriggerRules`).
public struct CustodyEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case arrest, interview
        case releasedNoCharge = "released_no_charge"
        case releasedUnderInvestigation = "released_under_investigation"
        case policeBail = "police_bail"
        case charged, remanded
        case courtBail = "court_bail"
        case courtResult = "court_result"
        case sentenced
        case prisonReleaseExpected = "prison_release_expected"
        case prisonReleased = "prison_released"

        public var label: String {
            switch self {
            case .arrest: "Arrested"
            case .interview: "Interviewed"
            case .releasedNoCharge: "Released without charge"
            case .releasedUnderInvestigation: "Released under investigation"
            case .policeBail: "Released on police bail"
            case .charged: "Charged"
            case .remanded: "Remanded in custody"
            case .courtBail: "Released on court bail"
            case .courtResult: "Court result"
            case .sentenced: "Sentenced"
            case .prisonReleaseExpected: "Prison release expected"
            case .prisonReleased: "Released from prison"
            }
        }

        /// The suspect is back in the community: the victim's risk is re-opened ("he was sat in the cul-de-sac at 5.30am").
        public var isRelease: Bool {
            [.releasedNoCharge, .releasedUnderInvestigation, .policeBail, .courtBail, .prisonReleased].contains(self)
        }

        /// A reassessment point in the College's guidance: every release, and charge, a court's result and sentence
        /// (each may put him back in the community, or change what he has to lose).
        public var reopensRisk: Bool {
            isRelease || [.charged, .courtResult, .sentenced].contains(self)
        }

        /// The Victims' Code entitles the victim to be told of this (arrest, interview, release with or without charge,
        /// bail and its conditions, charge, court results, sentence, prison release).
        public var victimMustBeTold: Bool { self != .prisonReleaseExpected }

        /// Bail comes with conditions, which the victim must be told.
        public var needsConditions: Bool { self == .policeBail || self == .courtBail }
    }

    public var id: String
    public var suspectPersonID: String
    public var incidentID: String?
    public var kind: Kind
    /// When it happened, or for an expected prison release, when it is expected.
    public var at: Date
    public var conditions: String?
    /// The date bail ends or must be answered (YYYY-MM-DD).
    public var endsOn: String?
    public var note: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: String, suspectPersonID: String, incidentID: String?, kind: Kind, at: Date, conditions: String?, endsOn: String?, note: String?,
        recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.suspectPersonID = suspectPersonID
        self.incidentID = incidentID
        self.kind = kind
        self.at = at
        self.conditions = conditions
        self.endsOn = endsOn
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

/// A custody event as typed.
public struct CustodyDraft: Sendable, Equatable, Codable {
    public var kind: String?
    public var at: String?
    public var incidentID: String?
    public var conditions: String?
    public var endsOn: String?
    public var note: String?
    public init(kind: String? = nil, at: String? = nil, incidentID: String? = nil, conditions: String? = nil, endsOn: String? = nil, note: String? = nil) {
        self.kind = kind
        self.at = at
        self.incidentID = incidentID
        self.conditions = conditions
        self.endsOn = endsOn
        self.note = note
    }

    /// Checks every field; `at` empty means now. Only an expected prison release may lie in the future.
    public func validated(now: Date) throws -> (kind: CustodyEvent.Kind, at: Date, conditions: String?, endsOn: String?, note: String?) {
        var errors: [FieldError] = []
        let kind: CustodyEvent.Kind? = choice(kind, "kind", &errors, what: "what happened")
        var at = now
        if let text = trimmedNonEmpty(self.at) {
            if let parsed = TypedDateTime.parse(text) {
                at = parsed
            } else {
                errors.append(FieldError("at", "\"\(text)\" is not a date and time like 2026-11-22T05:30."))
            }
        } else if kind == .prisonReleaseExpected {
            errors.append(FieldError("at", "Give the expected release date and time."))
        }
        if let kind, kind != .prisonReleaseExpected, at > now.addingTimeInterval(300) {
            errors.append(FieldError("at", "must not be in the future (only an expected prison release may be)."))
        }
        let conditions = trimmedNonEmpty(self.conditions)
        if kind?.needsConditions == true, conditions == nil {
            errors.append(FieldError("conditions", "Record the bail conditions: the victim must be told them."))
        }
        var ends: String?
        if let text = trimmedNonEmpty(endsOn) {
            if let value = CalendarDate.normalise(text) { ends = value } else { errors.append(FieldError("ends_on", "must be a date like 2026-12-20.")) }
        } else if kind == .policeBail {
            errors.append(FieldError("ends_on", "Give the date police bail ends (the date to answer bail)."))
        }
        let note = trimmedNonEmpty(self.note)
        if let note, note.count > 2000 { errors.append(FieldError("note", "must be 2,000 characters or fewer.")) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return (kind!, at, conditions, ends, note)
    }
}
