import Foundation

extension SafeguardService {
    /// The signed-in user's area, for their home page.
    public func area(of user: User) async throws -> Area? {
        guard let id = user.areaID else { return nil }
        return try await repositories.read { tx in try await tx.areas.find(id: id) }
    }

    /// Every account, for administrators.
    public func listUsers(_ actor: Actor) async throws -> [User] {
        try actor.require(.manageUsers)
        return try await repositories.read { tx in try await tx.users.all() }
    }

    // MARK: For the command line, run by whoever administers the server

    /// The account with this username, if any.
    public func account(username: String) async throws -> User? {
        try await repositories.read { tx in try await tx.users.credentials(username: username)?.user }
    }

    /// Every account.
    public func accounts() async throws -> [User] {
        try await repositories.read { tx in try await tx.users.all() }
    }

    /// Whether an area with this code exists.
    public func areaExists(code: String) async throws -> Bool {
        try await repositories.read { tx in try await tx.areas.find(code: code) != nil }
    }

    /// Whether the database answers (for `/health`).
    public func health() async throws { try await repositories.ping() }

    /// Every policing area, with the postcodes it covers.
    public func areas() async throws -> [Area] {
        try await repositories.read { tx in try await tx.areas.all() }
    }
}
