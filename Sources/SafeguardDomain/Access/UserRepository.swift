import Foundation
import SafeguardMatching

/// Accounts, sessions and API tokens.
public protocol UserRepository: Sendable {
    func create(_ user: User, passwordHash: String, at: Date) async throws
    func find(id: String) async throws -> User?
    func credentials(username: String) async throws -> StoredCredentials?
    func recordSignInResult(userID: String, failedAttempts: Int, lockedUntil: Date?) async throws
    func all() async throws -> [User]
    func setAvailability(userID: String, available: Bool) async throws
    func setSupervisor(userID: String, supervisorID: String?) async throws

    func createSession(digest: String, record: SessionRecord) async throws
    func session(digest: String) async throws -> SessionRecord?
    func touchSession(digest: String, at: Date) async throws
    func endSession(digest: String) async throws

    func createToken(_ token: APITokenRecord, digest: String) async throws
    func token(digest: String) async throws -> APITokenRecord?
    func revokeToken(id: String, at: Date) async throws -> Bool
    func tokens(userID: String) async throws -> [APITokenRecord]
}
