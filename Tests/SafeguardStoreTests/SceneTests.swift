import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("At the scene, stored", .serialized)
struct SceneTests {
    @Test(
        "Rules 9, 10 and 12: each child becomes a party with a social care referral and, with a school, a notification due before the next school day; toolkit actions become owned tasks; evidence shows on the case",
        arguments: TestEngine.available)
    func rule9ChildrenEvidenceAndActions(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let draft = sceneDraft(
                children: [
                    ChildDraft(firstName: "Tayo", surname: "Okafor", dateOfBirth: "2016-03-02", presence: "present", school: "Mill Lane Primary"),
                    ChildDraft(firstName: "Remi", surname: "Okafor", dateOfBirth: "2024-07-09", presence: "household")
                ],
                supports: "no", actions: [SafetyToolkit.cambridgeshire[4], SafetyToolkit.cambridgeshire[8]])
            let scene = try await store.service.recordScene(team.officer, incidentID: incident.id, draft: draft)
            #expect(scene.children.map(\.displayName) == ["Tayo Okafor", "Remi Okafor"])
            let record = try await store.service.viewIncidentRecord(team.officer, id: incident.id)
            #expect(record.incident.parties.filter { $0.role == .child }.count == 2)
            #expect(record.incident.isCrime)

            let caseID = try #require(record.cases.first?.id)
            let view = try await store.service.viewCase(team.officer, caseID: caseID)
            let referrals = view.tasks.filter { $0.kind == .childrenSocialCareReferral }
            #expect(referrals.count == 2)
            #expect(referrals.allSatisfy { $0.dueAt == testNow.addingTimeInterval(24 * 3600) && $0.owner.id == team.officer.user.id })
            // testNow is a Sunday, 10:00: the school must know by Monday 08:00.
            #expect(view.tasks.filter { $0.kind == .schoolNotification }.map(\.dueAt) == [testNow.addingTimeInterval(22 * 3600)])
            #expect(
                view.tasks.filter { $0.kind == .safetyAction }.map(\.title).sorted()
                    == [SafetyToolkit.cambridgeshire[4], SafetyToolkit.cambridgeshire[8]].sorted())
            let evidence = try #require(view.scenes[incident.id]?.evidenceCompleteness)
            #expect(evidence.gathered == 5 && evidence.applicable == 6 && evidence.evidenceLed)

            // One scene record per incident: a second is refused and writes nothing.
            await #expect(throws: DomainError.self) { try await store.service.recordScene(team.officer, incidentID: incident.id, draft: sceneDraft()) }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'childrens_social_care_referral'") == 2)
        }
    }

    @Test(
        "Rule 10: evidence gathered after the scene is saved with its history; her withdrawal gives the investigator an evidence-led task and her owner a reassessment",
        arguments: TestEngine.available)
    func rule10EvidenceAfterTheScene(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let investigator = try await store.actor(.investigator, username: "dc")
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            // Not before the scene is recorded.
            await #expect(throws: DomainError.self) {
                try await store.service.updateEvidence(
                    team.officer, incidentID: incident.id, draft: EvidenceUpdateDraft(evidence: ["house_to_house": "gathered"]))
            }
            _ = try await store.service.recordScene(team.officer, incidentID: incident.id, draft: sceneDraft())
            let caseID = try #require(try await store.service.viewIncidentRecord(team.officer, id: incident.id).cases.first?.id)
            _ = try await store.service.assignInvestigator(team.sergeant, caseID: caseID, investigatorID: investigator.user.id)

            store.clock.advance(by: 3600)
            let gathered = try await store.service.updateEvidence(
                investigator, incidentID: incident.id,
                draft: EvidenceUpdateDraft(evidence: ["house_to_house": "gathered"], note: "Two neighbours heard shouting."))
            #expect(gathered.evidenceCompleteness.missing.isEmpty)
            store.clock.advance(by: 3600)
            let withdrawn = try await store.service.updateEvidence(
                team.officer, incidentID: incident.id,
                draft: EvidenceUpdateDraft(
                    evidence: ["body_worn_video": "not_yet"], victimSupportsAction: "no", note: "She rang: will not make a statement, afraid of his family."))
            #expect(withdrawn.evidenceCompleteness.evidenceLed)

            // Stored and read back whole, with its history in order, on both the incident and the case.
            let stored = try #require(try await store.service.viewIncidentRecord(team.officer, id: incident.id).scene)
            #expect(stored.victimSupportsAction == .no && stored.evidence[.houseToHouse] == .gathered && stored.evidence[.bodyWornVideo] == .notYet)
            #expect(stored.evidenceHistory.map(\.byUsername) == ["dc", team.officer.user.username])
            #expect(stored.evidenceHistory.last?.changes.contains("Victim supports police action: yes → no") == true)
            #expect(stored.evidenceHistory.last?.at == store.clock.now())
            #expect(try await store.count("SELECT COUNT(*) AS n FROM scene_evidence_changes WHERE previous_supports = 'yes' AND seq = 2") == 1)
            let view = try await store.service.viewCase(team.officer, caseID: caseID)
            #expect(view.scenes[incident.id]?.evidenceHistory.count == 2)

            let evidenceLed = view.tasks.filter { $0.kind == .evidenceLedCase }
            #expect(evidenceLed.count == 1 && evidenceLed.first?.owner.id == investigator.user.id)
            #expect(evidenceLed.first?.title.contains("Body-worn video") == true)
            let reassess = view.tasks.filter { $0.kind == .reassessRisk && $0.source == "evidence:\(incident.id)" }
            #expect(reassess.count == 1 && reassess.first?.owner.id == view.safeguardingCase.owner.id)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'update_evidence'") == 2)

            // A refusal writes nothing; a call handler may not change evidence.
            await #expect(throws: DomainError.self) {
                try await store.service.updateEvidence(team.officer, incidentID: incident.id, draft: EvidenceUpdateDraft(evidence: ["house_to_house": "lost"]))
            }
            await #expect(throws: DomainError.self) {
                try await store.service.updateEvidence(
                    team.handler, incidentID: incident.id, draft: EvidenceUpdateDraft(evidence: ["house_to_house": "not_yet"]))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM scene_evidence_changes") == 2)
        }
    }

    @Test(
        "Rule 11: no arrest of a known suspect for a recorded crime goes to the sergeant's queue, who closes it with a finding", arguments: TestEngine.available
    )
    func rule11NoArrestReachesSergeant(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            _ = try await store.service.recordScene(
                team.officer, incidentID: incident.id,
                draft: sceneDraft(
                    arrested: false, rationale: "Suspect had left before we arrived; area search negative; circulated as wanted on PNC."))
            let queue = try await store.service.noArrestQueue(team.sergeant)
            #expect(queue.map(\.incidentReference) == [incident.reference])
            #expect(queue.first?.task.owner.id == team.sergeant.user.id)
            #expect(queue.first?.rationale.contains("circulated as wanted") == true)
            // Another team's sergeant does not see it: each sergeant's queue is their own officers' decisions.
            #expect(try await store.service.noArrestQueue(try await store.actor(.sergeant, username: "sgt-other-team")).isEmpty)
            await #expect(throws: DomainError.self) { try await store.service.noArrestQueue(team.officer) }
            // The officer cannot close the review of their own decision.
            await #expect(throws: DomainError.self) {
                try await store.service.completeTask(team.officer, taskID: try #require(queue.first?.task.id), outcome: "Fine by me.")
            }
            _ = try await store.service.completeTask(
                team.sergeant, taskID: try #require(queue.first?.task.id),
                outcome: "Agreed; arrest within 24 hours on return — tasked to early turn.")
            #expect(try await store.service.noArrestQueue(team.sergeant).isEmpty)
            // Rule 15: the crime needs its investigator; the sergeant has a task to name one, closed by naming one.
            let caseID = try #require(try await store.service.viewIncidentRecord(team.sergeant, id: incident.id).cases.first?.id)
            let naming = try #require(try await store.service.viewCase(team.sergeant, caseID: caseID).tasks.first { $0.kind == .nameInvestigator })
            #expect(naming.owner.id == team.sergeant.user.id && naming.completedAt == nil)
            let investigator = try await store.actor(.investigator)
            _ = try await store.service.assignInvestigator(team.sergeant, caseID: caseID, investigatorID: investigator.user.id)
            #expect(try await store.service.viewCase(team.sergeant, caseID: caseID).tasks.first { $0.kind == .nameInvestigator }?.completedAt != nil)
        }
    }

    @Test("Rule 14: childCannotBeInterpreter — a party under 18 named as interpreter is refused and nothing is written", arguments: TestEngine.available)
    func childCannotBeInterpreterStored(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            var call = sampleCall(victimID: victim.id)
            call.parties.append(CallPartyDraft(role: "witness", newPerson: PersonDraft(firstName: "Ola", surname: "Okafor", dateOfBirth: "2011-06-01")))
            let incident = try await store.service.openIncident(team.handler, draft: call).incident
            let teenager = try #require(incident.parties.first { $0.role == .witness }?.personID)
            do {
                _ = try await store.service.recordScene(
                    team.officer, incidentID: incident.id, draft: sceneDraft(actions: [SafetyToolkit.cambridgeshire[0]], interpreterPersonID: teenager))
                Issue.record("a child was accepted as interpreter")
            } catch let DomainError.invalid(errors) {
                #expect(errors == [FieldError("interpreter_person_id", SceneRules.childInterpreterMessage)])
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM scene_records") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'safety_action'") == 0)
            // An adult party may interpret.
            _ = try await store.service.recordScene(team.officer, incidentID: incident.id, draft: sceneDraft(interpreterPersonID: victim.id))
        }
    }

    @Test("Rule 13: when each accuses the other, both histories are side by side", arguments: TestEngine.available)
    func rule13CounterAllegationSideBySide(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let suspectID = try #require(incident.suspects.first?.personID)
            try await insertIncident(
                store, id: "old-1", reference: "DA-2025-000007", occurredAt: testNow.addingTimeInterval(-90 * 86_400),
                parties: [(suspectID, "victim"), (victim.id, "suspect")])
            let view = try await store.service.counterAllegation(team.officer, incidentID: incident.id)
            #expect(view.victim.person.id == victim.id)
            #expect(view.suspect.person.id == suspectID)
            #expect(view.suspect.history.contains { $0.reference == "DA-2025-000007" && $0.role == .victim })
            #expect(view.victim.history.contains { $0.reference == "DA-2025-000007" && $0.role == .suspect })
        }
    }
}
