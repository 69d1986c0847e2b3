import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Issue 24, part 4: two people act on one case or person from the same version at the same moment — one wins, the
/// other is refused with a conflict (409 over HTTP) and nothing of the winner's change is lost.
@Suite("Concurrent edits", .serialized)
struct ConcurrentEditTests {
    @Test(
        "Two supervisors give one case to two colleagues from one version: one wins, the other is refused, the history shows one move",
        arguments: TestEngine.available)
    func concurrentCaseAllocation(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (team, caseID) = try await CaseOwnershipTests.standardCase(store)
            let before = try await store.service.viewCase(team.sergeant, caseID: caseID)
            let read = before.safeguardingCase
            let targets = [team.specialist.user.id, team.sergeant.user.id]
            let results = try await store.concurrently(servers: 2) { service -> Result<String, DomainError> in
                // Each "server" takes a different target; the order they land in is up to the database.
                let index = Int.random(in: 0..<2)
                do {
                    let moved = try await service.allocateCase(team.sergeant, caseID: caseID, ownerID: targets[index], expectedVersion: read.version)
                    return .success(moved.owner.id)
                } catch let error as DomainError {
                    return .failure(error)
                }
            }
            let winners = results.compactMap { try? $0.get() }
            #expect(winners.count == 1)
            let refusal = results.compactMap { result -> DomainError? in if case .failure(let error) = result { return error } else { return nil } }
            guard case .staleEdit(kind: "case", _, let expected, let current)? = refusal.first else {
                Issue.record("the loser was not refused as a stale edit: \(refusal)"); return
            }
            #expect(expected == read.version && current == read.version + 1)
            let after = try await store.service.viewCase(team.sergeant, caseID: caseID)
            #expect(after.safeguardingCase.owner.id == winners.first && after.safeguardingCase.version == read.version + 1)
            #expect(after.events.filter { $0.kind == .allocated }.count == before.events.filter { $0.kind == .allocated }.count + 1)
        }
    }

    @Test("Closing a case from a version someone else has since changed is refused and the case stays open", arguments: TestEngine.available)
    func staleCloseRefused(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (team, caseID) = try await CaseOwnershipTests.standardCase(store)
            let read = try await store.service.viewCase(team.officer, caseID: caseID).safeguardingCase
            _ = try await store.service.allocateCase(team.sergeant, caseID: caseID, ownerID: team.specialist.user.id, expectedVersion: read.version)
            do {
                _ = try await store.service.closeCase(team.sergeant, caseID: caseID, reason: "She is safe and supported now.", expectedVersion: read.version)
                Issue.record("a stale close went through")
            } catch DomainError.staleEdit {}
            let after = try await store.service.viewCase(team.sergeant, caseID: caseID).safeguardingCase
            #expect(after.status == .open && after.owner.id == team.specialist.user.id)
        }
    }

    @Test("Two edits of one person from one version at once: one saved, the other refused, the saved one intact", arguments: TestEngine.available)
    func concurrentPersonEdits(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let officer = try await store.actor(.responseOfficer)
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            let surnames = ["Mensah", "Adeyemi"]
            let results = try await store.concurrently(servers: 2) { service -> String? in
                let surname = surnames[Int.random(in: 0..<2)]
                do {
                    _ = try await service.editPerson(officer, id: person.id, expectedVersion: person.version, draft: sampleDraft(surname: surname))
                    return surname
                } catch DomainError.staleEdit {
                    return nil
                }
            }
            let saved = results.compactMap { $0 }
            #expect(saved.count == 1)
            let now = try await store.service.viewPerson(officer, id: person.id).person
            #expect(now.surname == saved.first && now.version == person.version + 1)
        }
    }
}
