import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Storage that holds the first unit of work it is asked for (read or write) at a gate until the test opens it,
/// and counts every unit: to show what a lookup holds while it works, and that a refused one did no work at all.
final class GatedRepositories: SafeguardRepositories, @unchecked Sendable {
    let inner: any SafeguardRepositories
    private let lock = NSLock()
    private var armed = true
    private(set) var units = 0
    private var waiting: CheckedContinuation<Void, Never>?
    private var opened = false
    private var arrived: CheckedContinuation<Void, Never>?
    private var hasArrived = false

    init(_ inner: any SafeguardRepositories) { self.inner = inner }

    var unitCount: Int { lock.withLock { units } }

    /// Whether this unit is the held one (the first asked for while armed).
    private func take() -> Bool {
        lock.withLock {
            units += 1
            guard armed else { return false }
            armed = false
            return true
        }
    }

    private func hold() async {
        let resumeArrival: CheckedContinuation<Void, Never>? = lock.withLock {
            hasArrived = true
            defer { arrived = nil }
            return arrived
        }
        resumeArrival?.resume()
        await withCheckedContinuation { continuation in
            let go = lock.withLock { () -> Bool in
                if opened { return true }
                waiting = continuation
                return false
            }
            if go { continuation.resume() }
        }
    }

    /// Waits until the held unit has reached the gate.
    func reachedGate() async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock { () -> Bool in
                if hasArrived { return true }
                arrived = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Lets the held unit go on.
    func open() {
        let continuation: CheckedContinuation<Void, Never>? = lock.withLock {
            opened = true
            defer { waiting = nil }
            return waiting
        }
        continuation?.resume()
    }

    func transaction<R: Sendable>(_ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R) async throws -> R {
        let held = take()
        return try await inner.transaction { tx in
            if held { await self.hold() }
            return try await body(tx)
        }
    }

    func read<R: Sendable>(_ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R) async throws -> R {
        let held = take()
        return try await inner.read { tx in
            if held { await self.hold() }
            return try await body(tx)
        }
    }

    func verifyAuditChain() async throws -> AuditVerification { try await inner.verifyAuditChain() }
    func verifyAuditChainSinceCheckpoint() async throws -> AuditChainCheck { try await inner.verifyAuditChainSinceCheckpoint() }
    func ping() async throws { try await inner.ping() }
    func connectionUsage() -> ConnectionUsage { inner.connectionUsage() }
}

@Suite("Hostile and foreign input against the database", .serialized)
struct HostileInputStoreTests {
    private func gatedService(_ store: TestStore) -> (SafeguardService, GatedRepositories) {
        let gated = GatedRepositories(store.repositories)
        return (SafeguardService(repositories: gated, hasher: store.service.hasher, clock: store.clock, policy: store.service.policy), gated)
    }

    @Test("A hostile lookup is refused before any database work, and says which field and what limit", arguments: TestEngine.available)
    func hostileLookupIsRefusedBeforeAnyWork(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let handler = try await store.actor(.callHandler)
            let (service, gated) = gatedService(store)
            gated.open()
            // act
            do {
                _ = try await service.lookUpPeople(handler, query: PersonMatchQuery(firstName: String(repeating: "ab", count: 50_000), surname: "Smith"))
                Issue.record("a 100,000-character name was looked up")
            } catch DomainError.invalid(let errors) {
                // check
                #expect(errors.map(\.field) == ["first_name"])
                #expect(errors[0].message.contains("100 characters or fewer"))
            }
            #expect(gated.unitCount == 0)
        }
    }

    @Test("A lookup never holds the writer: a person is created while a lookup is held mid-read", arguments: TestEngine.available)
    func lookupDoesNotDelayACreate(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let handler = try await store.actor(.callHandler)
            _ = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Anne", surname: "Okafor", dateOfBirth: "1984-03-27"))
            let (service, gated) = gatedService(store)
            // act: the lookup is held inside its unit of work; a create runs meanwhile.
            let lookup = Task { try await service.lookUpPeople(handler, query: PersonMatchQuery(firstName: "Anne", surname: "Okafor")) }
            await gated.reachedGate()
            let created = Task { try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Grace", surname: "Mensah")) }
            // check: the create finishes while the lookup is still held (a lookup holding the writer would stall it;
            // the deadline only turns that stall into a failure rather than a hung run).
            let finished = await withTaskGroup(of: Bool.self) { group in
                group.addTask { (try? await created.value) != nil }
                group.addTask {
                    try? await Task.sleep(for: .seconds(20)); return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
            #expect(finished, "the create waited for a lookup")
            gated.open()
            let found = try await lookup.value
            #expect(found.candidates.first?.person.surname == "Okafor")
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'search_people'") == 1)
        }
    }

    @Test(
        "A person recorded in Arabic, Chinese or Greek script is found by match and search in that script, and by Latin letters where a standard transliteration exists",
        arguments: TestEngine.available)
    func namesInAnyScriptAreFound(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let handler = try await store.actor(.callHandler)
            let arabic = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "محمد", surname: "العلي", dateOfBirth: "1990-04-02"))
            let chinese = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "伟", surname: "张", dateOfBirth: "1985-11-20"))
            let greek = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Γιώργος", surname: "Παπαδόπουλος"))
            _ = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Mohammed", surname: "Khan", dateOfBirth: "1990-04-02"))
            // act + check: stored as given
            #expect(try await store.service.viewPerson(handler, id: arabic.id).person.fullName.contains("محمد"))
            // matched in its own script
            let byArabic = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "محمد", surname: "العلي", dateOfBirth: "1990-04-02"))
            #expect(byArabic.first?.person.id == arabic.id)
            #expect(byArabic.first?.proposed == true)
            // searched in its own script
            #expect(try await store.service.searchPeople(handler, query: PersonSearchQuery(name: "محمد العلي")).map(\.id) == [arabic.id])
            #expect(try await store.service.searchPeople(handler, query: PersonSearchQuery(name: "张")).map(\.id) == [chinese.id])
            // Latin letters meet a standard transliteration
            let byLatin = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Wei", surname: "Zhang", dateOfBirth: "1985-11-20"))
            #expect(byLatin.first?.person.id == chinese.id)
            #expect(try await store.service.searchPeople(handler, query: PersonSearchQuery(name: "Giorgos Papadopoulos")).map(\.id) == [greek.id])
        }
    }

    @Test("Names keyed before other scripts were transliterated are keyed again when the index is rebuilt", arguments: TestEngine.available)
    func oldNameKeysAreRebuilt(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: the keys an earlier version stored (Arabic letters dropped, Ł lost)
            let handler = try await store.actor(.callHandler)
            let her = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "محمد", surname: "العلي", dateOfBirth: "1990-04-02"))
            let him = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Łukasz", surname: "Wróbel"))
            try await store.execute("UPDATE person_names SET first_key = '', surname_key = '' WHERE person_id = '\(her.id)'")
            try await store.execute("UPDATE person_names SET first_key = 'ukasz' WHERE person_id = '\(him.id)'")
            // act
            try await store.pool.rebuildMatchIndex()
            // check
            #expect(
                try await store.count("SELECT COUNT(*) AS n FROM person_names WHERE person_id = '\(her.id)' AND first_key <> '' AND surname_key <> ''") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM person_names WHERE person_id = '\(him.id)' AND first_key = 'lukasz'") == 1)
            #expect(try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "محمد", surname: "العلي")).first?.person.id == her.id)
        }
    }

    @Test("Every refused read is on the record: a partner, a restricted record, a missing reason", arguments: TestEngine.available)
    func refusedReadsAreAudited(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let specialist = try await store.actor(.daSpecialist)
            let officer = try await store.actor(.responseOfficer)
            let partner = try await store.actor(.partnerAgency)
            let analyst = try await store.actor(.analyst)
            var draft = PersonDraft(firstName: "Anne", surname: "Okafor")
            draft.restricted = true
            let restricted = try await store.service.createPerson(specialist, draft: draft)
            // act
            for (actor, reason) in [(partner, nil), (officer, nil), (analyst, nil), (analyst, "why")] as [(Actor, String?)] {
                await #expect(throws: DomainError.self) { _ = try await store.service.viewPerson(actor, id: restricted.id, reason: reason) }
            }
            await #expect(throws: DomainError.self) { _ = try await store.service.searchPeople(analyst, query: PersonSearchQuery(name: "Okafor")) }
            await #expect(throws: DomainError.self) { _ = try await store.service.outcomes(analyst, incidentID: "none") }
            // check
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'refused' AND record_id = '\(restricted.id)' AND detail LIKE 'view_person:%'") == 4)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'refused' AND user_id = '\(partner.user.id)'") == 1)
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'refused' AND user_id = '\(analyst.user.id)' AND detail LIKE 'search_people:%'") == 1
            )
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'refused' AND detail LIKE 'view_outcomes:%'") == 1)
            if case .broken(let at, let why) = try await store.repositories.verifyAuditChain() { Issue.record("audit chain broken at \(at): \(why)") }
            // A search with a reason goes ahead, and the reason is kept.
            _ = try await store.service.searchPeople(analyst, query: PersonSearchQuery(name: "Okafor"), reason: "monthly problem profile")
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'search_people' AND reason = 'monthly problem profile'") == 1)
        }
    }

    @Test("A locked account's API tokens stop working until the lock ends", arguments: TestEngine.available)
    func lockedAccountTokensAreRefused(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            try await store.actor(.callHandler, username: "ch")
            let token = try await store.service.issueToken(username: "ch")
            #expect(try await store.service.authenticateToken(secret: token.secret) != nil)
            // act
            for _ in 0..<store.service.policy.lockoutFailures {
                _ = try? await store.service.signIn(username: "ch", password: "wrong-password!")
            }
            // check
            #expect(try await store.service.authenticateToken(secret: token.secret) == nil)
            store.clock.advance(by: TimeInterval(store.service.policy.lockoutMinutes * 60 + 1))
            #expect(try await store.service.authenticateToken(secret: token.secret) != nil)
        }
    }
}
