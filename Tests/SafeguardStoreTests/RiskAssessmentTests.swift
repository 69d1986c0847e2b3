import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Risk assessments stored", .serialized)
struct RiskAssessmentTests {
    @Test(
        "Rule 7: an assessment is stored whole for a victim of the incident, its level reaches the briefing, and it is audited", arguments: TestEngine.available
    )
    func rule7AssessmentStored(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let saved = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 4, level: "high"))
            #expect(saved.yesCount == 4 && saved.level == .high)
            let record = try await store.service.viewIncidentRecord(officer, id: incident.id)
            #expect(record.assessments == [saved])
            #expect(record.assessments.first?.answers.first { $0.questionID == "injury" }?.note == "cut lip")
            let briefing = try await store.service.briefing(officer, incidentID: incident.id)
            #expect(briefing.people.first { $0.role == .victim }?.riskLevels.map(\.level) == [.high])
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'record_risk_assessment'") == 1)
        }
    }

    @Test(
        "Rule 7: every incident's victim is to be assessed — a new case starts with that task, due within 24 hours, and the assessment closes it",
        arguments: TestEngine.available)
    func rule7EveryIncidentGetsAnAssessmentTask(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let record = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id))
            let caseID = try #require(record.cases.first?.id)
            let waiting = try await store.service.viewCase(officer, caseID: caseID).tasks.filter { $0.kind == .reassessRisk }
            #expect(waiting.count == 1 && waiting[0].completedAt == nil)
            #expect(record.tasksSetByCall?.map(\.id) == waiting.map(\.id))  // the call's answer says what it set
            #expect(waiting.first?.title.contains("assess the victim's risk for incident \(record.incident.reference)") == true)
            #expect(waiting.first?.dueAt == store.clock.now().addingTimeInterval(24 * 3600))
            store.clock.advance(by: 3600)
            _ = try await store.service.recordRiskAssessment(
                officer, incidentID: record.incident.id, draft: try dashDraft(victimID: victim.id, yes: 3, level: "standard"))
            let answered = try await store.service.viewCase(officer, caseID: caseID).tasks.filter { $0.kind == .reassessRisk }
            #expect(answered.count == 1 && answered[0].completedAt == store.clock.now() && answered[0].outcome?.contains("standard") == true)
        }
    }

    @Test(
        "Rule 7: only a victim of the incident can be assessed on it; a call handler may not assess; nothing is written on refusal",
        arguments: TestEngine.available)
    func rule7AssessmentRefusals(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let bystander = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Pat", surname: "Neighbour"))
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            await #expect(throws: DomainError.invalid([FieldError("victim_person_id", "That person is not a victim on \(incident.reference).")])) {
                try await store.service.recordRiskAssessment(
                    officer, incidentID: incident.id, draft: try dashDraft(victimID: bystander.id, yes: 2, level: "standard"))
            }
            await #expect(throws: DomainError.self) {
                try await store.service.recordRiskAssessment(
                    handler, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 2, level: "standard"))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_assessments") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_levels") == 0)
        }
    }

    @Test(
        "Rule 7: a force on another instrument file assesses on it — stored with its id and version — and DASH's answers are refused",
        arguments: TestEngine.available)
    func rule7ForceUsesItsInstrumentFile(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.riskInstrument = "dara-force-variant"
        try await TestStore.with(engine, policy: policy) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            #expect(try store.service.riskInstrument().id == "dara-force-variant")
            await #expect(throws: DomainError.self) {
                try await store.service.recordRiskAssessment(
                    officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 2, level: "standard"))
            }
            let saved = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try assessmentDraft(instrumentID: "dara-force-variant", victimID: victim.id, yes: 3, level: "high"))
            #expect(saved.instrumentID == "dara-force-variant" && saved.instrumentVersion == 1 && saved.yesCount == 3)
            let stored = try await store.service.viewIncidentRecord(officer, id: incident.id).assessments
            #expect(stored == [saved])
            #expect(stored.first?.answers.first { $0.questionID == "choked" }?.answer == .yes)
            // An officer may still name the force's earlier instrument explicitly, for an assessment begun on it.
            let dash = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id,
                draft: try assessmentDraft(instrumentID: "dash-2009", victimID: victim.id, yes: 2, level: "high", sendInstrumentID: true))
            #expect(dash.instrumentID == "dash-2009")
        }
    }
}
