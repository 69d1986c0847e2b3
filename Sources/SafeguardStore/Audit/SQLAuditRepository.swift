import Foundation
import SafeguardDomain
import SQLKit

/// The audit chain head as this transaction last wrote it. The first append locks and reads the head row; later
/// appends in the same transaction (which still holds that lock) link to the cached head, and the head row is written
/// once, just before commit (`flush`) — a write transaction that audits five things costs one head read and one write.
final class AuditHead: @unchecked Sendable {
    private let lock = NSLock()
    private var head: (sequence: Int64, hash: String)?
    private var dirty = false

    var current: (sequence: Int64, hash: String)? { lock.withLock { head } }

    func advance(to sequence: Int64, hash: String) {
        lock.withLock {
            head = (sequence, hash); dirty = true
        }
    }

    /// Writes the head row if this transaction appended anything.
    func flush(_ db: any SQLDatabase) async throws {
        guard let written = lock.withLock({ dirty ? head : nil }) else { return }
        try await db.raw("UPDATE audit_chain_head SET sequence = \(bind: written.sequence), hash = \(bind: written.hash) WHERE id = 1").run()
        lock.withLock { dirty = false }
    }
}

/// The audit chain in SQL. Appends lock the chain head so each event links to the one before it,
/// however many servers write at once.
struct SQLAuditRepository: AuditRepository {
    let db: any SQLDatabase
    let engine: SQLEngine
    /// Shared by every append in one transaction; a repository outside a transaction gets its own.
    var head = AuditHead()

    @discardableResult
    func append(_ entry: AuditEntry) async throws -> AuditEvent {
        var latest = head.current
        if latest == nil {
            guard let row = try await db.raw(Self.lockHeadStatement(engine)).first() else {
                throw DomainError.conflict("The audit chain head is missing; run `safeguard migrate`.")
            }
            latest = (try row.int64("sequence"), try row.string("hash"))
        }
        let sequence = latest!.sequence + 1
        let previous = latest!.hash
        // Millisecond precision is what is stored, so hash what will be read back.
        var stored = entry
        stored.at = Date(timeIntervalSince1970: TimeInterval(Int64((entry.at.timeIntervalSince1970 * 1000).rounded())) / 1000)
        let hash = sha256Hex(stored.chainInput(sequence: sequence, previousHash: previous))
        try await db.raw(
            """
            INSERT INTO audit_events (sequence, at_ms, user_id, username, role, action, record_type, record_id, reason, detail, previous_hash, hash)
            VALUES (\(bind: sequence), \(bind: Int64((stored.at.timeIntervalSince1970 * 1000).rounded())), \(bind: stored.userID), \(bind: stored.username),
              \(bind: stored.role), \(bind: stored.action.rawValue), \(bind: stored.recordType), \(bind: stored.recordID), \(bind: stored.reason),
              \(bind: stored.detail), \(bind: previous), \(bind: hash))
            """
        ).run()
        head.advance(to: sequence, hash: hash)
        return AuditEvent(sequence: sequence, entry: stored, previousHash: previous, hash: hash)
    }

    /// PostgreSQL needs a row lock; SQLite's `BEGIN IMMEDIATE` already holds the only write lock.
    static func lockHeadStatement(_ engine: SQLEngine) -> SQLQueryString {
        switch engine {
        case .postgres: "SELECT sequence, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE"
        case .sqlite: "SELECT sequence, hash FROM audit_chain_head WHERE id = 1"
        }
    }

    func recent(limit: Int) async throws -> [AuditEvent] {
        try await db.raw("SELECT * FROM audit_events ORDER BY sequence DESC LIMIT \(unsafeRaw: String(max(1, min(limit, 1000))))").all().map(Self.event)
    }

    /// Walks the chain in pages (it can hold millions of events) and reports the first broken link.
    func verify() async throws -> AuditVerification {
        var last: (sequence: Int64, hash: String) = (0, auditGenesisHash)
        let page = 5_000
        while true {
            let rows = try await db.raw("SELECT * FROM audit_events WHERE sequence > \(bind: last.sequence) ORDER BY sequence LIMIT \(unsafeRaw: String(page))")
                .all()
            let events = try rows.map(Self.event)
            let result = AuditVerification.check(events, startingAfter: last, hash: sha256Hex)
            if case .broken = result { return result }
            guard let tail = events.last else { break }
            last = (tail.sequence, tail.hash)
            if events.count < page { break }
        }
        // A deleted tail leaves the chain consistent but shorter than the head says.
        if let head = try await db.raw("SELECT sequence, hash FROM audit_chain_head WHERE id = 1").first() {
            let headSequence = try head.int64("sequence")
            let headHash = try head.string("hash")
            if headSequence != last.sequence || headHash != last.hash {
                return .broken(atSequence: last.sequence + 1, why: "the chain ends at event \(last.sequence) but \(headSequence) were written")
            }
        }
        return .intact(events: last.sequence)
    }

    static func event(_ row: any SQLRow) throws -> AuditEvent {
        var entry = AuditEntry(
            at: Date(timeIntervalSince1970: TimeInterval(try row.int64("at_ms")) / 1000), user: nil,
            action: AuditAction(rawValue: try row.string("action")) ?? .viewPerson,
            recordType: try row.optionalString("record_type"), recordID: try row.optionalString("record_id"),
            reason: try row.optionalString("reason"), detail: try row.optionalString("detail"))
        entry.userID = try row.optionalString("user_id")
        entry.username = try row.optionalString("username")
        entry.role = try row.optionalString("role")
        // An action name the code no longer knows must still break the chain if it was tampered with.
        if AuditAction(rawValue: try row.string("action")) == nil { entry.detail = (entry.detail ?? "") + "\u{0}unknown-action:" + (try row.string("action")) }
        return AuditEvent(sequence: try row.int64("sequence"), entry: entry, previousHash: try row.string("previous_hash"), hash: try row.string("hash"))
    }
}
