import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Custody events and their triggers", .serialized)
struct CustodyTests {
    @Test(
        "A release at 05:00 puts reassess, review and tell-the-victim tasks on the case of every victim of the suspect, owned by each case's owner",
        arguments: TestEngine.available)
    func releaseReachesEveryVictimsCase(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let suspectID = try #require(incident.suspects.first?.personID)
            // His other victim, in another part of the force.
            let other = try await store.service.createPerson(team.handler, draft: sampleDraft(surname: "Brennan", phone: "07700 900777"))
            var call = sampleCall(victimID: other.id)
            call.parties[1] = CallPartyDraft(role: "suspect", personID: suspectID)
            _ = try await store.service.openIncident(team.handler, draft: call)

            let outcome = try await store.service.recordCustodyEvent(
                team.officer, suspectID: suspectID,
                draft: CustodyDraft(
                    kind: "police_bail", incidentID: incident.id, conditions: "Not to contact her or enter Bank Street", endsOn: "2026-12-20"))
            #expect(outcome.tasks.count == 6)
            let byCase = Dictionary(grouping: outcome.tasks, by: { $0.caseID ?? "" })
            #expect(byCase.count == 2)
            for (caseID, tasks) in byCase {
                let view = try await store.service.viewCase(team.officer, caseID: caseID)
                #expect(Set(tasks.map(\.kind)) == [.reassessRisk, .safetyPlanReview, .tellVictim])
                #expect(tasks.allSatisfy { $0.owner.id == view.safeguardingCase.owner.id })
            }
            #expect(try await store.service.custodyEvents(team.officer, personID: suspectID).map(\.kind) == [.policeBail])
            // Bad input names the field and writes nothing; a call handler may not record custody.
            await #expect(throws: DomainError.self) {
                try await store.service.recordCustodyEvent(team.officer, suspectID: suspectID, draft: CustodyDraft(kind: "court_bail"))
            }
            await #expect(throws: DomainError.self) {
                try await store.service.recordCustodyEvent(team.handler, suspectID: suspectID, draft: CustodyDraft(kind: "arrest"))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM custody_events") == 1)
        }
    }

    @Test("A trigger never fires twice for one event, however often and however concurrently it is delivered", arguments: TestEngine.available)
    func triggerNeverFiresTwice(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let suspectID = try #require(incident.suspects.first?.personID)
            let outcome = try await store.service.recordCustodyEvent(team.officer, suspectID: suspectID, draft: CustodyDraft(kind: "released_no_charge"))
            #expect(outcome.tasks.count == 3)
            let created = try await store.concurrently(servers: 4) { service in try await service.redeliverTriggers(eventID: outcome.event.id).count }
            #expect(created.reduce(0, +) == 0)
            // (The call itself set one task, to assess her risk for the incident; the release's three are the rest.)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE source LIKE 'custody:%'") == 3)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind IN ('reassess_risk', 'tell_victim')") == 3)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'fire_trigger'") == 4)
        }
    }
}

@Suite("The case timeline", .serialized)
struct CaseTimelineTests {
    @Test(
        "One chronological view per case: the incident, the assessment, the scene, the custody event, the tasks it set and the owners, in order",
        arguments: TestEngine.available)
    func timelineInOrder(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            store.clock.advance(by: 600)
            _ = try await store.service.recordRiskAssessment(
                team.officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 3, level: "standard"))
            store.clock.advance(by: 600)
            _ = try await store.service.recordScene(team.officer, incidentID: incident.id, draft: sceneDraft())
            store.clock.advance(by: 3600)
            let suspectID = try #require(incident.suspects.first?.personID)
            _ = try await store.service.recordCustodyEvent(team.officer, suspectID: suspectID, draft: CustodyDraft(kind: "released_no_charge"))
            let caseID = try #require(try await store.service.viewIncidentRecord(team.officer, id: incident.id).cases.first?.id)
            let timeline = try await store.service.viewCase(team.officer, caseID: caseID).timeline
            let kinds = timeline.map(\.kind)
            #expect(kinds.first == .incident)
            for kind in [TimelineEntry.Kind.assessment, .scene, .custody, .ownership, .taskSet] { #expect(kinds.contains(kind), "timeline has \(kind)") }
            #expect(timeline.map(\.at) == timeline.map(\.at).sorted())
            let custody = try #require(kinds.firstIndex(of: .custody))
            #expect(kinds.firstIndex(of: .scene)! < custody)
            #expect(timeline.contains { $0.kind == .taskSet && $0.title.contains("tell the victim") })
        }
    }
}
