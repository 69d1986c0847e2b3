import Foundation

/// Password hashing and secret digests, supplied by the store (bcrypt and SHA-256) so the domain stays Foundation-only.
public protocol CredentialHasher: Sendable {
    /// A slow, salted hash of a password.
    func hashPassword(_ password: String) -> String
    /// Whether `password` matches a hash made by `hashPassword`.
    func verifyPassword(_ password: String, hash: String) -> Bool
    /// A fast one-way digest (hex) of a high-entropy secret such as a session id or API token.
    func digest(_ secret: String) -> String
}

/// What the store holds about an account's sign-in state.
public struct StoredCredentials: Sendable, Equatable {
    public var user: User
    public var passwordHash: String
    public var failedAttempts: Int
    public var lockedUntil: Date?
    public init(user: User, passwordHash: String, failedAttempts: Int, lockedUntil: Date?) {
        self.user = user
        self.passwordHash = passwordHash
        self.failedAttempts = failedAttempts
        self.lockedUntil = lockedUntil
    }
}

/// A signed-in browser session.
public struct SessionRecord: Sendable, Equatable {
    public var userID: String
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public init(userID: String, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// An API bearer token as stored (the secret itself is never stored, only its digest).
public struct APITokenRecord: Sendable, Equatable, Codable {
    public var id: String
    public var userID: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    public init(id: String, userID: String, createdAt: Date, expiresAt: Date, revokedAt: Date?) {
        self.id = id
        self.userID = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Usable at `now`: not revoked and not expired.
    public func isValid(at now: Date) -> Bool { revokedAt == nil && now < expiresAt }
}

/// The rules of signing in: lockout after repeated failures, idle timeout, new secrets.
public enum SignInRules {
    /// A partner account belongs to one partner agency (rule 23: it sees what is shared with that agency); a police
    /// account has none.
    public static func agency(_ raw: String?, role: Role) throws -> Agency? {
        let text = trimmedNonEmpty(raw)
        guard role == .partnerAgency else {
            if text != nil { throw DomainError.invalid([FieldError("agency", "Only a partner agency's account names an agency.")]) }
            return nil
        }
        let partners = Agency.allCases.filter { $0 != .police }
        guard let text, let agency = Agency(rawValue: text), agency != .police else {
            throw DomainError.invalid([
                FieldError("agency", "A partner's account names its agency: one of \(partners.map(\.rawValue).joined(separator: ", ")).")
            ])
        }
        return agency
    }

    /// After a failure, the new failure count and, if the limit is reached, when the lock ends.
    public static func afterFailure(previousFailures: Int, now: Date, policy: ForcePolicy) -> (failures: Int, lockedUntil: Date?) {
        let failures = previousFailures + 1
        if failures >= policy.lockoutFailures {
            return (failures, now.addingTimeInterval(TimeInterval(policy.lockoutMinutes * 60)))
        }
        return (failures, nil)
    }

    /// Whether an account is locked at `now`.
    public static func isLocked(_ credentials: StoredCredentials, now: Date) -> Bool {
        if let until = credentials.lockedUntil { return now < until }
        return false
    }

    /// Whether a session has been idle too long.
    public static func sessionExpired(_ session: SessionRecord, now: Date, policy: ForcePolicy) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) > TimeInterval(policy.sessionIdleMinutes * 60)
    }

    /// A new random secret (256 bits, URL-safe) for session ids, CSRF tokens and API tokens.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Checks a new account's username and password.
    public static func validateNewAccount(username: String, displayName: String, password: String, policy: ForcePolicy) throws {
        var errors: [FieldError] = []
        let allowed = CharacterSet.lowercaseLetters.union(.decimalDigits).union(CharacterSet(charactersIn: "._-"))
        if username.isEmpty || username.count > 64 || !username.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) {
            errors.append(FieldError("username", "Username must be 1–64 characters of lower-case letters, digits, dot, dash or underscore."))
        }
        if displayName.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError("display_name", "Enter the person's name as colleagues should see it."))
        }
        if password.count < policy.passwordMinimumLength {
            errors.append(FieldError("password", "Password must be at least \(policy.passwordMinimumLength) characters."))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }
}
