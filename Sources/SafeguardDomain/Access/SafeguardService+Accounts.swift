import Foundation

/// A started browser session: the cookie value and the CSRF token forms must carry.
public struct StartedSession: Sendable {
    public var user: User
    public var sessionSecret: String
    public var csrfToken: String
}

/// A newly issued API token. The secret is shown once and never stored.
public struct IssuedToken: Sendable {
    public var record: APITokenRecord
    public var secret: String
}

extension SafeguardService {
    /// Creates an account (CLI `user add`, demo). Audited as done by `by`, or by the system when nil.
    /// `areaCode` names the user's policing area, which must exist.
    public func createUser(
        username: String, displayName: String, role: Role, password: String, areaCode: String? = nil, agency rawAgency: String? = nil, by: User? = nil
    ) async throws -> User {
        try SignInRules.validateNewAccount(username: username, displayName: displayName, password: password, policy: policy)
        let agency = try SignInRules.agency(rawAgency, role: role)
        let hash = hasher.hashPassword(password)
        let now = clock.now()
        let id = Self.newID()
        return try await repositories.transaction { tx in
            if try await tx.users.credentials(username: username) != nil {
                throw DomainError.conflict("The username \(username) is already in use.")
            }
            var areaID: String?
            if let areaCode {
                guard let area = try await tx.areas.find(code: areaCode) else {
                    throw DomainError.invalid([FieldError("area", "There is no area with code \(areaCode).")])
                }
                areaID = area.id
            }
            let user = User(id: id, username: username, displayName: displayName, role: role, areaID: areaID, agency: agency)
            try await tx.users.create(user, passwordHash: hash, at: now)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: by, action: .createUser, recordType: "user", recordID: user.id,
                    detail: "role=\(role.rawValue)" + (agency.map { "; agency=\($0.rawValue)" } ?? "")))
            return user
        }
    }

    /// An administrator adds an account from the accounts page or the API: the same checks as `safeguard user add`
    /// (a partner's account names its agency; a police account none), audited as theirs.
    public func createAccount(
        _ actor: Actor, username: String?, displayName: String?, role rawRole: String?, password: String?, areaCode: String?, agency: String?
    ) async throws -> User {
        try actor.require(.manageUsers)
        var errors: [FieldError] = []
        let role: Role? = choice(rawRole, "role", &errors, what: "the account's role")
        let name = trimmedNonEmpty(username)?.lowercased()
        if name == nil { errors.append(FieldError("username", "Give the sign-in name.")) }
        guard errors.isEmpty, let role, let name else { throw DomainError.invalid(errors) }
        return try await createUser(
            username: name, displayName: trimmedNonEmpty(displayName) ?? name, role: role, password: password ?? "", areaCode: trimmedNonEmpty(areaCode),
            agency: agency, by: actor.user)
    }

    /// Creates a policing area (CLI, demo) covering the postcodes given. Codes are short and unique.
    public func createArea(code: String, name: String, postcodes: [String] = [], by: User? = nil) async throws -> Area {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        let name = name.trimmingCharacters(in: .whitespaces)
        var errors: [FieldError] = []
        if code.isEmpty || code.count > 10 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            errors.append(FieldError("code", "Area code must be 1–10 letters or digits."))
        }
        if name.isEmpty { errors.append(FieldError("name", "Enter the area's name.")) }
        var covered: [String] = []
        do { covered = try AreaRules.postcodes(postcodes) } catch DomainError.invalid(let fields) { errors += fields }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let area = Area(id: Self.newID(), code: code, name: name, postcodes: covered)
        let now = clock.now()
        return try await repositories.transaction { tx in
            if try await tx.areas.find(code: code) != nil { throw DomainError.conflict("The area code \(code) is already in use.") }
            try await tx.areas.create(area)
            // Her case belongs to the area that now covers where she lives.
            let moved = try await self.placeOpenCases(tx)
            try await tx.audit.append(
                AuditEntry(at: now, user: by, action: .createArea, recordType: "area", recordID: area.id, detail: "cases_placed=\(moved)"))
            return area
        }
    }

    /// Checks a password, applies the lockout rules — per account, and per network `address` (when the caller knows
    /// it) across accounts — and starts a session. Every attempt is audited (never the address: logs and the audit
    /// detail hold no more than they need).
    public func signIn(username: String, password: String, from address: String? = nil) async throws -> StartedSession {
        let now = clock.now()
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        var errors: [FieldError] = []
        if name.isEmpty { errors.append(FieldError("username", "Enter your username.")) }
        if password.isEmpty { errors.append(FieldError("password", "Enter your password.")) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        if let address, let until = addressThrottle.blockedUntil(address, now: now, policy: policy) {
            try await repositories.transaction { tx in
                _ = try await tx.audit.append(AuditEntry(at: now, user: nil, action: .signInFailed, detail: "too many failed sign-ins from one address"))
            }
            throw DomainError.tooManyAttempts(until: until)
        }
        do {
            return try await checkPassword(name: name, password: password, now: now)
        } catch DomainError.signInFailed {
            if let address { addressThrottle.recordFailure(address, at: now, policy: policy) }
            throw DomainError.signInFailed
        }
    }

    private func checkPassword(name: String, password: String, now: Date) async throws -> StartedSession {
        // Failures must be recorded even though the sign-in is refused, so the outcome is returned, not thrown, from the transaction.
        enum Outcome: Sendable { case ok(StartedSession), failed(DomainError) }
        let outcome: Outcome = try await repositories.transaction { tx in
            guard let stored = try await tx.users.credentials(username: name), stored.user.active else {
                try await tx.audit.append(AuditEntry(at: now, user: nil, action: .signInFailed, detail: "unknown or inactive account"))
                return .failed(.signInFailed)
            }
            // A locked account is refused in the same words as a wrong password: a different message would tell
            // whoever is guessing that the username exists. The audit log keeps the difference.
            if SignInRules.isLocked(stored, now: now) {
                try await tx.audit.append(
                    AuditEntry(at: now, user: stored.user, action: .signInFailed, recordType: "user", recordID: stored.user.id, detail: "account locked"))
                return .failed(.signInFailed)
            }
            guard hasher.verifyPassword(password, hash: stored.passwordHash) else {
                let failures = stored.lockedUntil != nil ? 0 : stored.failedAttempts  // a lock that has run out starts the count again
                let result = SignInRules.afterFailure(previousFailures: failures, now: now, policy: policy)
                try await tx.users.recordSignInResult(userID: stored.user.id, failedAttempts: result.failures, lockedUntil: result.lockedUntil)
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: stored.user, action: .signInFailed, recordType: "user", recordID: stored.user.id,
                        detail: "wrong password; failures=\(result.failures)"))
                return .failed(.signInFailed)
            }
            try await tx.users.recordSignInResult(userID: stored.user.id, failedAttempts: 0, lockedUntil: nil)
            let secret = SignInRules.newSecret()
            let csrf = SignInRules.newSecret()
            try await tx.users.createSession(
                digest: hasher.digest(secret), record: SessionRecord(userID: stored.user.id, csrfToken: csrf, createdAt: now, lastSeenAt: now))
            try await tx.audit.append(AuditEntry(at: now, user: stored.user, action: .signIn, recordType: "user", recordID: stored.user.id))
            return .ok(StartedSession(user: stored.user, sessionSecret: secret, csrfToken: csrf))
        }
        switch outcome {
        case .ok(let session): return session
        case .failed(let error): throw error
        }
    }

    /// The user and CSRF token of a live session, extending it; nil if unknown or idle too long (then it is ended).
    public func resumeSession(secret: String) async throws -> (user: User, csrfToken: String)? {
        let now = clock.now()
        let digest = hasher.digest(secret)
        // A write: resuming extends the session (or ends an idle one).
        return try await repositories.transaction { tx in
            guard let session = try await tx.users.session(digest: digest) else { return nil }
            if SignInRules.sessionExpired(session, now: now, policy: policy) {
                try await tx.users.endSession(digest: digest)
                return nil
            }
            guard let user = try await tx.users.find(id: session.userID), user.active else { return nil }
            try await tx.users.touchSession(digest: digest, at: now)
            return (user, session.csrfToken)
        }
    }

    /// Ends a session (sign out).
    public func signOut(secret: String) async throws {
        let now = clock.now()
        let digest = hasher.digest(secret)
        try await repositories.transaction { tx in
            guard let session = try await tx.users.session(digest: digest) else { return }
            try await tx.users.endSession(digest: digest)
            let user = try await tx.users.find(id: session.userID)
            try await tx.audit.append(AuditEntry(at: now, user: user, action: .signOut, recordType: "user", recordID: session.userID))
        }
    }

    /// Issues an API token for a user (CLI `user token`).
    public func issueToken(username: String, days: Int? = nil) async throws -> IssuedToken {
        let now = clock.now()
        let lifetime = days ?? policy.apiTokenDays
        guard (1...365).contains(lifetime) else { throw DomainError.invalid([FieldError("days", "Token lifetime must be 1 to 365 days.")]) }
        let secret = "sgt_" + SignInRules.newSecret()
        let record = APITokenRecord(
            id: Self.newID(), userID: "", createdAt: now, expiresAt: now.addingTimeInterval(TimeInterval(lifetime * 86_400)), revokedAt: nil)
        let digest = hasher.digest(secret)
        let saved: APITokenRecord = try await repositories.transaction { tx in
            guard let stored = try await tx.users.credentials(username: username), stored.user.active else {
                throw DomainError.notFound(kind: "user", id: username)
            }
            var token = record
            token.userID = stored.user.id
            try await tx.users.createToken(token, digest: digest)
            try await tx.audit.append(AuditEntry(at: now, user: stored.user, action: .issueToken, recordType: "api_token", recordID: token.id))
            return token
        }
        return IssuedToken(record: saved, secret: secret)
    }

    /// Revokes a token by id; returns false if there was no such live token.
    public func revokeToken(id: String) async throws -> Bool {
        let now = clock.now()
        return try await repositories.transaction { tx in
            let revoked = try await tx.users.revokeToken(id: id, at: now)
            if revoked {
                try await tx.audit.append(AuditEntry(at: now, user: nil, action: .revokeToken, recordType: "api_token", recordID: id))
            }
            return revoked
        }
    }

    /// The user a bearer token stands for, if it is live.
    public func authenticateToken(secret: String) async throws -> User? {
        let now = clock.now()
        let digest = hasher.digest(secret)
        return try await repositories.read { tx in
            guard let token = try await tx.users.token(digest: digest), token.isValid(at: now) else { return nil }
            guard let user = try await tx.users.find(id: token.userID), user.active else { return nil }
            // A locked account is locked for programs too: a token must not outlast the lockout it would get around.
            if let stored = try await tx.users.credentials(username: user.username), SignInRules.isLocked(stored, now: now) { return nil }
            return user
        }
    }
}
