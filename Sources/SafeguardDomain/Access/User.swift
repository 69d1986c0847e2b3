import Foundation

/// A person who signs in to Safeguard.
public struct User: Sendable, Equatable, Codable {
    public var id: String
    public var username: String
    public var displayName: String
    public var role: Role
    public var areaID: String?
    public var active: Bool
    /// The person this user's late work escalates to and whose queue their cases go to when they are away (rule 20).
    public var supervisorID: String?
    /// False while the user is away (leave, sickness, a course): nothing new is given to them, and what they own moves on.
    public var available: Bool

    public init(
        id: String, username: String, displayName: String, role: Role, areaID: String? = nil, active: Bool = true,
        supervisorID: String? = nil, available: Bool = true
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.areaID = areaID
        self.active = active
        self.supervisorID = supervisorID
        self.available = available
    }

    /// Can be given work now.
    public var canTakeWork: Bool { active && available }
}

/// The signed-in user on whose behalf a request runs; every audited action names one.
public struct Actor: Sendable, Equatable {
    public let user: User
    public init(_ user: User) { self.user = user }

    public var role: Role { user.role }

    /// Throws `forbidden` unless the role has `permission`.
    public func require(_ permission: Permission) throws {
        guard user.role.can(permission) else {
            throw DomainError.forbidden("A \(user.role.title.lowercased()) may not do this (needs \(permission.rawValue)).")
        }
    }
}

/// A policing area (a division or district) that users and records belong to.
public struct Area: Sendable, Equatable, Codable {
    public var id: String
    public var code: String
    public var name: String
    public init(id: String, code: String, name: String) {
        self.id = id
        self.code = code
        self.name = name
    }
}
