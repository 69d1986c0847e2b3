import Foundation
import SafeguardDomain
import SQLKit

/// The audit chain head as this transaction last wrote it. The first append locks and reads the head row; later
/// appends in the same transaction (which still holds that lock) link to the cached head, and the head row is written
/// once, signed, just before commit (`flush`) — a write transaction that audits five things costs one head read and
/// one write.
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

    /// Writes the head row, with its signature, if this transaction appended anything.
    func flush(_ db: any SQLDatabase, signer: any AuditSigner) async throws {
        guard let written = lock.withLock({ dirty ? head : nil }) else { return }
        try await SQLAuditRepository.writeHead(db, AuditSeal.signed(.head, sequence: written.sequence, hash: written.hash, by: signer))
        lock.withLock { dirty = false }
    }
}

/// The audit chain in SQL. Appends lock the chain head so each event links to the one before it, however many
/// servers write at once; each link is signed with the current audit key.
struct SQLAuditRepository: AuditRepository {
    let db: any SQLDatabase
    let engine: SQLEngine
    let signer: any AuditSigner
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
        // Millisecond precision is what is stored, so sign what will be read back.
        var stored = entry
        stored.at = Date(timeIntervalSince1970: TimeInterval(Int64((entry.at.timeIntervalSince1970 * 1000).rounded())) / 1000)
        let keyID = signer.currentKeyID
        guard let hash = signer.mac(stored.chainInput(sequence: sequence, previousHash: previous, keyID: keyID), keyID: keyID) else {
            throw DomainError.conflict("The current audit key cannot sign.")
        }
        try await db.raw(
            """
            INSERT INTO audit_events (sequence, at_ms, user_id, username, role, action, record_type, record_id, reason, detail, previous_hash, hash, key_id)
            VALUES (\(bind: sequence), \(bind: Int64((stored.at.timeIntervalSince1970 * 1000).rounded())), \(bind: stored.userID), \(bind: stored.username),
              \(bind: stored.role), \(bind: stored.action.rawValue), \(bind: stored.recordType), \(bind: stored.recordID), \(bind: stored.reason),
              \(bind: stored.detail), \(bind: previous), \(bind: hash), \(bind: keyID))
            """
        ).run()
        head.advance(to: sequence, hash: hash)
        return AuditEvent(sequence: sequence, entry: stored, previousHash: previous, hash: hash, keyID: keyID)
    }

    /// PostgreSQL needs a row lock; SQLite's `BEGIN IMMEDIATE` already holds the only write lock.
    static func lockHeadStatement(_ engine: SQLEngine) -> SQLQueryString {
        switch engine {
        case .postgres: "SELECT sequence, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE"
        case .sqlite: "SELECT sequence, hash FROM audit_chain_head WHERE id = 1"
        }
    }

    static func writeHead(_ db: any SQLDatabase, _ seal: AuditSeal) async throws {
        try await db.raw(
            "UPDATE audit_chain_head SET sequence = \(bind: seal.sequence), hash = \(bind: seal.hash), key_id = \(bind: seal.keyID), mac = \(bind: seal.mac) WHERE id = 1"
        ).run()
    }

    func recent(limit: Int) async throws -> [AuditEvent] {
        try await db.raw("SELECT * FROM audit_events ORDER BY sequence DESC LIMIT \(unsafeRaw: String(max(1, min(limit, 1000))))").all().map(Self.event)
    }

    func search(_ filter: AuditFilter) async throws -> [AuditEvent] {
        var conditions: [SQLQueryString] = []
        if let records = filter.records {
            // No record at all: nothing can match (an empty IN list is not valid SQL everywhere).
            guard !records.isEmpty else { return [] }
            let pairs = records.map { ref -> SQLQueryString in "(record_type = \(bind: ref.type) AND record_id = \(bind: ref.id))" }
            conditions.append("(" + pairs.joined(separator: " OR ") + ")")
        }
        if let userID = filter.userID { conditions.append("user_id = \(bind: userID)") }
        if let action = filter.action { conditions.append("action = \(bind: action.rawValue)") }
        if let from = filter.fromMs { conditions.append("at_ms >= \(bind: from)") }
        if let to = filter.toMs { conditions.append("at_ms < \(bind: to)") }
        if let before = filter.beforeSequence { conditions.append("sequence < \(bind: before)") }
        let clause: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let limit = String(max(1, min(filter.limit, AuditQuery.maximumLimit + 1)))
        return try await db.raw("SELECT * FROM audit_events" + clause + " ORDER BY sequence DESC LIMIT \(unsafeRaw: limit)").all().map(Self.event)
    }

    // MARK: Verification

    static let page = 5_000

    /// Walks the chain from `start` in pages (it can hold millions of events) and reports the first broken link, then
    /// checks the signed head against where the walk ended.
    func walk(from start: (sequence: Int64, hash: String), unkeyedThrough: Int64, checkpoints: [AuditSeal] = []) async throws -> AuditVerification {
        let events = try await walkEvents(from: start, unkeyedThrough: unkeyedThrough, checkpoints: checkpoints)
        guard case .intact = events.verification else { return events.verification }
        return try await checkHead(endingAt: events.last)
    }

    /// The events alone, without the head: each link, and each checkpoint still describing the chain. `last` is where
    /// the walk ended.
    func walkEvents(from start: (sequence: Int64, hash: String), unkeyedThrough: Int64, checkpoints: [AuditSeal] = []) async throws
        -> (verification: AuditVerification, last: (sequence: Int64, hash: String))
    {
        var last = start
        var pending = checkpoints.filter { $0.sequence > start.sequence }.sorted { $0.sequence < $1.sequence }[...]
        while true {
            let rows = try await db.raw(
                "SELECT * FROM audit_events WHERE sequence > \(bind: last.sequence) ORDER BY sequence LIMIT \(unsafeRaw: String(Self.page))"
            ).all()
            let events = try rows.map(Self.event)
            let result = AuditVerification.check(events, startingAfter: last, unkeyedThrough: unkeyedThrough, signer: signer)
            if case .broken = result { return (result, last) }
            // Each checkpoint must still describe the chain: the event it names has the hash it signed.
            while let checkpoint = pending.first, let tail = events.last, checkpoint.sequence <= tail.sequence {
                let event = events.first { $0.sequence == checkpoint.sequence }
                if event?.hash != checkpoint.hash {
                    return (
                        .broken(atSequence: checkpoint.sequence, why: "it no longer matches the signed checkpoint made at event \(checkpoint.sequence)"), last
                    )
                }
                pending.removeFirst()
            }
            guard let tail = events.last else { break }
            last = (tail.sequence, tail.hash)
            if events.count < Self.page { break }
        }
        if let missing = pending.first {
            return (
                .broken(atSequence: last.sequence + 1, why: "the chain ends at event \(last.sequence) but a signed checkpoint names event \(missing.sequence)"),
                last
            )
        }
        return (.intact(events: last.sequence), last)
    }

    /// A deleted tail leaves the chain consistent but shorter than the head says; moving the head back needs a
    /// signature only the key can make.
    func checkHead(endingAt last: (sequence: Int64, hash: String)) async throws -> AuditVerification {
        guard let head = try await readHead() else { return .broken(atSequence: last.sequence + 1, why: "the chain head is missing") }
        if head.sequence != last.sequence || head.hash != last.hash {
            return .broken(atSequence: last.sequence + 1, why: "the chain ends at event \(last.sequence) but \(head.sequence) were written")
        }
        guard head.isValid(.head, signer: signer) else {
            return .broken(atSequence: head.sequence, why: "the chain head (event \(head.sequence)) is not signed with the audit key")
        }
        return .intact(events: last.sequence)
    }

    func readHead() async throws -> AuditSeal? {
        guard let row = try await db.raw("SELECT sequence, hash, key_id, mac FROM audit_chain_head WHERE id = 1").first() else { return nil }
        return AuditSeal(
            sequence: try row.int64("sequence"), hash: try row.string("hash"), keyID: try row.optionalString("key_id"), mac: try row.optionalString("mac"))
    }

    /// Every checkpoint, oldest first; a checkpoint whose signature fails is reported by the caller.
    func checkpoints() async throws -> [AuditSeal] {
        try await db.raw("SELECT sequence, hash, key_id, mac FROM audit_checkpoints ORDER BY sequence").all().map { row in
            AuditSeal(sequence: try row.int64("sequence"), hash: try row.string("hash"), keyID: try row.string("key_id"), mac: try row.string("mac"))
        }
    }

    /// The whole walk (`safeguard audit verify`): every event, every checkpoint, the head. Events before the first
    /// checkpoint may be unkeyed (a chain written before the key, adopted there); none after it may.
    func verify() async throws -> AuditVerification {
        let checkpoints = try await checkpoints()
        if let forged = checkpoints.first(where: { !$0.isValid(.checkpoint, signer: signer) }) {
            return .broken(atSequence: forged.sequence, why: "the checkpoint at event \(forged.sequence) is not signed with the audit key")
        }
        return try await walk(from: (0, auditGenesisHash), unkeyedThrough: checkpoints.first?.sequence ?? 0, checkpoints: checkpoints)
    }

    /// The auditor's check: from the latest checkpoint whose signature holds and whose event is unchanged, to the
    /// head. The caller signs a new checkpoint when it holds.
    func verifyFromLatestCheckpoint() async throws -> AuditChainCheck {
        let valid = try await checkpoints().filter { $0.isValid(.checkpoint, signer: signer) }
        for checkpoint in valid.reversed() {
            let row = try await db.raw("SELECT hash FROM audit_events WHERE sequence = \(bind: checkpoint.sequence)").first()
            guard try row?.string("hash") == checkpoint.hash else { continue }
            let result = try await walk(from: (checkpoint.sequence, checkpoint.hash), unkeyedThrough: checkpoint.sequence)
            return AuditChainCheck(verification: result, checkedFrom: checkpoint.sequence)
        }
        return AuditChainCheck(verification: try await walk(from: (0, auditGenesisHash), unkeyedThrough: valid.first?.sequence ?? 0), checkedFrom: 0)
    }

    /// Signs a checkpoint at `sequence` (already verified by the caller).
    func addCheckpoint(sequence: Int64, hash: String, at: Date) async throws {
        guard sequence > 0 else { return }
        let seal = AuditSeal.signed(.checkpoint, sequence: sequence, hash: hash, by: signer)
        try await db.raw(
            """
            INSERT INTO audit_checkpoints (sequence, hash, key_id, mac, at_ms)
            VALUES (\(bind: seal.sequence), \(bind: seal.hash), \(bind: seal.keyID), \(bind: seal.mac), \(bind: Int64(at.timeIntervalSince1970 * 1000)))
            ON CONFLICT (sequence) DO NOTHING
            """
        ).run()
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
        return AuditEvent(
            sequence: try row.int64("sequence"), entry: entry, previousHash: try row.string("previous_hash"), hash: try row.string("hash"),
            keyID: try row.optionalString("key_id"))
    }
}
