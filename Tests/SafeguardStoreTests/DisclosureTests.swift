import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rule 26 on both databases: a Clare's Law application through its steps, its clocks as escalating tasks, the
/// scheme's figures, and the applicant hidden from every role that deals with the subject.
@Suite("Clare's Law", .serialized)
struct DisclosureTests {
    @Test(
        "Rule 26: right to ask — checks within 24 hours and a decision within 28 days are tasks that escalate; the steps go in order; the forum's four tests and reasons are kept; the disclosure is spoken with a safety plan; the figures count it",
        arguments: TestEngine.available)
    func rule26ApplicationWorkflowAndClocks(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            let applied = try await store.service.applyForDisclosure(
                team.specialist,
                draft: DisclosureApplicationDraft(
                    route: "right_to_ask", applicantName: "Grace Okafor", applicantRelationship: "her mother", applicantContact: "07700 900777 after 6pm",
                    atRiskPersonID: her.victim.id, subjectPersonID: her.suspectID))
            let id = applied.application.id
            #expect(applied.application.decisionDueAt == testNow.addingTimeInterval(28 * 86_400) && applied.overdue.isEmpty)
            let work = try await store.service.myWork(team.specialist).tasks.filter { $0.source == "dvds:\(id)" }
            #expect(Set(work.map(\.kind)) == [.dvdsInitialChecks, .dvdsDecision] && work.allSatisfy { !$0.title.contains("Grace") })
            // Late checks show as late and escalate to the specialist's sergeant, as every task does.
            store.clock.advance(by: 25 * 3600)
            #expect(try await store.service.disclosureApplication(team.specialist, id: id).overdue == ["initial checks"])
            _ = try await store.service.runClocks()
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'dvds_initial_checks' AND escalated_to IS NOT NULL") == 1)
            do {
                _ = try await store.service.recordDisclosureStep(
                    team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "research", note: "PNC and local records"))
                Issue.record("research before the initial checks was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["kind"])
            }
            _ = try await store.service.recordDisclosureStep(
                team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "initial_checks", immediateRisk: false))
            _ = try await store.service.recordDisclosureStep(
                team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "identity_verified", note: "Seen at the station with her passport"))
            _ = try await store.service.recordDisclosureStep(
                team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "research", note: "Two previous partners: assaults in 2019 and 2022"))
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordDisclosureStep(
                    team.specialist, applicationID: id,
                    draft: DisclosureStepDraft(
                        kind: "forum_decision", pressingNeed: true, lawful: true, necessary: false, proportionate: true, disclose: true,
                        reasons: "He is dangerous to her"))
            }
            _ = try await store.service.recordDisclosureStep(
                team.specialist, applicationID: id,
                draft: DisclosureStepDraft(
                    kind: "forum_decision", pressingNeed: true, lawful: true, necessary: true, proportionate: true, disclose: true,
                    reasons: "Two previous partners assaulted; she is pregnant and living with him"))
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordDisclosureStep(
                    team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "disclosure_made", method: "letter", safetyPlan: "x"))
            }
            let told = try await store.service.recordDisclosureStep(
                team.specialist, applicationID: id,
                draft: DisclosureStepDraft(kind: "disclosure_made", method: "in_person", safetyPlan: "Codeword with her sister; IDVA referral made"))
            #expect(told.application.disclosed && told.application.forum?.disclose == true)
            #expect(try await store.service.myWork(team.specialist).tasks.filter { $0.source == "dvds:\(id)" }.isEmpty)
            let figures = try await store.service.disclosureApplications(team.specialist).figures
            #expect(
                figures.applications == 1 && figures.rightToAsk == 1 && figures.disclosed == 1 && figures.disclosureRate == 1
                    && figures.medianDaysToDecision == 1)
        }
    }

    @Test(
        "Rule 26: the research reads his history from every record confirmed to be him — incidents on his other record, the women he harmed, his orders — and reading it is audited with its purpose",
        arguments: TestEngine.available)
    func rule26SubjectHistoryAcrossConfirmedRecords(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            // An earlier partner called about him under another name: a second record, later confirmed to be him.
            let earlier = try await store.service.createPerson(team.handler, draft: sampleDraft(surname: "Patel", phone: "07700 900456"))
            let other = try await store.service.openIncident(
                team.handler, draft: sampleCall(victimID: earlier.id, suspect: PersonDraft(firstName: "Darren", surname: "Holt", dateOfBirth: "1983-02-01")))
            let alias = other.incident.suspects[0].personID
            try await store.service.decideLink(
                team.specialist, personID: her.suspectID, otherPersonID: alias, decision: .confirm, reason: "Same man: custody photograph and tattoos")
            _ = try await store.service.recordOrder(
                team.officer, subjectID: alias, draft: OrderDraft(kind: "non_molestation", protectedPersonID: earlier.id, terms: "Not to contact her"))
            let applied = try await store.service.applyForDisclosure(
                team.specialist,
                draft: DisclosureApplicationDraft(
                    route: "right_to_ask", applicantName: "Grace Okafor", applicantRelationship: "her mother", atRiskPersonID: her.victim.id,
                    subjectPersonID: her.suspectID))
            let history = applied.subjectHistory
            #expect(Set(history.recordIDs) == [her.suspectID, alias])
            #expect(history.incidents.count == 2 && history.asSuspect == 2 && history.victims == 2)
            #expect(history.incidents.contains { $0.id == other.incident.id && $0.linkedRecordID == alias })
            #expect(history.orders.map(\.kind) == [.nonMolestation])
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_person' AND record_id = '\(her.suspectID)' AND reason LIKE 'Clare''s Law application %'"
                ) == 1)
        }
    }

    @Test(
        "Rule 26: the applicant's identity is hidden from every role that deals with the subject — no other role can open an application, and his record, briefing and the lists never name her",
        arguments: TestEngine.available)
    func rule26ApplicantHiddenFromEveryOtherRole(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            let applied = try await store.service.applyForDisclosure(
                team.specialist,
                draft: DisclosureApplicationDraft(
                    route: "right_to_ask", applicantName: "Zephyrine Applicant", applicantRelationship: "his new partner", subjectPersonID: her.suspectID))
            for role in Role.allCases where role != .daSpecialist {
                let actor = try await store.actor(role, username: "r-\(role.rawValue.replacingOccurrences(of: "_", with: ""))")
                await #expect(throws: DomainError.self, "\(role) opened an application") {
                    _ = try await store.service.disclosureApplication(actor, id: applied.application.id)
                }
                await #expect(throws: DomainError.self, "\(role) listed applications") { _ = try await store.service.disclosureApplications(actor) }
                await #expect(throws: DomainError.self, "\(role) recorded a step") {
                    _ = try await store.service.recordDisclosureStep(
                        actor, applicationID: applied.application.id, draft: DisclosureStepDraft(kind: "closed", note: "no longer needed"))
                }
                await #expect(throws: DomainError.self, "\(role) received an application") {
                    _ = try await store.service.applyForDisclosure(
                        actor, draft: DisclosureApplicationDraft(route: "right_to_know", subjectPersonID: her.suspectID))
                }
            }
            // What those dealing with him read of him says nothing of the application or who made it.
            let encoder = JSONEncoder()
            let record = try await store.service.viewPerson(team.officer, id: her.suspectID, reason: nil)
            let briefing = try await store.service.briefing(team.officer, incidentID: her.incident.id)
            for text in [String(decoding: try encoder.encode(record), as: UTF8.self), String(decoding: try encoder.encode(briefing), as: UTF8.self)] {
                #expect(!text.contains("Zephyrine") && !text.contains("DVDS-"))
            }
        }
    }

    @Test(
        "Rule 26: no decision by the 28th day shows late and its task escalates; closing the application meets both clocks and ends the steps",
        arguments: TestEngine.available)
    func rule26DecisionClockAndClosing(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            let applied = try await store.service.applyForDisclosure(
                team.specialist,
                draft: DisclosureApplicationDraft(
                    route: "right_to_know", applicantName: "PC Amara Okafor", applicantRelationship: "police: intelligence of a new relationship",
                    subjectPersonID: her.suspectID))
            let id = applied.application.id
            _ = try await store.service.recordDisclosureStep(
                team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "initial_checks", immediateRisk: true))
            _ = try await store.service.recordDisclosureStep(
                team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "immediate_risk_action", note: "Safeguarding visit made the same night"))
            store.clock.advance(by: 27 * 86_400)
            #expect(try await store.service.disclosureApplication(team.specialist, id: id).overdue.isEmpty)
            store.clock.advance(by: 2 * 86_400)
            #expect(try await store.service.disclosureApplication(team.specialist, id: id).overdue == ["the decision"])
            _ = try await store.service.runClocks()
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'dvds_decision' AND escalated_to IS NOT NULL") == 1)
            let closed = try await store.service.recordDisclosureStep(
                team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "closed", note: "She ended the relationship and moved away"))
            #expect(closed.overdue.isEmpty && closed.application.isClosed)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE source = 'dvds:\(id)' AND completed_at IS NULL") == 0)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordDisclosureStep(
                    team.specialist, applicationID: id, draft: DisclosureStepDraft(kind: "research", note: "anything more after closing"))
            }
        }
    }
}
