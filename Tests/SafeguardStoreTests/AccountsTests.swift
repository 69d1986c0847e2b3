import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Accounts, sessions and tokens", .serialized)
struct AccountsTests {
    @Test("Passwords are stored as bcrypt hashes, never as text", arguments: TestEngine.available)
    func passwordsAreHashed(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // act
            try await store.actor(.sergeant, username: "sgt")
            // check
            #expect(try await store.count("SELECT COUNT(*) AS n FROM users WHERE password_hash LIKE '$2%' AND password_hash <> 'sgt-password'") == 1)
            let session = try await store.service.signIn(username: "sgt", password: "sgt-test-password")
            #expect(session.user.role == .sergeant)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM sessions WHERE digest = '\(session.sessionSecret)'") == 0)
        }
    }

    @Test("Repeated failed sign-ins lock the account, even against the right password", arguments: TestEngine.available)
    func lockoutAfterRepeatedFailures(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            try await store.actor(.callHandler, username: "ch")
            // act
            for _ in 1..<store.service.policy.lockoutFailures {
                await #expect(throws: DomainError.signInFailed) { _ = try await store.service.signIn(username: "ch", password: "wrong-password!") }
            }
            await #expect(throws: (any Error).self) { _ = try await store.service.signIn(username: "ch", password: "wrong-password!") }
            // check
            do {
                _ = try await store.service.signIn(username: "ch", password: "ch-test-password")
                Issue.record("a locked account signed in")
            } catch DomainError.signInFailed {}  // the same words as a wrong password: no hint the account exists
            store.clock.advance(by: TimeInterval(store.service.policy.lockoutMinutes * 60 + 1))
            #expect(try await store.service.signIn(username: "ch", password: "ch-test-password").user.username == "ch")
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'sign_in_failed'") == store.service.policy.lockoutFailures + 1)
        }
    }

    @Test("An idle session ends after the policy's timeout; activity keeps it alive", arguments: TestEngine.available)
    func idleSessionTimesOut(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            try await store.actor(.responseOfficer, username: "pc")
            let session = try await store.service.signIn(username: "pc", password: "pc-test-password")
            let idle = TimeInterval(store.service.policy.sessionIdleMinutes * 60)
            // act + check
            store.clock.advance(by: idle - 10)
            #expect(try await store.service.resumeSession(secret: session.sessionSecret)?.user.username == "pc")
            store.clock.advance(by: idle - 10)
            #expect(try await store.service.resumeSession(secret: session.sessionSecret) != nil)
            store.clock.advance(by: idle + 1)
            #expect(try await store.service.resumeSession(secret: session.sessionSecret) == nil)
        }
    }

    @Test("API tokens work until they expire or are revoked", arguments: TestEngine.available)
    func tokensExpireAndRevoke(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            try await store.actor(.analyst, username: "an")
            let short = try await store.service.issueToken(username: "an", days: 1)
            let other = try await store.service.issueToken(username: "an")
            // act + check
            #expect(try await store.service.authenticateToken(secret: short.secret)?.username == "an")
            #expect(try await store.service.revokeToken(id: other.record.id))
            #expect(try await store.service.authenticateToken(secret: other.secret) == nil)
            #expect(try await store.service.revokeToken(id: other.record.id) == false)
            store.clock.advance(by: 86_401)
            #expect(try await store.service.authenticateToken(secret: short.secret) == nil)
            #expect(try await store.service.authenticateToken(secret: "sgt_made-up") == nil)
        }
    }

    @Test("A username is unique and a weak password is refused", arguments: TestEngine.available)
    func accountRules(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            try await store.actor(.auditor, username: "aud")
            await #expect(throws: DomainError.conflict("The username aud is already in use.")) {
                _ = try await store.service.createUser(username: "aud", displayName: "Again", role: .auditor, password: "long-enough-test-password")
            }
            await #expect(throws: DomainError.self) {
                _ = try await store.service.createUser(username: "short", displayName: "Short", role: .auditor, password: "short")
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM users") == 1)
        }
    }
}

@Suite("Areas", .serialized)
struct AreaTests {
    @Test("A user belongs to an area that exists; an unknown area is refused by name", arguments: TestEngine.available)
    func usersBelongToRealAreas(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let area = try await store.service.createArea(code: "nth", name: "Northern division")
            // act
            let user = try await store.service.createUser(
                username: "pc1", displayName: "PC One", role: .responseOfficer, password: "pc1-test-password", areaCode: "NTH")
            // check
            #expect(area.code == "NTH")
            #expect(try await store.service.area(of: user) == area)
            await #expect(throws: DomainError.invalid([FieldError("area", "There is no area with code XYZ.")])) {
                _ = try await store.service.createUser(
                    username: "pc2", displayName: "PC Two", role: .responseOfficer, password: "pc2-test-password", areaCode: "XYZ")
            }
            await #expect(throws: DomainError.conflict("The area code NTH is already in use.")) {
                _ = try await store.service.createArea(code: "NTH", name: "Again")
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM users") == 1)
        }
    }
}
