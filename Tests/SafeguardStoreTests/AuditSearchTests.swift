import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Issue 24, part 1: professional standards ask "who looked at her case, when and why" and get an answer.
@Suite("Access log search", .serialized)
struct AuditSearchTests {
    @Test(
        "Rule 33: a search by person finds every look at her record, incidents, case and tasks, and nothing of anyone else's", arguments: TestEngine.available)
    func rule33SearchByPerson(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: her case, worked and closed; someone else's record looked at too
            let hers = try await store.closedCase(name: "Amina", safe: nil)
            let other = try await store.closedCase(name: "Beth", safe: nil)
            let investigator = try await store.actor(.investigator, username: "dc")
            _ = try await store.service.viewPerson(investigator, id: hers.victimID, reason: "Checking the file for court")
            let auditor = try await store.actor(.auditor)
            // act
            let found = try await store.service.searchAudit(auditor, AuditQuery(personID: hers.victimID, limit: 1000))
            // check
            let types = Set(found.events.compactMap(\.entry.recordType))
            #expect(types.isSuperset(of: ["person", "incident", "case", "task"]))
            #expect(!found.events.contains { $0.entry.recordID == other.victimID || $0.entry.recordID == other.caseID })
            #expect(found.events.contains { $0.entry.recordID == hers.caseID })
            let look = try #require(found.events.first { $0.entry.username == "dc" })
            #expect(look.entry.reason == "Checking the file for court" && look.entry.action == .viewPerson)
            #expect(found.events.map(\.sequence) == found.events.map(\.sequence).sorted(by: >))
            // The search itself is logged, with what was asked.
            let logged = try await store.repositories.transaction { tx in try await tx.audit.recent(limit: 1) }.first
            #expect(logged?.entry.action == .searchAudit && logged?.entry.recordID == hers.victimID && logged?.entry.username == "auditor")
        }
    }

    @Test("Rule 33: searches by account, action and period, a page at a time, and an export of the whole search", arguments: TestEngine.available)
    func rule33SearchByUserActionPeriod(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            for _ in 0..<5 { _ = try await store.service.viewPerson(officer, id: person.id) }
            let auditor = try await store.actor(.auditor)
            let views = try await store.service.searchAudit(auditor, AuditQuery(username: "pc", action: "view_person"))
            #expect(views.events.count == 5 && views.nextBefore == nil)
            let firstPage = try await store.service.searchAudit(auditor, AuditQuery(username: "pc", limit: 4))
            #expect(firstPage.events.count == 4)
            let before = try #require(firstPage.nextBefore)
            let secondPage = try await store.service.searchAudit(auditor, AuditQuery(username: "pc", before: before, limit: 4))
            #expect(secondPage.events.count == 2 && secondPage.nextBefore == nil)
            #expect(Set(firstPage.events.map(\.sequence)).isDisjoint(with: secondPage.events.map(\.sequence)))
            let today = CalendarDate.string(store.clock.now())
            let tomorrow = CalendarDate.string(store.clock.now().addingTimeInterval(86_400))
            #expect(try await store.service.searchAudit(auditor, AuditQuery(username: "pc", from: today, to: tomorrow)).events.count == 6)
            #expect(try await store.service.searchAudit(auditor, AuditQuery(username: "pc", from: tomorrow)).events.isEmpty)
            let export = try await store.service.exportAudit(auditor, AuditQuery(username: "pc"))
            // Created the record, then looked five times (the account was made by no one signed in).
            #expect(export.events.count == 6)
            let csv = AuditEvent.csv(export.events)
            #expect(csv.hasPrefix("sequence,at,username,role,action,record_type,record_id,reason\r\n"))
            #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 7)
        }
    }

    @Test("Rule 33: a bad search names each field and logs nothing; only the auditor may search", arguments: TestEngine.available)
    func rule33BadSearchAndPermission(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let auditor = try await store.actor(.auditor)
            let officer = try await store.actor(.responseOfficer)
            let before = try await store.count("SELECT COUNT(*) AS n FROM audit_events")
            do {
                _ = try await store.service.searchAudit(
                    auditor, AuditQuery(personID: "nobody", username: "ghost", action: "peek", from: "2026-13-01", to: "x", limit: 0))
                Issue.record("a bad search was run")
            } catch DomainError.invalid(let errors) {
                #expect(Set(errors.map(\.field)) == ["person", "user", "action", "from", "to", "limit"])
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events") == before)
            await #expect(throws: DomainError.self) { _ = try await store.service.searchAudit(officer, AuditQuery()) }
        }
    }
}
