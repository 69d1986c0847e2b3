import Foundation
import SafeguardMatching

/// Storage as the domain sees it. One `transaction` is one unit of work: all of it is written, or none.
public protocol SafeguardRepositories: Sendable {
    /// Runs `body` in one database transaction; throwing rolls everything back.
    func transaction<R: Sendable>(_ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R) async throws -> R
    /// Runs `body` in a read-only unit of work: it sees one consistent snapshot and must write nothing. On SQLite it does
    /// not queue behind writers (WAL lets readers run beside the one writer), so reads such as checking a token stay fast.
    func read<R: Sendable>(_ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R) async throws -> R
    /// Checks every audit event's link; reports the first broken one.
    func verifyAuditChain() async throws -> AuditVerification
    /// Whether the database answers (for `/health`).
    func ping() async throws
}

/// The repositories available inside one transaction.
public protocol RepositoryTransaction: Sendable {
    var people: any PeopleRepository { get }
    var incidents: any IncidentRepository { get }
    var users: any UserRepository { get }
    var areas: any AreaRepository { get }
    var audit: any AuditRepository { get }
    var dedupe: any DedupeRepository { get }
    var imports: any PersonImportRepository { get }
    var links: any RecordLinkRepository { get }
    var assessments: any RiskAssessmentRepository { get }
    var cases: any CaseRepository { get }
    var tasks: any TaskRepository { get }
    var scenes: any SceneRepository { get }
    var custody: any CustodyRepository { get }
    var orders: any OrderRepository { get }
    var triggers: any TriggerRepository { get }
    var contacts: any ContactRepository { get }
    var outcomes: any OutcomeRepository { get }
}

/// The orders register (rule 25): orders and their history. An event and the order's new state are written together.
public protocol OrderRepository: Sendable {
    func create(_ order: ProtectiveOrder, byUserID: String) async throws
    /// The order with its history, oldest event first.
    func find(id: String) async throws -> ProtectiveOrder?
    /// Orders binding or protecting any of these records, each with its history, newest first.
    func involving(_ personIDs: [String]) async throws -> [ProtectiveOrder]
    /// Keeps `event` and saves the order's state after it; false if someone else changed the order first.
    func record(_ event: OrderEvent, byUserID: String, order: ProtectiveOrder, expectedVersion: Int) async throws -> Bool
    /// Orders not ended whose end date falls between these days, whose "ending" trigger has not yet fired.
    func endingBetween(_ from: String, _ to: String, limit: Int) async throws -> [ProtectiveOrder]
    /// Notices (DVPN, DAPN) served (or recorded) before `madeBefore` — and within the week before it, after which the
    /// alarm is long past — with no hearing and not ended, whose trigger has not fired.
    func noticesWithoutHearing(madeBefore: Date, limit: Int) async throws -> [ProtectiveOrder]
}

/// Which triggers have fired on which cases. The key (source, case, kind) is held by the database, so an event
/// delivered twice, or seen by two clocks at once, fires once.
public protocol TriggerRepository: Sendable {
    /// Records that `source` fired `kind` on `caseID`; false if it already had (the caller then creates nothing).
    func recordFiring(source: String, caseID: String, kind: CaseTask.Kind, taskID: String, at: Date) async throws -> Bool
    /// Open cases of victims with at least `minIncidents` incidents whose last incident or contact in which she was
    /// reached was before `quietSince`, not yet checked on in this quiet period (`TriggerRules.source(quiet:…)`) —
    /// newest spells first.
    func quietCases(minIncidents: Int, quietSince: Date, now: Date, limit: Int) async throws -> [QuietCase]
}

/// A case that has heard nothing from its victim for a while.
public struct QuietCase: Sendable, Equatable {
    public var caseID: String
    public var incidentCount: Int
    public var lastContact: Date
    public init(caseID: String, incidentCount: Int, lastContact: Date) {
        self.caseID = caseID
        self.incidentCount = incidentCount
        self.lastContact = lastContact
    }
}

/// Each victim's safe-contact details and her one contact log (rule 19).
public protocol ContactRepository: Sendable {
    /// The newest safe-contact details held for any of these records (one person's linked records).
    func safeContact(forPeople personIDs: [String]) async throws -> SafeContact?
    /// Makes these the current details; the version they replace is kept in the history (rule 34).
    func saveSafeContact(_ safe: SafeContact) async throws
    func add(_ entry: ContactEntry, byUserID: String, at recordedAt: Date) async throws
    /// Every contact with any of these records, newest first.
    func log(forPeople personIDs: [String], limit: Int) async throws -> [ContactEntry]
}

/// Crime outcomes (rule 27).
public protocol OutcomeRepository: Sendable {
    func create(_ outcome: CrimeOutcome, byUserID: String) async throws
    func forIncidents(_ ids: [String]) async throws -> [CrimeOutcome]
}

/// Custody and court events.
public protocol CustodyRepository: Sendable {
    func create(_ event: CustodyEvent, byUserID: String) async throws
    func find(id: String) async throws -> CustodyEvent?
    /// Events about any of these records, newest first.
    func forSuspects(_ personIDs: [String]) async throws -> [CustodyEvent]
}

/// What the officer recorded at the scene: one record per incident, never edited.
public protocol SceneRepository: Sendable {
    func create(_ scene: SceneRecord, byUserID: String) async throws
    func find(incidentID: String) async throws -> SceneRecord?
    /// Stores the scene's evidence as it now stands and keeps `change` (with what it replaced) in its history.
    func updateEvidence(_ scene: SceneRecord, change: EvidenceChange, byUserID: String) async throws
    /// Scene records of these incidents, by incident id (for the case's evidence view).
    func forIncidents(_ ids: [String]) async throws -> [String: SceneRecord]
}

/// Safeguarding cases and who has owned them. `save` checks the version, so two people changing one case at
/// once cannot both win; the database holds at most one open case per victim record.
public protocol CaseRepository: Sendable {
    /// The next `SG-YYYY-NNNNNN`, unique under concurrent calls.
    func nextReference(year: Int) async throws -> String
    func create(_ safeguardingCase: SafeguardingCase, byUserID: String) async throws
    func find(id: String) async throws -> SafeguardingCase?
    /// The open case of any of these records (one person's linked records), if there is one.
    func openCase(forVictims personIDs: [String]) async throws -> SafeguardingCase?
    /// The cases an incident belongs to.
    func forIncident(_ incidentID: String) async throws -> [SafeguardingCase]
    func addIncident(caseID: String, incidentID: String) async throws
    /// When each of the case's incidents happened (for the repeat-pattern trigger).
    func incidentTimes(caseID: String) async throws -> [Date]
    /// Saves owner, investigator, handover, level and reallocation flag; throws `staleEdit` if `version` is not current.
    func save(_ safeguardingCase: SafeguardingCase) async throws -> SafeguardingCase
    func addEvent(_ event: CaseOwnershipEvent) async throws
    func events(caseID: String) async throws -> [CaseOwnershipEvent]
    /// Open cases owned by, or offered to, this user.
    func owned(by userID: String) async throws -> [SafeguardingCase]
    /// Open cases this user is the named investigator of.
    func investigated(by userID: String) async throws -> [SafeguardingCase]
    func offered(to userID: String) async throws -> [SafeguardingCase]
    /// Open cases per owner among `userIDs`, for allocation by load (never a cap).
    func openCaseCounts(owners userIDs: [String]) async throws -> [String: Int]
}

/// The task engine's storage. Changes that clocks make (escalate, reassign) are conditional updates that report
/// whether they happened, so two servers running the clocks at once never fire one task twice.
public protocol TaskRepository: Sendable {
    func create(_ task: CaseTask, byUserID: String?) async throws
    func find(id: String) async throws -> CaseTask?
    func forCase(_ caseID: String) async throws -> [CaseTask]
    /// Open tasks a user owns, or that were escalated to them, soonest due first.
    func open(for userID: String) async throws -> [CaseTask]
    /// Open tasks of one kind, soonest due first (the no-arrest reviews a sergeant works through).
    func open(kind: CaseTask.Kind, limit: Int) async throws -> [CaseTask]
    /// Open tasks past due and not yet escalated, oldest first.
    func overdueUnescalated(at now: Date, limit: Int) async throws -> [CaseTask]
    /// Open tasks owned by users who cannot take work (away or inactive).
    func ownedByUnavailable(limit: Int) async throws -> [CaseTask]
    /// Marks the task complete if it is still open; false if someone completed it first.
    func complete(id: String, at: Date, by username: String, outcome: String) async throws -> Bool
    /// Escalates if not yet escalated; false if another run got there first.
    func escalate(id: String, to userID: String, at: Date) async throws -> Bool
    /// Moves an open task from `fromUserID` to `toUserID`; false if it had already moved or closed.
    func reassign(id: String, from fromUserID: String, to toUserID: String) async throws -> Bool
    /// Moves an escalation from `fromUserID` (now away) to `toUserID`; false if it had already moved or the task closed.
    func reescalate(id: String, from fromUserID: String, to toUserID: String) async throws -> Bool
    /// Open tasks escalated to users who cannot take work.
    func escalatedToUnavailable(limit: Int) async throws -> [CaseTask]
    /// Open tasks escalated at or before `before` and still not done, oldest escalation first.
    func escalatedAndStillOpen(before: Date, limit: Int) async throws -> [CaseTask]
    /// Escalates again, from `fromUserID` to `toUserID`, restarting the escalation clock; false if another run moved it
    /// first or it was done.
    func escalateFurther(id: String, from fromUserID: String, to toUserID: String, at: Date) async throws -> Bool
    /// Brings an open task's due time forward (never back).
    func bringForward(id: String, to dueAt: Date) async throws
}

/// Completed risk assessments (append-only: a new assessment is a new row, never an edit of an old one).
public protocol RiskAssessmentRepository: Sendable {
    /// Stores the assessment and its level in `risk_levels`, so the briefing and the person's history show it.
    func create(_ assessment: RiskAssessment, byUserID: String) async throws
    func forIncident(_ incidentID: String) async throws -> [RiskAssessment]
    func find(id: String) async throws -> RiskAssessment?
    /// The id of the most recent assessment of this person (by when it was made).
    func newestID(forPerson personID: String) async throws -> String?
    /// Saves the current level, the reviews and the dip-sample flag, and appends any new decision.
    func saveReview(_ assessment: RiskAssessment, newDecision: LevelDecision?, byUserID: String) async throws
    /// Assessments waiting for the sergeant's review (flagged first, then oldest), or the specialist's dip sample.
    func waiting(dipSample: Bool, limit: Int) async throws -> [RiskAssessment]
}

/// Policing areas (divisions), which users and, later, records belong to.
public protocol AreaRepository: Sendable {
    func create(_ area: Area) async throws
    func find(code: String) async throws -> Area?
    func find(id: String) async throws -> Area?
    func all() async throws -> [Area]
}

/// Person records, their names, contact details and addresses.
public protocol PeopleRepository: Sendable {
    func find(id: String) async throws -> Person?
    func search(_ query: ValidPersonSearch, limit: Int) async throws -> [PersonSummary]
    func create(_ draft: ValidPersonDraft, id: String, at: Date) async throws -> Person
    /// Replaces a person's details if `expectedVersion` is still current, keeping the old version in history.
    /// Throws `DomainError.staleEdit` when someone else saved first.
    func update(id: String, expectedVersion: Int, with draft: ValidPersonDraft, by userID: String, at: Date) async throws -> Person
    func incidents(forPerson id: String) async throws -> [IncidentSummary]
    /// The comparable form of every record filed under any of these blocking keys (a bounded number per key).
    func matchRecords(forKeys keys: [String]) async throws -> [MatchRecord]
    /// Name keys on record within one spelling slip of each of `names` (a typo's likely intended names; the name
    /// itself included when it is on record), by the name given.
    func knownNames(oneSlipFrom names: [String]) async throws -> [String: [String]]
    /// Summaries of the given people, by id.
    func summaries(ids: [String]) async throws -> [String: PersonSummary]
    /// Source-system ids of the given people's records, by person id.
    func sourceIDs(ofPeople ids: [String]) async throws -> [String: [String]]
    /// How many incidents any of these records is a party to, each incident counted once.
    func incidentCount(acrossPeople ids: [String]) async throws -> Int
    func linkedPeople(ofPerson id: String) async throws -> [LinkedPerson]
}

/// Incidents and their parties, the call record, the control room's response, and what the briefing reads.
public protocol IncidentRepository: Sendable {
    func find(id: String) async throws -> Incident?
    func recent(limit: Int) async throws -> [IncidentSummary]
    /// The next human reference for the year (`DA-2026-000124`), unique under concurrent calls on both engines.
    func nextReference(year: Int) async throws -> String
    /// Writes a new incident with its parties (which must exist), its call record and its response.
    func create(_ incident: Incident, call: CallDetails, response: IncidentResponse, createdBy userID: String, at: Date) async throws
    func call(incidentID: String) async throws -> CallDetails?
    /// The response with its grading decisions, oldest first.
    func response(incidentID: String) async throws -> IncidentResponse?
    /// Saves the changeable parts of a response (grade, pending request, flag, times).
    func updateResponse(_ response: IncidentResponse) async throws
    func addGradingDecision(_ decision: GradingDecision, incidentID: String, byUserID: String) async throws
    /// Responses that could be on the live queue: pending, flagged and unacknowledged, or not yet dispatched / arrived.
    func openResponses() async throws -> [IncidentResponse]
    /// Victims in incidents where any of these records was a suspect.
    func victims(ofSuspectRecords ids: [String]) async throws -> [String]
    /// Risk levels recorded for any of these records, newest first.
    func riskLevels(ofPeople ids: [String]) async throws -> [RiskLevelRecord]
    /// Adds a party (a child recorded at the scene) if they are not already on the incident in that role.
    func addParty(incidentID: String, personID: String, role: PartyRole) async throws
    /// Records whether the incident is a crime (the officer's decision at the scene).
    func setCrime(incidentID: String, isCrime: Bool) async throws
}

/// Accounts, sessions and API tokens.
public protocol UserRepository: Sendable {
    func create(_ user: User, passwordHash: String, at: Date) async throws
    func find(id: String) async throws -> User?
    func credentials(username: String) async throws -> StoredCredentials?
    func recordSignInResult(userID: String, failedAttempts: Int, lockedUntil: Date?) async throws
    func all() async throws -> [User]
    func setAvailability(userID: String, available: Bool) async throws
    func setSupervisor(userID: String, supervisorID: String?) async throws

    func createSession(digest: String, record: SessionRecord) async throws
    func session(digest: String) async throws -> SessionRecord?
    func touchSession(digest: String, at: Date) async throws
    func endSession(digest: String) async throws

    func createToken(_ token: APITokenRecord, digest: String) async throws
    func token(digest: String) async throws -> APITokenRecord?
    func revokeToken(id: String, at: Date) async throws -> Bool
    func tokens(userID: String) async throws -> [APITokenRecord]
}

/// The append-only, hash-chained audit log.
public protocol AuditRepository: Sendable {
    /// Appends an entry to the end of the chain (serialised against other writers).
    @discardableResult
    func append(_ entry: AuditEntry) async throws -> AuditEvent
    func recent(limit: Int) async throws -> [AuditEvent]
}
