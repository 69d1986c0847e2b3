import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Audit", .serialized)
struct AuditTests {
    @Test("Every search (with its terms), read, write and sign-in is an audit event naming who, what and which record", arguments: TestEngine.available)
    func everyAccessIsAudited(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let officer = try await store.actor(.responseOfficer, username: "pc")
            // act
            _ = try await store.service.signIn(username: "pc", password: "pc-test-password")
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            _ = try await store.service.searchPeople(officer, query: PersonSearchQuery(name: "Okafor", phone: "07700900123"))
            _ = try await store.service.viewPerson(officer, id: person.id)
            _ = try await store.service.editPerson(officer, id: person.id, expectedVersion: 1, draft: sampleDraft(surname: "Mensah"))
            // check
            let events = try await store.repositories.transaction { tx in try await tx.audit.recent(limit: 10) }.reversed().map(\.entry)
            #expect(events.map(\.action) == [.createUser, .signIn, .createPerson, .searchPeople, .viewPerson, .editPerson])
            #expect(events.dropFirst().allSatisfy { $0.username == "pc" && $0.role == "response_officer" })
            #expect(events[3].detail?.contains("name=Okafor") == true && events[3].detail?.contains("phone=07700900123") == true)
            #expect(events[4].recordID == person.id)
        }
    }

    @Test("Roles that must give a reason cannot open a record without one, and the reason is audited", arguments: TestEngine.available)
    func reasonIsRequiredAndKept(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let officer = try await store.actor(.responseOfficer)
            let analyst = try await store.actor(.analyst)
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            // act + check
            await #expect(throws: DomainError.self) { _ = try await store.service.viewPerson(analyst, id: person.id) }
            _ = try await store.service.viewPerson(analyst, id: person.id, reason: "problem profile for NB area")
            #expect(
                try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_person' AND reason = 'problem profile for NB area'") == 1)
        }
    }

    @Test("Restricted records open only for named roles; others see them masked in search", arguments: TestEngine.available)
    func restrictedRecordsNeedNamedRole(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let specialist = try await store.actor(.daSpecialist)
            let officer = try await store.actor(.responseOfficer)
            var draft = sampleDraft()
            draft.restricted = true
            // act
            await #expect(throws: DomainError.self) { _ = try await store.service.createPerson(officer, draft: draft) }
            let person = try await store.service.createPerson(specialist, draft: draft)
            // check
            await #expect(throws: DomainError.self) { _ = try await store.service.viewPerson(officer, id: person.id) }
            #expect(try await store.service.viewPerson(specialist, id: person.id).person.surname == "Okafor")
            let seen = try await store.service.searchPeople(officer, query: PersonSearchQuery(phone: "07700900123"))
            #expect(seen.map(\.surname) == ["record"])
            #expect(seen.first?.dateOfBirth == nil)
        }
    }

    @Test("audit verify reports the first broken link after a row is edited directly", arguments: TestEngine.available)
    func tamperingIsDetected(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let officer = try await store.actor(.responseOfficer)
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            for _ in 0..<3 { _ = try await store.service.viewPerson(officer, id: person.id) }
            #expect(try await store.repositories.verifyAuditChain() == .intact(events: 5))
            // act
            try await store.execute("UPDATE audit_events SET username = 'someone-else' WHERE sequence = 3")
            // check
            guard case .broken(let sequence, _) = try await store.repositories.verifyAuditChain() else {
                Issue.record("tampering not detected"); return
            }
            #expect(sequence == 3)
        }
    }

    @Test("Deleting events from the chain is detected", arguments: TestEngine.available)
    func deletionIsDetected(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let officer = try await store.actor(.responseOfficer)
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            for _ in 0..<3 { _ = try await store.service.viewPerson(officer, id: person.id) }
            try await store.execute("DELETE FROM audit_events WHERE sequence = 2")
            #expect(try await store.repositories.verifyAuditChain() == .broken(atSequence: 2, why: "event 2 is missing (next found is 3)"))
            try await store.execute("DELETE FROM audit_events WHERE sequence >= 2")
            guard case .broken(let at, _) = try await store.repositories.verifyAuditChain() else { Issue.record("tail deletion not detected"); return }
            #expect(at == 2)
        }
    }

    @Test("Concurrent writers still make one unbroken chain", arguments: TestEngine.available)
    func concurrentAppendsChainCorrectly(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let officer = try await store.actor(.responseOfficer)
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { _ = try await store.service.viewPerson(officer, id: person.id) } }
                try await group.waitForAll()
            }
            #expect(try await store.repositories.verifyAuditChain() == .intact(events: 22))
        }
    }
}
