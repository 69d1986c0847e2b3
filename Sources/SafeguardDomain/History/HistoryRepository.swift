import Foundation

/// A staged line of history: its event and the file line it came from (for the report).
public struct StagedHistoryEvent: Sendable {
    public var event: HistoryEvent
    public var line: Int
    public init(event: HistoryEvent, line: Int) {
        self.event = event
        self.line = line
    }
}

/// An imported incident ready to write: its event, the records it names, and the case it joins.
public struct ImportedIncident: Sendable {
    public var id: String
    public var event: HistoryEvent
    public var victimPersonID: String
    public var suspectPersonID: String?
    public var caseID: String
}

/// A case the import opened or changed, with the records it needs.
public struct ImportedCase: Sendable {
    public var id: String
    /// Set for a case the walk opened (it is created); nil for one she already had (it is updated).
    public var reference: String?
    public var victimPersonID: String
    public var walked: HistoryCaseWalk.WalkedCase
}

/// Where the history import keeps its staged lines and writes what they make. Staging is idempotent on each line's
/// key; a staged line is applied once.
public protocol HistoryRepository: Sendable {
    /// Stages the events not staged before; returns how many were new.
    func stage(_ events: [StagedHistoryEvent]) async throws -> Int
    /// Victims (record ids) with unapplied incidents, levels or closures, after `after` in id order.
    func pendingVictims(after: String?, limit: Int) async throws -> [String]
    /// The unapplied incidents, levels and closures of these victims, with their file lines.
    func pendingEvents(victims: [String]) async throws -> [StagedHistoryEvent]
    /// Unapplied arrests and outcomes after `after` in key order.
    func pendingAttachments(after: String?, limit: Int) async throws -> [StagedHistoryEvent]
    /// Person ids of these record ids (source ids), where loaded.
    func personIDs(sourceIDs: [String]) async throws -> [String: String]
    /// Each person's latest case, where they have one.
    func latestCases(personIDs: [String]) async throws -> [String: HistoryCaseWalk.Start]
    /// Incident ids and suspects of these imported refs.
    func incidents(refs: [String]) async throws -> [String: (id: String, suspectPersonID: String?)]
    /// Writes the incidents and cases: cases owned by `owner` (open ones flagged for reallocation when `awaitingOwner`).
    func write(incidents: [ImportedIncident], cases: [ImportedCase], owner: User, awaitingOwner: Bool, at: Date) async throws
    /// Writes arrests and outcomes, recorded by `recorder`.
    func writeAttachments(arrests: [(incidentID: String, suspectPersonID: String, at: Date)], outcomes: [CrimeOutcome], recorder: User, at: Date)
        async throws
    /// The id of the place this address is, written now if no place has its key (an imported warning's address).
    func place(line1: String, postcode: String, at: Date) async throws -> String
    /// Marks lines applied; those in `problems` are kept with why they could not apply.
    func markApplied(keys: [String], problems: [String: String]) async throws
    /// The account by `template`'s username, created as `template` (with no usable password) on first use.
    func importAccount(like template: User, at: Date) async throws -> User
}

/// The account that records what the history import writes and owns, flagged for reallocation, the open cases it
/// brings in until a supervisor gives each an owner. It never signs in (no password, not active) and is never given
/// new work (away), so allocation and escalation pass it by.
public enum HistoryImportAccount {
    public static let username = "legacy-import"
    static func template(at now: Date) -> User {
        User(
            id: SafeguardService.newID(at: now), username: username, displayName: "Awaiting an owner (imported history)", role: .daSpecialist,
            active: false, available: false)
    }
}
