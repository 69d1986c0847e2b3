import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Cases that close, and the caseload on any date", .serialized)
struct CaseClosureTests {
    /// A call naming `victimID`, opened by a call handler at the store's clock.
    static func call(_ store: TestStore, victimID: String) async throws -> Incident {
        let handler = try await store.actor(.callHandler, username: "ch-\(UUID().uuidString.prefix(6).lowercased())")
        return try await store.service.openIncident(
            handler,
            draft: CallDraft(
                channel: "101", relationship: "intimate_partner", parties: [CallPartyDraft(role: "victim", personID: victimID)],
                immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
        ).incident
    }

    static func day(_ date: Date) -> String { CalendarDate.string(date) }

    @Test(
        "Rule 15: a case closes only when nothing on her safety is open, with why; the caseload counts it open before and not after; a new incident within the window reopens it, later one opens a new case",
        arguments: TestEngine.available)
    func closeReopenAndCount(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: her case, opened by a call, assessed standard by the officer who owns it
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let victim = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist"))
            let incident = try await Self.call(store, victimID: victim.id)
            let openedOn = Self.day(store.clock.now())
            let record = try await store.service.viewIncidentRecord(officer, id: incident.id)
            let safeguardingCase = try #require(record.cases.first)
            let owner = Actor(try #require(try await store.service.accounts().first { $0.id == safeguardingCase.owner.id }))
            let sergeant = try await store.actor(.sergeant, username: "sgt")
            let specialist = try await store.actor(.daSpecialist, username: "das")
            _ = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 2, level: "standard"))
            // act + check: refused while a task is open, and without a reason
            await #expect(throws: DomainError.self) {
                _ = try await store.service.closeCase(owner, caseID: safeguardingCase.id, reason: "She has moved away safely.")
            }
            await #expect(throws: DomainError.self) { _ = try await store.service.closeCase(owner, caseID: safeguardingCase.id, reason: "ok") }
            try await store.finishOpenTasks(caseID: safeguardingCase.id, sergeant: sergeant, specialist: specialist)
            store.clock.advance(by: 3 * 86_400)
            let closed = try await store.service.closeCase(owner, caseID: safeguardingCase.id, reason: "She has moved away safely and is supported.")
            #expect(closed.status == .closed)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'closed'") == 1)
            // The caseload on the day it was open, and after it closed
            let analyst = try await store.actor(.analyst, username: "an")
            #expect(try await store.service.caseload(analyst, on: openedOn).standard == 1)
            #expect(try await store.service.caseload(analyst, on: Self.day(store.clock.now())).total == 0)
            // A new incident a month later reopens the same case
            store.clock.advance(by: 30 * 86_400)
            let second = try await Self.call(store, victimID: victim.id)
            let reopened = try #require(try await store.service.viewIncidentRecord(officer, id: second.id).cases.first)
            #expect(reopened.id == safeguardingCase.id)
            #expect(reopened.status == .open)
            #expect(try await store.service.caseload(analyst, on: Self.day(store.clock.now())).total == 1)
            #expect(try await store.service.caseload(analyst, on: Self.day(store.clock.now().addingTimeInterval(-10 * 86_400))).total == 0)
            // Closed again, and a call fourteen months later opens a new case
            for task in try await store.repositories.transaction({ tx in try await tx.tasks.forCase(safeguardingCase.id) }) where task.completedAt == nil {
                let doer = Actor(try #require(try await store.service.accounts().first { $0.id == task.owner.id }))
                _ = try await store.service.completeTask(doer, taskID: task.id, outcome: "Reviewed with her; she is safe.")
            }
            _ = try await store.service.closeCase(owner, caseID: safeguardingCase.id, reason: "Safe again after the second call.")
            store.clock.advance(by: 14 * 30 * 86_400)
            let third = try await Self.call(store, victimID: victim.id)
            let fresh = try #require(try await store.service.viewIncidentRecord(officer, id: third.id).cases.first)
            #expect(fresh.id != safeguardingCase.id)
            #expect(fresh.status == .open)
        }
    }

    @Test(
        "Rule 31: the caseload on dates before, during and after a change of level counts each case at the level it held then", arguments: TestEngine.available)
    func caseloadFollowsLevels(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let officer = try await store.actor(.responseOfficer, username: "pc")
            _ = try await store.actor(.daSpecialist, username: "spec")
            let analyst = try await store.actor(.analyst, username: "an")
            let victim = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Ruth", surname: "Ashdown"))
            let before = Self.day(store.clock.now().addingTimeInterval(-86_400))
            let incident = try await Self.call(store, victimID: victim.id)
            let day1 = Self.day(store.clock.now())
            _ = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 2, level: "standard"))
            store.clock.advance(by: 5 * 86_400)
            _ = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "medium"))
            let day6 = Self.day(store.clock.now())
            // check
            #expect(try await store.service.caseload(analyst, on: before).total == 0)
            let first = try await store.service.caseload(analyst, on: day1)
            #expect(first.standard == 1 && first.medium == 0)
            let later = try await store.service.caseload(analyst, on: day6)
            #expect(later.medium == 1 && later.standard == 0 && later.total == 1)
            await #expect(throws: DomainError.self) { _ = try await store.service.caseload(officer, on: day6) }
            await #expect(throws: DomainError.self) { _ = try await store.service.caseload(analyst, on: "30/02/2026x") }
        }
    }
}

@Suite("Cases allocated where she lives", .serialized)
struct CaseAllocationAreaTests {
    @Test("Rule 15: a new case is allocated in the victim's area (her address), not the call handler's", arguments: TestEngine.available)
    func newCaseGoesToHerArea(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: two areas; the handler works in the north, she lives in the south; an officer in each
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            _ = try await store.service.createArea(code: "STH", name: "South", postcodes: ["NR"])
            _ = try await store.service.createUser(username: "ch", displayName: "Handler", role: .callHandler, password: "ch-test-password", areaCode: "NTH")
            _ = try await store.service.createUser(
                username: "pcn", displayName: "North PC", role: .responseOfficer, password: "pcn-test-password", areaCode: "NTH")
            let south = try await store.service.createUser(
                username: "pcs", displayName: "South PC", role: .responseOfficer, password: "pcs-test-password", areaCode: "STH")
            let handler = Actor(try #require(try await store.service.account(username: "ch")))
            let victim = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Ruth", surname: "Ashdown", addressLine1: "4 Elm Road", postcode: "NR2 3AB"))
            // act
            let record = try await store.service.openIncident(
                handler,
                draft: CallDraft(
                    channel: "101", relationship: "intimate_partner", parties: [CallPartyDraft(role: "victim", personID: victim.id)],
                    immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite"))
            // check
            let owner = try #require(try await store.service.viewIncidentRecord(handler, id: record.incident.id).cases.first?.owner)
            #expect(owner.id == south.id)
        }
    }
}
