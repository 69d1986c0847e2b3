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
}
