import Foundation
import SafeguardMatching
import SQLKit

/// Applies numbered migrations in order, recording each in `schema_migrations`, each in its own transaction.
public struct Migrator: Sendable {
    public let pool: DatabasePool
    public let migrations: [Migration]

    public init(pool: DatabasePool, migrations: [Migration] = allMigrations) {
        self.pool = pool
        self.migrations = migrations
    }

    /// Migrations not yet applied, in order.
    public func pending() async throws -> [Migration] {
        let applied = try await appliedVersions()
        return migrations.filter { !applied.contains($0.version) }
    }

    /// Applies every pending migration; returns what was applied. Rebuilding the matching index can take minutes on
    /// a large force (about 8 minutes for 1,000,000 records), so `indexRebuild` hears how many of how many records
    /// are done, to show the person at the terminal that it is working.
    @discardableResult
    public func migrate(now: Date = Date(), indexRebuild: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> [Migration] {
        try await ensureTable()
        var done: [Migration] = []
        for migration in try await pending() {
            let engine = pool.engine
            try await pool.transaction { db in
                for statement in migration.statements(engine) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Int64(now.timeIntervalSince1970)))"
                ).run()
            }
            done.append(migration)
        }
        try await pool.keyAddresses()
        // The matching index arrived with migration 5 and its compact records with 9: records already in the
        // database need both. Later, an index built with other given-name groups or keys is rebuilt too: its keys
        // no longer meet a caller's (a "Flo" filed before Flo joined Florence's group would not be found).
        let current = BlockingKeys.indexFingerprint
        let built = try await pool.matchIndexFingerprint()
        let newlyIndexed = done.contains { $0.version == 5 || $0.version == 9 }
        guard newlyIndexed || built != current else { return done }
        let total = try await pool.peopleCount()
        if total > 0 {
            indexRebuild?(0, total)
            try await pool.rebuildMatchIndex { done in indexRebuild?(done, total) }  // records the fingerprint when done
        } else {
            try await pool.recordMatchIndexFingerprint()  // nobody filed yet (a new database): nothing to rebuild or report
        }
        return done
    }

    private func ensureTable() async throws {
        try await pool.withConnection { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)").run()
        }
    }

    private func appliedVersions() async throws -> Set<Int> {
        try await ensureTable()
        return try await pool.withConnection { db in
            let rows = try await db.raw("SELECT version FROM schema_migrations").all()
            return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
        }
    }
}
