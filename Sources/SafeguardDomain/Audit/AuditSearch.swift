import Foundation

/// What professional standards ask of the access log: who looked at whose record, when and why (rule 33). Every
/// field is optional; those given must all hold. Days are London days, `to` exclusive, as the figures take them.
public struct AuditQuery: Sendable, Equatable {
    /// Events about this person: her record, records confirmed to be her, her incidents, the cases and tasks that
    /// hold them, and orders naming her.
    public var personID: String?
    /// Events by this account.
    public var username: String?
    public var action: String?
    public var from: String?
    public var to: String?
    /// The next page: events written before this sequence number (the last page's `next_before`).
    public var before: Int64?
    public var limit: Int?

    public init(
        personID: String? = nil, username: String? = nil, action: String? = nil, from: String? = nil, to: String? = nil, before: Int64? = nil,
        limit: Int? = nil
    ) {
        self.personID = personID
        self.username = username
        self.action = action
        self.from = from
        self.to = to
        self.before = before
        self.limit = limit
    }

    public static let defaultLimit = 100
    public static let maximumLimit = 1_000
    /// The most one export holds; an export that reaches it says where to carry on.
    public static let exportLimit = 100_000
}

/// A checked query as the store runs it: the records a person search covers, the account's id, times in ms.
public struct AuditFilter: Sendable, Equatable {
    public struct RecordRef: Sendable, Hashable {
        public var type: String
        public var id: String
        public init(_ type: String, _ id: String) {
            self.type = type
            self.id = id
        }
    }
    /// nil: any record; otherwise only events about one of these.
    public var records: [RecordRef]?
    public var userID: String?
    public var action: AuditAction?
    public var fromMs: Int64?
    public var toMs: Int64?
    public var beforeSequence: Int64?
    public var limit: Int

    public init(
        records: [RecordRef]? = nil, userID: String? = nil, action: AuditAction? = nil, fromMs: Int64? = nil, toMs: Int64? = nil,
        beforeSequence: Int64? = nil, limit: Int = AuditQuery.defaultLimit
    ) {
        self.records = records
        self.userID = userID
        self.action = action
        self.fromMs = fromMs
        self.toMs = toMs
        self.beforeSequence = beforeSequence
        self.limit = limit
    }
}

/// A page of the access log, newest first.
public struct AuditSearchResult: Sendable {
    public var events: [AuditEvent]
    /// Pass as `before` for the next (older) page; nil when this is the last.
    public var nextBefore: Int64?
    public init(events: [AuditEvent], nextBefore: Int64?) {
        self.events = events
        self.nextBefore = nextBefore
    }
}

/// The auditor's view of the chain: checked from the latest signed checkpoint (not all ten million rows on every
/// page load); `safeguard audit verify` walks all of it.
public struct AuditChainCheck: Sendable, Equatable {
    public var verification: AuditVerification
    /// The checkpoint the walk started from (0: the start of the chain).
    public var checkedFrom: Int64
    public init(verification: AuditVerification, checkedFrom: Int64) {
        self.verification = verification
        self.checkedFrom = checkedFrom
    }
}

extension AuditEvent {
    /// One line of the access log export.
    public static let csvHeader = ["sequence", "at", "username", "role", "action", "record_type", "record_id", "reason"]

    /// Events as a CSV file (the access log export, page and command line alike).
    public static func csv(_ events: [AuditEvent]) -> String {
        ([csvHeader] + events.map(\.csvRow)).map { $0.map(CSVText.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    public var csvRow: [String] {
        [
            String(sequence), entry.at.formatted(.iso8601), entry.username ?? "", entry.role ?? "", entry.action.rawValue, entry.recordType ?? "",
            entry.recordID ?? "", entry.reason ?? ""
        ]
    }
}
