import Foundation
import SafeguardDomain
import SafeguardStore
import SQLKit
import SafeguardSynthetic

/// The engines a store test runs on: SQLite always, PostgreSQL when `SAFEGUARD_TEST_POSTGRES_URL` is set.
public enum TestEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// SQLite, plus PostgreSQL when configured.
    public static var available: [TestEngine] {
        postgresBaseURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresBaseURL: String? {
        guard let url = ProcessInfo.processInfo.environment["SAFEGUARD_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }
}

/// 10:00 UTC on 22 November 2026: the fixed "now" of every test.
public let testNow = Date(timeIntervalSince1970: 1_795_341_600)

/// A fresh, migrated database of its own for one test, with the domain service over it.
public struct TestStore: Sendable {
    public let engine: TestEngine
    public let pool: DatabasePool
    public let service: SafeguardService
    public let clock: FixedClock
    /// Where the database is, so a test can open a second "server" on it.
    public let url: DatabaseURL
    private let cleanup: @Sendable () async throws -> Void

    /// Creates an empty database (a temp SQLite file, or a new PostgreSQL database) and migrates it.
    public static func make(_ engine: TestEngine, policy: ForcePolicy = TestStore.fastPolicy) async throws -> TestStore {
        let url: DatabaseURL
        let cleanup: @Sendable () async throws -> Void
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sg-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            url = .sqlite(path: directory.appendingPathComponent("test.sqlite").path)
            cleanup = { try? FileManager.default.removeItem(at: directory) }
        case .postgres:
            guard let base = TestEngine.postgresBaseURL else { throw DomainError.notFound(kind: "setting", id: "SAFEGUARD_TEST_POSTGRES_URL") }
            let name = "sg_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await DatabasePool(try DatabaseURL.parse(base), maxConnections: 1)
            try await admin.withConnection { db in try await db.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
            var components = URLComponents(string: base)!
            components.path = "/" + name
            url = .postgres(url: components.string!)
            cleanup = {
                try await admin.withConnection { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
                try await admin.shutdown()
            }
        }
        // Migrate on connections of their own: a SQLite connection that cached the schema before an ALTER TABLE can
        // hand back rows without the new column, so the store's pool opens only after the schema is final.
        let migrating = try await DatabasePool(url, maxConnections: 1)
        do {
            try await Migrator(pool: migrating).migrate(now: testNow)
        } catch {
            // A pool must be shut down before it goes, or AsyncKit stops the whole test run.
            try? await migrating.shutdown()
            throw error
        }
        try await migrating.shutdown()
        let pool = try await DatabasePool(url, maxConnections: 2)
        let clock = FixedClock(testNow)
        let service = SafeguardService(
            repositories: SQLRepositories(pool: pool, auditKeys: testAuditKeys), hasher: BcryptCredentialHasher(cost: policy.passwordHashCost), clock: clock,
            policy: policy)
        return TestStore(engine: engine, pool: pool, service: service, clock: clock, url: url, cleanup: cleanup)
    }

    /// bcrypt at its lowest cost: still real bcrypt, fast enough for many sign-ins in tests.
    public static var fastPolicy: ForcePolicy {
        var policy = ForcePolicy()
        policy.passwordHashCost = 4
        return policy
    }

    /// Another service over the same database with its own connections and this store's clock: a second server.
    public func secondService() async throws -> (service: SafeguardService, close: @Sendable () async throws -> Void) {
        let other = try await DatabasePool(url, maxConnections: 2)
        let service = SafeguardService(
            repositories: SQLRepositories(pool: other, auditKeys: testAuditKeys), hasher: BcryptCredentialHasher(cost: 4), clock: clock,
            policy: self.service.policy)
        return (service, { try await other.shutdown() })
    }

    /// Runs `body` on `servers` services at once, as several servers would: on PostgreSQL each has its own connections
    /// to this database; SQLite is one server's file, so there they share this store's pool (still concurrent runs).
    /// Every extra pool is closed, whatever happens, before the results (or the first error) are returned.
    public func concurrently<R: Sendable>(servers: Int, _ body: @escaping @Sendable (SafeguardService) async throws -> R) async throws -> [R] {
        var services: [SafeguardService] = []
        var closers: [@Sendable () async throws -> Void] = []
        for _ in 0..<servers {
            if engine == .postgres {
                let second = try await secondService()
                services.append(second.service)
                closers.append(second.close)
            } else {
                services.append(service)
            }
        }
        let results: Result<[R], any Error>
        do {
            results = .success(
                try await withThrowingTaskGroup(of: R.self) { group in
                    for service in services { group.addTask { try await body(service) } }
                    return try await group.reduce(into: [R]()) { $0.append($1) }
                })
        } catch {
            results = .failure(error)
        }
        for close in closers { try await close() }
        return try results.get()
    }

    /// The store's repositories, for tests that look below the domain's operations.
    public var repositories: SQLRepositories { SQLRepositories(pool: pool, auditKeys: testAuditKeys) }

    /// Closes connections and removes the database.
    public func close() async throws {
        try await pool.shutdown()
        try await cleanup()
    }

    /// Runs `body` with a fresh store and always cleans up.
    public static func with<R: Sendable>(_ engine: TestEngine, policy: ForcePolicy = TestStore.fastPolicy, _ body: (TestStore) async throws -> R) async throws
        -> R
    {
        let store = try await make(engine, policy: policy)
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Creates a user of `role` (password `<username>-password`) and returns the actor.
    @discardableResult
    public func actor(_ role: Role, username: String? = nil) async throws -> Actor {
        let name = username ?? role.rawValue.replacingOccurrences(of: "_", with: "")
        // A partner's account belongs to one agency (rule 23): tests' partners are the IDVA service's.
        let user = try await service.createUser(
            username: name, displayName: "Test \(role.title)", role: role, password: "\(name)-test-password", agency: role == .partnerAgency ? "idva" : nil)
        return Actor(user)
    }

    /// Runs one SQL statement directly (tests that tamper with rows).
    public func execute(_ sql: String) async throws {
        try await pool.withConnection { db in try await db.raw(SQLQueryString(sql)).run() }
    }

    /// One integer from a query (`SELECT COUNT(*) AS n …`).
    public func count(_ sql: String) async throws -> Int {
        try await pool.withConnection { db in
            try await db.raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int64.self)
        }.map(Int.init) ?? 0
    }
}

/// The audit key every test store signs with (a real HMAC key, made up for tests).
public let testAuditKeys = try! AuditKeyring(secrets: ["test-audit-key-not-for-any-real-force-0001"])
