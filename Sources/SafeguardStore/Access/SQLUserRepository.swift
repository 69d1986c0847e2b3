import Foundation
import SafeguardDomain
import SQLKit

/// Accounts, sessions and API tokens in SQL. Secrets are stored only as digests.
struct SQLUserRepository: UserRepository {
    let db: any SQLDatabase

    func create(_ user: User, passwordHash: String, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO users (id, username, display_name, role, area_id, password_hash, failed_attempts, active, created_at, agency)
            VALUES (\(bind: user.id), \(bind: user.username), \(bind: user.displayName), \(bind: user.role.rawValue), \(bind: user.areaID),
              \(bind: passwordHash), 0, \(bind: user.active), \(bind: at.epoch), \(bind: user.agency?.rawValue))
            """
        ).run()
    }

    func find(id: String) async throws -> User? {
        try await db.raw("SELECT * FROM users WHERE id = \(bind: id)").first().map(Self.user)
    }

    func credentials(username: String) async throws -> StoredCredentials? {
        guard let row = try await db.raw("SELECT * FROM users WHERE username = \(bind: username)").first() else { return nil }
        return StoredCredentials(
            user: try Self.user(row), passwordHash: try row.string("password_hash"),
            failedAttempts: try row.int("failed_attempts"), lockedUntil: try row.optionalDate("locked_until"))
    }

    func recordSignInResult(userID: String, failedAttempts: Int, lockedUntil: Date?) async throws {
        try await db.raw("UPDATE users SET failed_attempts = \(bind: failedAttempts), locked_until = \(bind: lockedUntil?.epoch) WHERE id = \(bind: userID)")
            .run()
    }

    func all() async throws -> [User] {
        try await db.raw("SELECT * FROM users ORDER BY username").all().map(Self.user)
    }

    func setAvailability(userID: String, available: Bool) async throws {
        try await db.raw("UPDATE users SET available = \(bind: available) WHERE id = \(bind: userID)").run()
    }

    func setSupervisor(userID: String, supervisorID: String?) async throws {
        try await db.raw("UPDATE users SET supervisor_id = \(bind: supervisorID) WHERE id = \(bind: userID)").run()
    }

    func createSession(digest: String, record: SessionRecord) async throws {
        try await db.raw(
            """
            INSERT INTO sessions (digest, user_id, csrf_token, created_at, last_seen_at)
            VALUES (\(bind: digest), \(bind: record.userID), \(bind: record.csrfToken), \(bind: record.createdAt.epoch), \(bind: record.lastSeenAt.epoch))
            """
        ).run()
    }

    func session(digest: String) async throws -> SessionRecord? {
        guard let row = try await db.raw("SELECT * FROM sessions WHERE digest = \(bind: digest)").first() else { return nil }
        return SessionRecord(
            userID: try row.string("user_id"), csrfToken: try row.string("csrf_token"),
            createdAt: try row.date("created_at"), lastSeenAt: try row.date("last_seen_at"))
    }

    func touchSession(digest: String, at: Date) async throws {
        try await db.raw("UPDATE sessions SET last_seen_at = \(bind: at.epoch) WHERE digest = \(bind: digest)").run()
    }

    func endSession(digest: String) async throws {
        // Sessions are credentials, not records about people: ending one removes it.
        try await db.raw("DELETE FROM sessions WHERE digest = \(bind: digest)").run()
    }

    func createToken(_ token: APITokenRecord, digest: String) async throws {
        try await db.raw(
            """
            INSERT INTO api_tokens (id, user_id, digest, created_at, expires_at)
            VALUES (\(bind: token.id), \(bind: token.userID), \(bind: digest), \(bind: token.createdAt.epoch), \(bind: token.expiresAt.epoch))
            """
        ).run()
    }

    func token(digest: String) async throws -> APITokenRecord? {
        try await db.raw("SELECT * FROM api_tokens WHERE digest = \(bind: digest)").first().map(Self.token)
    }

    func revokeToken(id: String, at: Date) async throws -> Bool {
        try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: at.epoch) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id").first() != nil
    }

    func tokens(userID: String) async throws -> [APITokenRecord] {
        try await db.raw("SELECT * FROM api_tokens WHERE user_id = \(bind: userID) ORDER BY created_at").all().map(Self.token)
    }

    static func user(_ row: any SQLRow) throws -> User {
        User(
            id: try row.string("id"), username: try row.string("username"), displayName: try row.string("display_name"),
            role: try row.choice(Role.self, "role", in: "users"), areaID: try row.optionalString("area_id"), active: try row.bool("active"),
            supervisorID: try row.optionalString("supervisor_id"), available: try row.bool("available"),
            agency: try row.optionalString("agency") == nil ? nil : try row.choice(Agency.self, "agency", in: "users"))
    }

    static func token(_ row: any SQLRow) throws -> APITokenRecord {
        APITokenRecord(
            id: try row.string("id"), userID: try row.string("user_id"), createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"), revokedAt: try row.optionalDate("revoked_at"))
    }
}
