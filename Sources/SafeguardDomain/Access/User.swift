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
    /// A partner's agency (rule 23): what is shared with that agency is what this account sees. Nil for police roles.
    public var agency: Agency?

    public init(
        id: String, username: String, displayName: String, role: Role, areaID: String? = nil, active: Bool = true,
        supervisorID: String? = nil, available: Bool = true, agency: Agency? = nil
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.areaID = areaID
        self.active = active
        self.supervisorID = supervisorID
        self.available = available
        self.agency = agency
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
    /// The postcodes it covers: postcode areas (`PR`) or districts (`PR1`), upper case.
    public var postcodes: [String]
    public init(id: String, code: String, name: String, postcodes: [String] = []) {
        self.id = id
        self.code = code
        self.name = name
        self.postcodes = postcodes
    }
}

/// Which policing area a place is in, from the postcodes each area covers: the most specific match wins (a district
/// `PR6` over the postcode area `PR`), so a force can carve one district out of a neighbour's area.
public enum AreaRules {
    /// The area covering `postcode` (canonical, `PR6 2AB`), or nil when none does or the postcode is unknown.
    public static func area(covering postcode: String?, among areas: [Area]) -> Area? {
        guard let postcode, let outward = postcode.split(separator: " ").first.map(String.init), !outward.isEmpty else { return nil }
        let letters = String(outward.prefix { $0.isLetter })
        if let district = areas.first(where: { $0.postcodes.contains(outward) }) { return district }
        return areas.first { $0.postcodes.contains(letters) }
    }

    /// The area with this code (any case), or an error on the `area` field naming the code.
    public static func area(code: String, among areas: [Area]) throws -> Area {
        guard let area = areas.first(where: { $0.code.caseInsensitiveCompare(code) == .orderedSame }) else {
            throw DomainError.invalid([FieldError("area", "\"\(code)\" is not one of the force's areas.")])
        }
        return area
    }

    /// The name a page shows for the area with this id: "Force-wide" when there is none (a force-wide MARAC, a
    /// referral made before the force had areas).
    public static func name(of id: String?, among areas: [Area]) -> String {
        guard let id else { return "Force-wide" }
        return areas.first { $0.id == id }?.name ?? ""
    }

    /// The postcodes an area is given, checked: each a postcode area (1–2 letters) or a district (letters and digits,
    /// as the outward part of a postcode).
    public static func postcodes(_ raw: [String]) throws -> [String] {
        let values = raw.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        let bad = values.filter { value in
            let letters = value.prefix { $0.isLetter }
            let rest = value.dropFirst(letters.count)
            return !(1...2).contains(letters.count) || !value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) || rest.count > 2
                || (rest.first.map { !$0.isNumber } ?? false)
        }
        guard bad.isEmpty else {
            throw DomainError.invalid([FieldError("postcodes", "\(bad.joined(separator: ", ")) is not a postcode area (like PR) or district (like PR1).")])
        }
        return values
    }
}
