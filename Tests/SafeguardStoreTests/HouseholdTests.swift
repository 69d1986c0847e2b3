import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Children in the household, stored", .serialized)
struct HouseholdTests {
    @Test(
        "Rule 9: a child named at the call is a person linked to the victim, a party to the incident and referred once on her case; recorded again at the scene, not referred twice; the next call's briefing and her case show the child with their own history and the risk noted",
        arguments: TestEngine.available)
    func rule9ChildAtTheCallReachesTheNextBriefing(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            var call = sampleCall(victimID: victim.id)
            call.children = [
                HouseholdChildDraft(firstName: "Tayo", surname: "Okafor", dateOfBirth: "2016-03-02", note: "Saw his mother strangled")
            ]
            let first = try await store.service.openIncident(team.handler, draft: call)
            let child = try #require(first.incident.parties.first { $0.role == .child })
            #expect(child.displayName == "Tayo Okafor")
            let caseID = try #require(first.cases.first?.id)
            var view = try await store.service.viewCase(team.officer, caseID: caseID)
            #expect(view.household.map(\.person.id) == [child.personID] && view.household.first?.riskNotes == ["Saw his mother strangled"])
            #expect(view.tasks.filter { $0.kind == .childrenSocialCareReferral }.count == 1)
            #expect(view.tasks.filter { $0.kind == .schoolNotification }.count == 1)

            // The officer records him again at the scene, as an existing record: linked, still referred once.
            _ = try await store.service.recordScene(
                team.officer, incidentID: first.incident.id,
                draft: sceneDraft(children: [ChildDraft(personID: child.personID, presence: "present", school: "Mill Lane Primary")]))
            view = try await store.service.viewCase(team.officer, caseID: caseID)
            #expect(view.tasks.filter { $0.kind == .childrenSocialCareReferral }.count == 1)

            // A second call about her, months later, names no children: the briefing still shows him, with his history.
            store.clock.advance(by: 90 * 24 * 3600)
            let second = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let briefing = try await store.service.briefing(team.officer, incidentID: second.id)
            let section = try #require(briefing.people.first { $0.person.id == child.personID })
            #expect(section.householdOnly && section.role == .child && section.riskNotes == ["Saw his mother strangled"])
            #expect(section.history.map(\.id) == [first.incident.id])
        }
    }

    @Test(
        "Rule 9: a child recorded any time after goes on her open case, owned by its owner; a child who leaves is out of the household but the link is kept; bad input names the field and writes nothing",
        arguments: TestEngine.available)
    func rule9ChildRecordedLaterAndLeaving(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let record = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id))
            let owner = try #require(record.cases.first?.owner)
            let before = try await store.count("SELECT COUNT(*) AS n FROM people")
            do {
                _ = try await store.service.recordHouseholdChild(
                    team.officer, adultID: victim.id, draft: HouseholdChildDraft(firstName: "Remi", dateOfBirth: "2030-01-01"))
                Issue.record("a child with no surname born in the future was recorded")
            } catch DomainError.invalid(let errors) {
                #expect(Set(errors.map(\.field)).isSuperset(of: ["surname", "date_of_birth"]))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == before)

            let remi = try await store.service.recordHouseholdChild(
                team.officer, adultID: victim.id,
                draft: HouseholdChildDraft(firstName: "Remi", surname: "Okafor", dateOfBirth: "2024-07-09", role: "parent", from: "2024-07-09"))
            #expect(remi.links.map(\.role) == [.parent] && remi.age == 2)
            let tasks = try await store.service.viewCase(team.officer, caseID: try #require(record.cases.first?.id)).tasks
            let referral = try #require(tasks.first { $0.kind == .childrenSocialCareReferral })
            #expect(referral.owner.id == owner.id)
            #expect(!tasks.contains { $0.kind == .schoolNotification })  // two years old: not of school age
            #expect(try await store.service.viewPerson(team.officer, id: victim.id).household.map(\.person.id) == [remi.person.id])

            // A restricted child's tasks do not name them: the task list is read by colleagues who may not (rule 33).
            var hidden = PersonDraft(firstName: "Zephyr", surname: "Quill", dateOfBirth: "2015-01-01")
            hidden.restricted = true
            let zephyr = try await store.service.createPerson(team.specialist, draft: hidden)
            _ = try await store.service.recordHouseholdChild(team.specialist, adultID: victim.id, draft: HouseholdChildDraft(personID: zephyr.id))
            let titles = try await store.service.viewCase(team.specialist, caseID: try #require(record.cases.first?.id)).tasks.map(\.title)
            #expect(titles.filter { $0.contains("restricted record") }.count == 2 && !titles.contains { $0.contains("Zephyr") || $0.contains("Quill") })

            try await store.service.endHouseholdLink(team.officer, linkID: try #require(remi.links.first?.id), on: nil)
            await #expect(throws: DomainError.self) { try await store.service.endHouseholdLink(team.officer, linkID: remi.links[0].id, on: nil) }
            store.clock.advance(by: 24 * 3600)
            #expect(try await store.service.viewPerson(team.officer, id: victim.id).household.map(\.person.id) == [zephyr.id])
            #expect(try await store.count("SELECT COUNT(*) AS n FROM household_links WHERE to_date IS NOT NULL") == 1)
        }
    }
}
