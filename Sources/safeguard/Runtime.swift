import Foundation
import Logging
import SafeguardDomain
import SafeguardStore

/// What every subcommand opens: the database (migrated), the policy, and the domain service over them.
struct Runtime {
    let pool: DatabasePool
    let service: SafeguardService
    let url: DatabaseURL
    let logger: Logger
    let auditKeys: AuditKeyring

    /// Opens the database named by the environment. `migrate` decides whether pending migrations run first.
    /// `clock` is the wall clock except for a bench that replays a year in minutes.
    static func open(
        policyFile: String?, migrate: Bool = true, url explicitURL: DatabaseURL? = nil,
        clock: any SafeguardClock = SystemClock(), batch: Bool = false
    ) async throws -> Runtime {
        bootstrapLogging()
        let logger = Logger(label: "safeguard")
        var policy = ForcePolicy()
        if let policyFile { policy = try ForcePolicy.load(from: URL(fileURLWithPath: policyFile)) }
        // Tests and demos may lower the bcrypt cost to stay fast; it is still real bcrypt.
        if let cost = ProcessInfo.processInfo.environment["SAFEGUARD_PASSWORD_HASH_COST"].flatMap(Int.init) {
            policy.passwordHashCost = cost
            try policy.validate()
        }
        let url = try explicitURL ?? DatabaseURL.fromEnvironment()
        if migrate {
            // Migrations run on connections of their own, closed before the server's pool opens: a SQLite connection
            // that cached the schema before an ALTER TABLE can return rows without the new column.
            let migrating = try await DatabasePool(url, logger: logger, maxConnections: 1)
            let applied = try await Migrator(pool: migrating).migrate(indexRebuild: indexRebuildProgress(logger))
            try await migrating.shutdown()
            if !applied.isEmpty { logger.info("migrated", metadata: ["applied": .string(applied.map { String($0.version) }.joined(separator: ","))]) }
        }
        let keys = try auditKeys(for: url, logger: logger)
        let pool = try await DatabasePool(url, logger: logger, memoryMapped: !batch)
        let repositories = SQLRepositories(pool: pool, auditKeys: keys)
        if migrate {
            let adopted = try await repositories.adoptUnkeyedAuditChain()
            if adopted > 0 { logger.notice("audit chain signed with the audit key", metadata: ["events_before_key": .stringConvertible(adopted)]) }
        }
        let service = SafeguardService(
            repositories: repositories, hasher: BcryptCredentialHasher(cost: policy.passwordHashCost),
            clock: clock, policy: policy)
        return Runtime(pool: pool, service: service, url: url, logger: logger, auditKeys: keys)
    }

    /// The audit chain's keys (`SAFEGUARD_AUDIT_KEY` or `SAFEGUARD_AUDIT_KEY_FILE`). Without either, a key file beside
    /// the SQLite database (or in the working directory, for PostgreSQL), made on first use and said so: several
    /// servers on one PostgreSQL must share one key file (docs/operations.md).
    static func auditKeys(for url: DatabaseURL, logger: Logger) throws -> AuditKeyring {
        let fallback =
            switch url {
            case .sqlite(let path): path + ".audit-key"
            case .postgres: FileManager.default.currentDirectoryPath + "/safeguard.audit-key"
            }
        let found = try AuditKeyring.fromEnvironment(fallbackFile: fallback)
        if found.created {
            logger.notice(
                "made a new audit key file; keep it apart from the database and its backups (docs/operations.md)",
                metadata: ["file": .string(found.source)])
        }
        return found.keyring
    }

    func close() async throws { try await pool.shutdown() }

    /// The store's repositories, for tooling that works below the domain on synthetic or bulk data (benches, the
    /// clean-up's progress count). Pages, API and the other commands go through `service`.
    var store: SQLRepositories { SQLRepositories(pool: pool, auditKeys: auditKeys) }

    /// Shows the matching index being rebuilt after an upgrade (minutes on a large force, with nothing else to see):
    /// a log line when it starts and when it ends, a progress bar between.
    static func indexRebuildProgress(_ logger: Logger) -> @Sendable (_ done: Int, _ total: Int) -> Void {
        { done, total in
            if done == 0 {
                logger.info("rebuilding the matching index", metadata: ["records": .stringConvertible(total)])
                return
            }
            Progress.bar(done, of: total, label: "records indexed")
            if done >= total {
                FileHandle.standardError.write(Data("\n".utf8))
                logger.info("matching index rebuilt", metadata: ["records": .stringConvertible(done)])
            }
        }
    }

    /// Logs to standard error at `SAFEGUARD_LOG_LEVEL` (default info). Safe to call more than once.
    private static let bootstrapOnce: Void = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["SAFEGUARD_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
    }()

    static func bootstrapLogging() { _ = bootstrapOnce }
}

/// Messages for the person at the terminal, and a failure exit with the domain's words.
enum Terminal {
    static func fail(_ error: any Error) -> Never {
        let message = (error as? DomainError)?.message ?? String(describing: error)
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(1)
    }
}
