import Foundation
import SafeguardDomain
import SQLKit

/// The domain's repositories over SQL, on SQLite or PostgreSQL alike.
public struct SQLRepositories: SafeguardRepositories {
    public let pool: DatabasePool
    /// Signs the audit chain; the keys live outside the database.
    public let auditKeys: any AuditSigner

    public init(pool: DatabasePool, auditKeys: any AuditSigner) {
        self.pool = pool
        self.auditKeys = auditKeys
    }

    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R) async throws -> R {
        let engine = pool.engine
        let signer = auditKeys
        return try await pool.transaction { db in
            let tx = SQLTransaction(db: db, engine: engine, signer: signer)
            let result = try await body(tx)
            try await tx.auditHead.flush(db, signer: signer)
            return result
        }
    }

    public func read<R: Sendable>(_ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R) async throws -> R {
        let engine = pool.engine
        let signer = auditKeys
        return try await pool.readTransaction { db in
            try await body(SQLTransaction(db: db, engine: engine, signer: signer))
        }
    }

    public func verifyAuditChain() async throws -> AuditVerification {
        try await pool.withConnection { db in try await SQLAuditRepository(db: db, engine: pool.engine, signer: auditKeys).verify() }
    }

    public func verifyAuditChainSinceCheckpoint() async throws -> AuditChainCheck {
        let signer = auditKeys
        let engine = pool.engine
        let check = try await pool.withConnection { db in try await SQLAuditRepository(db: db, engine: engine, signer: signer).verifyFromLatestCheckpoint() }
        if case .intact(let events) = check.verification, events > check.checkedFrom {
            try await pool.transaction { db in
                let audit = SQLAuditRepository(db: db, engine: engine, signer: signer)
                // The head may have moved on since the walk; the checkpoint names the event the walk reached.
                guard let row = try await db.raw("SELECT hash FROM audit_events WHERE sequence = \(bind: events)").first() else { return }
                try await audit.addCheckpoint(sequence: events, hash: try row.string("hash"), at: Date())
            }
        }
        return check
    }

    /// Brings a chain written before the audit key into the keyed chain, once: walks it with plain SHA-256 and, when
    /// it holds, signs the head and a checkpoint there, so those events verify as they were and no later event can be
    /// passed off as one of them. Returns the events adopted (0 when there was nothing to do); throws when the
    /// unkeyed chain is already broken, which must be looked into, not signed over.
    public func adoptUnkeyedAuditChain() async throws -> Int64 {
        let signer = auditKeys
        let engine = pool.engine
        return try await pool.transaction { db in
            let audit = SQLAuditRepository(db: db, engine: engine, signer: signer)
            _ = try await db.raw(SQLAuditRepository.lockHeadStatement(engine)).first()
            guard let head = try await audit.readHead(), head.mac == nil, head.sequence > 0 else { return 0 }
            // The events must hold and end where the (unsigned) head says; the head is what adoption signs.
            let walked = try await audit.walkEvents(from: (0, auditGenesisHash), unkeyedThrough: head.sequence)
            if case .broken(let at, let why) = walked.verification {
                throw DomainError.conflict("The audit chain written before the audit key is broken at event \(at): \(why). It was not signed over.")
            }
            guard walked.last.sequence == head.sequence, walked.last.hash == head.hash else {
                throw DomainError.conflict(
                    "The audit chain written before the audit key ends at event \(walked.last.sequence) but \(head.sequence) were written. It was not signed over."
                )
            }
            try await SQLAuditRepository.writeHead(db, AuditSeal.signed(.head, sequence: head.sequence, hash: head.hash, by: signer))
            try await audit.addCheckpoint(sequence: head.sequence, hash: head.hash, at: Date())
            return head.sequence
        }
    }

    public func ping() async throws {
        try await pool.withConnection { db in _ = try await db.raw("SELECT 1 AS ok").all() }
    }

    public func connectionUsage() -> ConnectionUsage { pool.usage }
}

/// The repositories bound to one open transaction.
struct SQLTransaction: RepositoryTransaction {
    let db: any SQLDatabase
    let engine: SQLEngine
    let signer: any AuditSigner
    /// The audit chain head this transaction has written, written back once before commit.
    let auditHead = AuditHead()
    var people: any PeopleRepository { SQLPeopleRepository(db: db) }
    var incidents: any IncidentRepository { SQLIncidentRepository(db: db) }
    var users: any UserRepository { SQLUserRepository(db: db) }
    var areas: any AreaRepository { SQLAreaRepository(db: db) }
    var staff: any StaffRepository { SQLStaffRepository(db: db) }
    var dedupe: any DedupeRepository { SQLDedupeRepository(db: db) }
    var imports: any PersonImportRepository { SQLPersonImportRepository(db: db) }
    var links: any RecordLinkRepository { SQLRecordLinkRepository(db: db) }
    var assessments: any RiskAssessmentRepository { SQLRiskAssessmentRepository(db: db) }
    var cases: any CaseRepository { SQLCaseRepository(db: db) }
    var tasks: any TaskRepository { SQLTaskRepository(db: db) }
    var scenes: any SceneRepository { SQLSceneRepository(db: db) }
    var custody: any CustodyRepository { SQLCustodyRepository(db: db) }
    var orders: any OrderRepository { SQLOrderRepository(db: db) }
    var triggers: any TriggerRepository { SQLTriggerRepository(db: db) }
    var contacts: any ContactRepository { SQLContactRepository(db: db) }
    var outcomes: any OutcomeRepository { SQLOutcomeRepository(db: db) }
    var history: any HistoryRepository { SQLHistoryRepository(db: db) }
    var warnings: any WarningRepository { SQLWarningRepository(db: db) }
    var households: any HouseholdRepository { SQLHouseholdRepository(db: db) }
    var marac: any MaracRepository { SQLMaracRepository(db: db) }
    var idva: any IdvaRepository { SQLIdvaRepository(db: db) }
    var shares: any ShareRepository { SQLShareRepository(db: db) }
    var perpetrators: any PerpetratorRepository { SQLPerpetratorRepository(db: db) }
    var neighbourhood: any NeighbourhoodRepository { SQLNeighbourhoodRepository(db: db) }
    var figures: any FiguresRepository { SQLFiguresRepository(db: db) }
    var disclosures: any DisclosureRepository { SQLDisclosureRepository(db: db) }
    var homicideReviews: any HomicideReviewRepository { SQLHomicideReviewRepository(db: db) }
    var surveys: any SurveyRepository { SQLSurveyRepository(db: db) }
    var referenceFigures: any ReferenceFiguresRepository { SQLReferenceFiguresRepository(db: db) }
    var quality: any QualityRepository { SQLQualityRepository(db: db) }
    var retention: any RetentionRepository { SQLRetentionRepository(db: db) }
    var informationRequests: any InformationRequestRepository { SQLInformationRequestRepository(db: db) }
    var audit: any AuditRepository { SQLAuditRepository(db: db, engine: engine, signer: signer, head: auditHead) }
}

/// Epoch seconds, as every timestamp column holds them.
extension Date {
    var epoch: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
    init(epoch: Int64) { self.init(timeIntervalSince1970: TimeInterval(epoch)) }
}

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int { Int(try decode(column: column, as: Int64.self)) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func bool(_ column: String) throws -> Bool { try decode(column: column, as: Bool.self) }
    func date(_ column: String) throws -> Date { Date(epoch: try int64(column)) }
    func optionalDate(_ column: String) throws -> Date? { try decode(column: column, as: Int64?.self).map(Date.init(epoch:)) }

    /// A column holding one of an enum's values. A value the code does not know is an error naming the table, the
    /// column and the value — never a guess: a level read as "standard", or a role as "sergeant", could hide a risk or
    /// open a door.
    func choice<E: RawRepresentable>(_ type: E.Type, _ column: String, in table: String) throws -> E where E.RawValue == String {
        let raw = try optionalString(column)
        guard let raw, let value = E(rawValue: raw) else { throw UnreadableValue(table: table, column: column, value: raw, type: "\(E.self)") }
        return value
    }
}

/// A trigger's source key as a SQL expression, spelt from the domain's one definition (`TriggerKeys`), each named
/// value given as the SQL expression that holds it in the query.
func sqlTriggerKey(_ parts: [TriggerKeyPart], _ values: [String: SQLQueryString]) -> SQLQueryString {
    let pieces: [SQLQueryString] = parts.map { part in
        switch part {
        case .text(let text): "\(bind: text)"
        case .value(let name): "CAST(\(values[name] ?? "''") AS TEXT)"
        }
    }
    return "(" + pieces.joined(separator: " || ") + ")"
}

/// A stored value the code cannot read as what its column holds.
public struct UnreadableValue: Error, CustomStringConvertible {
    public let table: String
    public let column: String
    public let value: String?
    public let type: String

    public var description: String {
        "\(table).\(column) holds \(value.map { "\"\($0)\"" } ?? "nothing"), which is not a \(type) this version of Safeguard knows."
    }
}
