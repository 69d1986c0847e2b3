import Foundation
@preconcurrency import AsyncKit
import Logging
import NIOConcurrencyHelpers
import SafeguardDomain
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The SQL engine in use. Where the dialects differ, code switches on this in a clearly named function.
public enum SQLEngine: String, Sendable {
    case sqlite, postgres
}

/// A pool of connections to either engine, handing out one connection per unit of work.
public final class DatabasePool: Sendable {
    private enum Pools: Sendable {
        /// Readers share the pool; every write goes through the one writer.
        case sqlite(EventLoopGroupConnectionPool<SQLiteFileSource>, SQLiteWriter)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    public let engine: SQLEngine
    private let pools: Pools
    private let logger: Logger
    /// Work holding a connection and work queued for one, counted here because the pool does not say.
    private let counts = NIOLockedValueBox((inUse: 0, waiting: 0))
    /// How many connections the pool may open: `maxConnections` on each event loop (and SQLite's one writer).
    private let capacity: Int

    /// The pool's use at this moment (for `/metrics`).
    public var usage: ConnectionUsage {
        let now = counts.withLockedValue { $0 }
        return ConnectionUsage(inUse: now.inUse, waiting: now.waiting, capacity: capacity)
    }

    /// Counts `body` as waiting until `connect` returns, then as in use until it ends.
    private func counted<C, R>(_ connect: () async throws -> C, _ body: (C) async throws -> R) async throws -> R {
        counts.withLockedValue { $0.waiting += 1 }
        let connection: C
        do {
            connection = try await connect()
        } catch {
            counts.withLockedValue { $0.waiting -= 1 }
            throw error
        }
        counts.withLockedValue {
            $0.waiting -= 1
            $0.inUse += 1
        }
        defer { counts.withLockedValue { $0.inUse -= 1 } }
        return try await body(connection)
    }

    /// Opens (creating if needed) the database the URL names. SQLite files are put in WAL mode. `memoryMapped` reads
    /// SQLite through a shared memory map (a server's many reads); a one-off load (an import) turns it off, as it
    /// writes far more than it reads and the mapped pages would only count against its memory.
    public init(_ url: DatabaseURL, logger: Logger = Logger(label: "safeguard.db"), maxConnections: Int = 4, memoryMapped: Bool = true) async throws {
        self.logger = logger
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator()).count
        if case .sqlite = url { capacity = maxConnections * loops + 1 } else { capacity = maxConnections * loops }
        switch url {
        case .sqlite(let path):
            engine = .sqlite
            let source = SQLiteFileSource(path: path, threadPool: .singleton, memoryMapped: memoryMapped)
            let readers = EventLoopGroupConnectionPool(
                source: source, maxConnectionsPerEventLoop: maxConnections, pruneInterval: nil, logger: logger, on: MultiThreadedEventLoopGroup.singleton)
            // WAL lets readers carry on while one writer writes; it is a property of the file, so set it once.
            do {
                let connection = try await readers.requestConnection(logger: logger).get()
                defer { readers.releaseConnection(connection, logger: logger) }
                _ = try await connection.query("PRAGMA journal_mode = WAL")
                pools = .sqlite(readers, try await SQLiteWriter.open(path: path, logger: logger, memoryMapped: memoryMapped))
            } catch {
                try? await readers.shutdownAsync()
                throw error
            }
        case .postgres(let text):
            engine = .postgres
            var configuration = try SQLPostgresConfiguration(url: text)
            if !text.contains("sslmode=") && !text.contains("tlsmode=") {
                // Loopback servers (tests, CI) have no TLS; "prefer" would still try a handshake first.
                configuration.coreConfiguration.tls = .disable
            }
            pools = .postgres(
                EventLoopGroupConnectionPool(
                    source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: maxConnections, pruneInterval: nil,
                    logger: logger, on: MultiThreadedEventLoopGroup.singleton))
        }
    }

    /// `SAFEGUARD_SQL_LOG_LEVEL` (e.g. debug) logs every statement, for finding out what a request costs.
    private static let queryLogLevel = ProcessInfo.processInfo.environment["SAFEGUARD_SQL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))

    /// Runs `body` on one connection held for its whole duration.
    public func withConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch pools {
        case .sqlite(let pool, _):
            return try await counted({ try await pool.requestConnection(logger: logger).get() }) { connection in
                defer { pool.releaseConnection(connection, logger: logger) }
                return try await withTaskExecutorPreference(EventLoopTaskExecutor(connection.eventLoop)) {
                    try await body(connection.sql(queryLogLevel: Self.queryLogLevel))
                }
            }
        case .postgres(let pool):
            return try await counted({ try await pool.requestConnection(logger: logger).get() }) { connection in
                defer { pool.releaseConnection(connection, logger: logger) }
                return try await body(connection.sql(queryLogLevel: Self.queryLogLevel))
            }
        }
    }

    /// Runs `body` inside a transaction on one connection: committed if it returns, rolled back if it throws.
    /// On SQLite that connection is the writer's, taken in turn.
    public func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        guard case .sqlite(_, let writer) = pools else { return try await withConnection { db in try await Self.inTransaction(db, begin: "BEGIN", body) } }
        // Waiting for the writer's turn counts as waiting for a connection; holding it, as one in use.
        counts.withLockedValue { $0.waiting += 1 }
        let started = NIOLockedValueBox(false)
        defer { if !started.withLockedValue({ $0 }) { counts.withLockedValue { $0.waiting -= 1 } } }
        return try await writer.exclusive { connection in
            started.withLockedValue { $0 = true }
            counts.withLockedValue {
                $0.waiting -= 1
                $0.inUse += 1
            }
            defer { counts.withLockedValue { $0.inUse -= 1 } }
            return try await Self.inTransaction(connection.sql(queryLogLevel: Self.queryLogLevel), begin: "BEGIN IMMEDIATE", body)
        }
    }

    /// A read-only transaction: one snapshot, no writer lock. PostgreSQL refuses any write in it; on SQLite a deferred
    /// BEGIN takes only a read snapshot, so it never waits for (or blocks) the writer.
    public func readTransaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        guard engine == .sqlite else { return try await withConnection { db in try await Self.inTransaction(db, begin: "BEGIN READ ONLY", body) } }
        // SQLite would quietly upgrade a deferred transaction to a write, outside the writer queue; query_only makes a
        // write here fail as it does on PostgreSQL, so a mistake shows in the SQLite tests too. Tests run debug builds:
        // a release build skips the two extra statements, which every request's reads would otherwise pay.
        #if DEBUG
            let guardReads = true
        #else
            let guardReads = false
        #endif
        return try await withConnection { db in
            if guardReads { try await db.raw("PRAGMA query_only = 1").run() }
            do {
                try await db.raw("BEGIN DEFERRED").run()
                let result: R
                do {
                    result = try await body(db)
                    try await db.raw("COMMIT").run()
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
                if guardReads { try await db.raw("PRAGMA query_only = 0").run() }
                return result
            } catch {
                if guardReads { try? await db.raw("PRAGMA query_only = 0").run() }
                throw error
            }
        }
    }

    /// BEGIN, `body`, then COMMIT, or ROLLBACK if it throws. (SQLite's writer begins IMMEDIATE: a deferred BEGIN takes
    /// the write lock late, so two writers could deadlock.)
    private static func inTransaction<R: Sendable>(_ db: any SQLDatabase, begin: String, _ body: @Sendable (any SQLDatabase) async throws -> R) async throws
        -> R
    {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Runs `body` in a transaction on a connection suited to bulk loading (see `BulkInsert`).
    public func bulkTransaction(_ body: @Sendable (BulkConnection) async throws -> Void) async throws {
        switch pools {
        case .postgres(let pool):
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            try await connection.query("BEGIN", logger: logger)
            do {
                try await body(.postgres(connection))
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        case .sqlite(_, let writer):
            try await writer.exclusive(onWriterThread: false) { connection in
                // Bulk loads insert keys all over the blocking-key index; once it outgrows the page cache every
                // insert reads a page back from disk. A big cache while loading keeps the index in memory.
                _ = try await connection.query("PRAGMA cache_size = -524288")
                _ = try await connection.query("BEGIN IMMEDIATE")
                do {
                    try await body(.sqlite(connection))
                    _ = try await connection.query("COMMIT")
                } catch {
                    _ = try? await connection.query("ROLLBACK")
                    _ = try? await connection.query(SQLiteFileSource.cacheSize)
                    throw error
                }
                _ = try await connection.query(SQLiteFileSource.cacheSize)
            }
        }
    }

    /// Closes every connection.
    public func shutdown() async throws {
        switch pools {
        case .sqlite(let pool, let writer):
            try await pool.shutdownAsync()
            try await writer.close()
        case .postgres(let pool): try await pool.shutdownAsync()
        }
    }
}

/// A connection for bulk loads, as each engine's own driver: SQLite takes bound values directly,
/// PostgreSQL takes `COPY … FROM STDIN`.
public enum BulkConnection: Sendable {
    case sqlite(SQLiteConnection)
    case postgres(PostgresConnection)
}

/// Opens SQLite file connections with the settings every connection needs (foreign keys, a busy wait).
struct SQLiteFileSource: ConnectionPoolSource {
    let path: String
    /// The threads that run the connection's statements.
    let threadPool: NIOThreadPool
    var memoryMapped = true

    /// Random (UUID) keys touch pages all over each index; the 2 MB default cache thrashes on a force's data.
    static let cacheSize = "PRAGMA cache_size = -65536"
    /// 384 MB for a one-off import, which stays well under its 1 GB budget.
    static let loadCacheSize = "PRAGMA cache_size = -393216"

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA foreign_keys = ON")
                .flatMap { _ in connection.query("PRAGMA busy_timeout = 15000") }
                .flatMap { _ in connection.query("PRAGMA synchronous = NORMAL") }
                // A one-off load (not memory-mapped) keeps its indexes in a larger cache: a million people's blocking
                // keys and names outgrow 64 MB, and every insert then reads a page back from disk.
                .flatMap { _ in connection.query(memoryMapped ? Self.cacheSize : Self.loadCacheSize) }
                // Multi-row and ON CONFLICT statements keep a statement journal; on disk it was a third of a bulk
                // load's time in the kernel. In memory it costs a few pages per statement.
                .flatMap { _ in connection.query("PRAGMA temp_store = MEMORY") }
                // A one-off load checkpoints the log less often: index pages it changes again and again are copied back
                // once per 64 MB of log rather than once per 4 MB.
                .flatMap { _ in connection.query("PRAGMA wal_autocheckpoint = \(memoryMapped ? 1000 : 16000)") }
                // Reads through a shared memory map instead of copying each page into every connection's own cache:
                // as the file outgrows the caches, copying pages in is where a busy server's time went.
                .flatMap { _ in connection.query("PRAGMA mmap_size = \(memoryMapped ? 1_073_741_824 : 0)") }
                .map { _ in connection }
        }
    }
}
