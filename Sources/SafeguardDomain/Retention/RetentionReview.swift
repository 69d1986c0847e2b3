import Foundation

/// What the store knows about one person's record that the retention rules read: when it was made, each part the
/// person played in an incident (when, whether a crime, which crime, its outcomes), her cases, and the decisions
/// already taken on it. Facts only; `RetentionRules` judges them.
public struct RetentionFacts: Sendable, Equatable {
    /// One part in one incident.
    public struct Part: Sendable, Equatable {
        public var role: PartyRole
        public var occurredAt: Date
        public var isCrime: Bool
        public var crime: CrimeClassification?
        public var outcomes: [CrimeOutcome.Kind]
        public init(role: PartyRole, occurredAt: Date, isCrime: Bool, crime: CrimeClassification? = nil, outcomes: [CrimeOutcome.Kind] = []) {
            (self.role, self.occurredAt, self.isCrime, self.crime, self.outcomes) = (role, occurredAt, isCrime, crime, outcomes)
        }
    }
    public var personID: String
    public var name: String
    public var dateOfBirth: String?
    public var createdAt: Date
    public var disposedAt: Date?
    public var parts: [Part]
    /// Whether she has a case still open: current business, never disposed of.
    public var openCase: Bool
    /// The latest day any case of hers opened or closed.
    public var lastCaseActivity: Date?
    /// Oldest first.
    public var decisions: [RetentionDecision]

    public init(
        personID: String, name: String, dateOfBirth: String?, createdAt: Date, disposedAt: Date? = nil, parts: [Part], openCase: Bool = false,
        lastCaseActivity: Date? = nil, decisions: [RetentionDecision] = []
    ) {
        (self.personID, self.name, self.dateOfBirth, self.createdAt, self.disposedAt) = (personID, name, dateOfBirth, createdAt, disposedAt)
        (self.parts, self.openCase, self.lastCaseActivity, self.decisions) = (parts, openCase, lastCaseActivity, decisions)
    }
}

extension RetentionFacts {
    /// These facts with those of the records confirmed to be the same person folded in: MoPI reviews the person, not
    /// one of her records — a record under her maiden name is not due while she is in notice under her married name,
    /// and it is the record that lets a call handler find her by the old name (rule 1).
    public func folding(_ sameperson: [RetentionFacts]) -> RetentionFacts {
        var folded = self
        for other in sameperson {
            folded.parts += other.parts
            folded.openCase = folded.openCase || other.openCase
            folded.lastCaseActivity = [folded.lastCaseActivity, other.lastCaseActivity].compactMap { $0 }.max()
        }
        return folded
    }
}

/// One decision at a review, kept for ever (MoPI: every decision to retain is recorded, with its reason).
public struct RetentionDecision: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Still needed for a policing purpose: kept, and reviewed again a period later.
        case retain
        /// No longer needed: proposed for disposal, which a second person approves or refuses.
        case markForDisposal = "mark_for_disposal"
        /// The second person agreed: the record's identifying details were removed.
        case approveDisposal = "approve_disposal"
        /// The second person did not agree: retained, with their reason, and reviewed again a period later.
        case refuseDisposal = "refuse_disposal"

        public var label: String {
            switch self {
            case .retain: "Retained"
            case .markForDisposal: "Marked for disposal"
            case .approveDisposal: "Disposal approved: identifying details removed"
            case .refuseDisposal: "Disposal refused: retained"
            }
        }
    }
    public var id: String
    public var personID: String
    /// Its place among the record's decisions, from 1: two reviewers deciding at once cannot both be next.
    public var number: Int
    public var kind: Kind
    /// The group the record was in when decided (its key).
    public var group: String
    public var reason: String
    public var decidedBy: String
    public var decidedAt: Date
    /// When the record is next due for review (after a retain or a refusal).
    public var nextReviewOn: String?

    public init(
        id: String, personID: String, number: Int, kind: Kind, group: String, reason: String, decidedBy: String, decidedAt: Date, nextReviewOn: String?
    ) {
        (self.id, self.personID, self.number, self.kind, self.group, self.reason) = (id, personID, number, kind, group, reason)
        (self.decidedBy, self.decidedAt, self.nextReviewOn) = (decidedBy, decidedAt, nextReviewOn)
    }
}

/// Where one record stands: its group, when its person last came to notice, when it is (or was) due for review, and
/// what may be done with it now.
public struct RetentionStanding: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case notDue = "not_due"
        case due
        /// Marked for disposal; waiting for a second person.
        case awaitingApproval = "awaiting_approval"
        case disposed

        public var label: String {
            switch self {
            case .notDue: "Not yet due for review"
            case .due: "Due for review"
            case .awaitingApproval: "Marked for disposal: waiting for approval"
            case .disposed: "Disposed of"
            }
        }
    }
    public var personID: String
    public var name: String
    public var group: RetentionGroup
    public var lastNoticeOn: String
    public var dueOn: String
    public var status: Status
    /// Why the record may not be disposed of now (empty when it may): an open case, the group's age rule.
    public var disposalBlockedBy: [String]
    public var decisions: [RetentionDecision]
    /// The decision waiting for approval, when there is one.
    public var pendingMark: RetentionDecision? { status == .awaitingApproval ? decisions.last : nil }
}

/// The retention rules (rule 34), in one place: which group a record is in, when it is due, what may be decided.
public enum RetentionRules {
    /// The shortest reason a reviewer may give: a decision to keep or to dispose of a person's record is explained.
    public static let minimumReason = 10

    /// Where `facts` stand under `policy` on `today` (YYYY-MM-DD).
    public static func standing(_ facts: RetentionFacts, policy: RetentionPolicy, today: String) -> RetentionStanding {
        let group = policy.group(for: facts.parts)
        // When she last came to notice: her latest incident or case; only a record with neither counts from when it was
        // made (a legacy import makes old people's records today, and their history says when they were last seen).
        let noticed = ([facts.lastCaseActivity].compactMap { $0 } + facts.parts.map(\.occurredAt)).max() ?? facts.createdAt
        // An open case is current business: its person is in police notice today.
        let lastNoticeOn = facts.openCase ? max(today, CalendarDate.string(noticed)) : CalendarDate.string(noticed)
        var dueOn = adding(years: group.reviewYears, to: lastNoticeOn)
        if let next = facts.decisions.compactMap(\.nextReviewOn).max(), next > dueOn { dueOn = next }
        // A proposal to dispose of a record waits for approval only while nothing new has brought its person to notice.
        let pendingMark = facts.decisions.last.flatMap { $0.kind == .markForDisposal && CalendarDate.string($0.decidedAt) >= lastNoticeOn ? $0 : nil }
        let status: RetentionStanding.Status =
            if facts.disposedAt != nil { .disposed } else if pendingMark != nil { .awaitingApproval } else if dueOn <= today { .due } else { .notDue }
        var blocked: [String] = []
        if facts.openCase { blocked.append("She has a case still open: current business is not disposed of.") }
        if let age = group.keepUntilAge {
            if let born = facts.dateOfBirth, let years = CalendarDate.age(of: born, at: CalendarDate.date(today) ?? Date()) {
                if years < age { blocked.append("\(group.title): kept until the person is \(age) (now \(years)).") }
            } else {
                blocked.append("\(group.title): kept until the person is \(age), and the date of birth is not known.")
            }
        }
        return RetentionStanding(
            personID: facts.personID, name: facts.name, group: group, lastNoticeOn: lastNoticeOn, dueOn: dueOn, status: status, disposalBlockedBy: blocked,
            decisions: facts.decisions)
    }

    /// Checks a reviewer's decision on a record due for review (retain, or mark for disposal) and says when it is
    /// next due. Throws naming the field.
    public static func checkReview(_ rawKind: String?, reason: String?, standing: RetentionStanding, today: String) throws -> (
        RetentionDecision.Kind, String, String?
    ) {
        var errors: [FieldError] = []
        let kind: RetentionDecision.Kind? = choice(rawKind, "decision", &errors, what: "whether to retain the record or mark it for disposal")
        if let kind, kind != .retain, kind != .markForDisposal {
            errors.append(FieldError("decision", "A review retains the record or marks it for disposal; a second person approves disposal."))
        }
        let why = checkedReason(reason, &errors)
        guard errors.isEmpty, let kind, let why else { throw DomainError.invalid(errors) }
        guard standing.status == .due else { throw DomainError.conflict(notDecidable(standing)) }
        if kind == .markForDisposal, let first = standing.disposalBlockedBy.first { throw DomainError.invalid([FieldError("decision", first)]) }
        return (kind, why, kind == .retain ? adding(years: standing.group.reviewYears, to: today) : nil)
    }

    /// Checks a second person's answer to a record marked for disposal: approve, or refuse (retained) with a reason.
    public static func checkApproval(_ approve: Bool?, reason: String?, standing: RetentionStanding, by username: String, today: String) throws -> (
        RetentionDecision.Kind, String, String?
    ) {
        var errors: [FieldError] = []
        if approve == nil { errors.append(FieldError("approve", "Say whether disposal is approved or refused.")) }
        let why = checkedReason(reason, &errors)
        guard errors.isEmpty, let approve, let why else { throw DomainError.invalid(errors) }
        guard let mark = standing.pendingMark else { throw DomainError.conflict(notDecidable(standing)) }
        // Supervised: the person who proposed disposal cannot also approve it.
        if mark.decidedBy == username {
            throw DomainError.forbidden("You marked this record for disposal; a second person must approve or refuse it.")
        }
        if approve, let first = standing.disposalBlockedBy.first { throw DomainError.invalid([FieldError("approve", first)]) }
        return approve ? (.approveDisposal, why, nil) : (.refuseDisposal, why, adding(years: standing.group.reviewYears, to: today))
    }

    private static func checkedReason(_ raw: String?, _ errors: inout [FieldError]) -> String? {
        guard let why = trimmedNonEmpty(raw), why.count >= minimumReason else {
            errors.append(FieldError("reason", "Give the reason for the decision (at least \(minimumReason) characters): it is kept with the record's review."))
            return nil
        }
        if let problem = TextInput.textProblem(why, limit: InputLimits.line) { errors.append(FieldError("reason", problem)) }
        return why
    }

    private static func notDecidable(_ standing: RetentionStanding) -> String {
        switch standing.status {
        case .notDue: "This record is not due for review until \(standing.dueOn)."
        case .due: "This record is due for review; nothing is waiting for approval."
        case .awaitingApproval: "This record is marked for disposal and waits for a second person's approval."
        case .disposed: "This record has been disposed of."
        }
    }

    /// The day `years` after `day`.
    public static func adding(years: Int, to day: String) -> String {
        guard let date = CalendarDate.date(day), let later = Calendar.utc.date(byAdding: .year, value: years, to: date) else { return day }
        return CalendarDate.string(later)
    }
}
