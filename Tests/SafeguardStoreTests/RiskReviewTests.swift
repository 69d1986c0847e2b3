import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Reviewing risk assessments", .serialized)
struct RiskReviewTests {
    @Test(
        "Rule 16: every assessment reaches the sergeant's queue, flagged first; the sergeant changes the level in place, the decision is kept and the level joins the history",
        arguments: TestEngine.available)
    func rule16SergeantChangesLevelInPlace(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let sergeant = try await store.actor(.sergeant)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let plain = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 3, level: "standard"))
            store.clock.advance(by: 60)
            // The high-risk floor: 15 yes answers judged medium is refused, naming the level, and writes nothing.
            await #expect(throws: DomainError.self) {
                try await store.service.recordRiskAssessment(
                    officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 15, level: "medium"))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_assessments") == 1)
            // A second incident's assessment takes her case to high; a third, lower than the case, reaches the reviewer flagged.
            let later = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let raised = try await store.service.recordRiskAssessment(
                officer, incidentID: later.id, draft: try dashDraft(victimID: victim.id, yes: 15, level: "high"))
            store.clock.advance(by: 60)
            let flagged = try await store.service.recordRiskAssessment(
                officer, incidentID: later.id, draft: try dashDraft(victimID: victim.id, yes: 4, level: "medium"))
            #expect(flagged.flaggedForReview)

            let queue = try await store.service.reviewQueue(sergeant)
            #expect(queue.map(\.assessment.id) == [flagged.id, raised.id, plain.id])
            #expect(queue.first?.incidentReference == later.reference)

            store.clock.advance(by: 60)
            let changed = try await store.service.reviewRiskAssessment(
                sergeant, assessmentID: flagged.id,
                draft: RiskReviewDraft(
                    qualityNote: "Strangulation answer contradicts the officer's notes", newLevel: "high", reason: "risk_factor_missed",
                    explanation: "Victim told the call handler he strangled her; the form says no."))
            #expect(changed.level == .medium)  // the officer's judgement is kept as it was
            #expect(changed.currentLevel == .high)
            #expect(changed.decisions.map(\.toLevel) == [.high])
            #expect(changed.review?.byUsername == sergeant.user.username)
            #expect(try await store.service.reviewQueue(sergeant).map(\.assessment.id) == [raised.id, plain.id])
            let briefing = try await store.service.briefing(officer, incidentID: later.id)
            #expect(briefing.people.first { $0.role == .victim }?.riskLevels.first?.level == .high)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_level_decisions") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'review_risk_assessment'") == 1)
        }
    }

    @Test("Rule 16: nobody reviews their own assessment; the queue puts high risk before older standard ones", arguments: TestEngine.available)
    func rule16NoSelfReviewAndHighFirst(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let sergeant = try await store.actor(.sergeant)
            let other = try await store.actor(.sergeant, username: "sgt-two")
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let first = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let standard = try await store.service.recordRiskAssessment(
                officer, incidentID: first.id, draft: try dashDraft(victimID: victim.id, yes: 2, level: "standard"))
            store.clock.advance(by: 3600)
            let second = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let high = try await store.service.recordRiskAssessment(
                sergeant, incidentID: second.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "high"))
            #expect(try await store.service.reviewQueue(other).map(\.assessment.id) == [high.id, standard.id])
            await #expect(throws: DomainError.forbidden("You made this assessment; another supervisor must review it.")) {
                try await store.service.reviewRiskAssessment(sergeant, assessmentID: high.id, draft: RiskReviewDraft(qualityNote: "Fine"))
            }
            _ = try await store.service.reviewRiskAssessment(other, assessmentID: high.id, draft: RiskReviewDraft(qualityNote: "Thorough; agreed."))
        }
    }

    @Test(
        "Rule 16: a downgrade with no new information is kept, flagged, and set as a scrutiny task for the reviewer's supervisor; capacity is refused and writes nothing; an officer may not review",
        arguments: TestEngine.available)
    func rule16DowngradeScrutinyAndCapacity(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let (handler, officer, sergeant) = (team.handler, team.officer, team.sergeant)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let assessment = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 6, level: "high"))
            await #expect(throws: DomainError.self) {
                try await store.service.reviewRiskAssessment(
                    sergeant, assessmentID: assessment.id,
                    draft: RiskReviewDraft(
                        newLevel: "medium", reason: "professional_judgement", explanation: "Unit is at capacity with high-risk cases this month."))
            }
            await #expect(throws: DomainError.self) {
                try await store.service.reviewRiskAssessment(officer, assessmentID: assessment.id, draft: RiskReviewDraft(qualityNote: "fine"))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_level_decisions") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_assessments WHERE reviewed_at IS NOT NULL") == 0)
            let downgraded = try await store.service.reviewRiskAssessment(
                sergeant, assessmentID: assessment.id,
                draft: RiskReviewDraft(
                    newLevel: "medium", reason: "risk_factor_overstated", explanation: "The threat was to damage the car, not to kill her."))
            #expect(downgraded.decisions.first?.flaggedForScrutiny == true)
            // Flagged means someone above the reviewer looks: a task for the sergeant's own supervisor.
            let scrutiny = try await store.service.myWork(team.inspector).tasks.filter { $0.kind == .scrutiniseDowngrade }
            #expect(scrutiny.count == 1 && scrutiny.first?.title.contains("from high to medium with no new information") == true)
            #expect(scrutiny.first?.caseID != nil && scrutiny.first?.incidentID == incident.id)
        }
    }

    @Test(
        "Rule 16: with no supervisor above the reviewer and no other sergeant, the scrutiny goes to a DA specialist, never back to the reviewer",
        arguments: TestEngine.available)
    func rule16ScrutinyNeverGoesBackToTheReviewer(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let sergeant = try await store.actor(.sergeant)
            let specialist = try await store.actor(.daSpecialist)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let assessment = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 6, level: "high"))
            _ = try await store.service.reviewRiskAssessment(
                sergeant, assessmentID: assessment.id,
                draft: RiskReviewDraft(
                    newLevel: "medium", reason: "professional_judgement", explanation: "The threat was to damage the car, not to kill her.",
                    newInformation: "n/a"))
            #expect(try await store.service.myWork(specialist).tasks.filter { $0.kind == .scrutiniseDowngrade }.count == 1)
            #expect(try await store.service.myWork(sergeant).tasks.filter { $0.kind == .scrutiniseDowngrade }.isEmpty)
        }
    }

    @Test(
        "Rule 16: an officer's fresh assessment that puts her below her case's level is a recorded change, flagged first on the sergeant's queue",
        arguments: TestEngine.available)
    func rule16ReassessmentThatLowersRiskIsFlagged(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let first = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let high = try await store.service.recordRiskAssessment(
                team.specialist, incidentID: first.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "high"))
            #expect(!high.flaggedForReview)
            let caseID = try #require(try await store.service.myWork(team.specialist).offered.first?.id)
            _ = try await store.service.acceptHandover(team.specialist, caseID: caseID)
            store.clock.advance(by: 86_400)
            let second = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let lower = try await store.service.recordRiskAssessment(
                team.officer, incidentID: second.id, draft: try dashDraft(victimID: victim.id, yes: 3, level: "standard"))
            #expect(lower.flagReasons == ["Lower than her case's current level (high): a reassessment that lowers her risk must be checked"])
            #expect(try await store.service.reviewQueue(team.sergeant).first?.assessment.id == lower.id)
            // Her specialist keeps her: nothing is offered down to a response officer until a reviewer has looked.
            let held = try await store.service.viewCase(team.sergeant, caseID: caseID).safeguardingCase
            #expect(held.owner.id == team.specialist.user.id && held.pendingHandover == nil && held.riskLevel == .standard)
            // The case keeps the change as a decision: who, when, from and to, and which assessment.
            let changes = try await store.service.viewCase(team.sergeant, caseID: caseID).timeline.filter { $0.detail?.contains("high → standard") == true }
            #expect(changes.count == 1 && changes.first?.detail?.contains("assessment:\(lower.id)") == true)
            #expect(changes.first?.at == store.clock.now())
        }
    }

    @Test(
        "Rule 17: a specialist's queue is the dip sample of standard-risk assessments; the specialist's secondary review is recorded the same way",
        arguments: TestEngine.available)
    func rule17DipSampleQueue(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.dipSampleShare = 1.0  // every standard-risk assessment, so the test is certain
        try await TestStore.with(engine, policy: policy) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let specialist = try await store.actor(.daSpecialist)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let standard = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 1, level: "standard"))
            _ = try await store.service.recordRiskAssessment(officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "high"))
            #expect(standard.dipSample)
            #expect(try await store.service.reviewQueue(specialist).map(\.assessment.id) == [standard.id])
            let secondary = try await store.service.reviewRiskAssessment(
                specialist, assessmentID: standard.id,
                draft: RiskReviewDraft(
                    qualityNote: "Called the victim back", newLevel: "medium", reason: "new_information",
                    explanation: "Victim disclosed escalating threats by text.",
                    newInformation: "Forty messages overnight, two threatening"))
            #expect(secondary.currentLevel == .medium && secondary.dipReview?.byUsername == specialist.user.username && secondary.review == nil)
            #expect(secondary.decisions.first?.byRole == .daSpecialist)
            #expect(try await store.service.reviewQueue(specialist).isEmpty)
        }
    }
}

@Suite("Supervision has clocks", .serialized)
struct SupervisionClockTests {
    @Test(
        "Rules 16 and 17, supervision has clocks: each assessment sets its review for the officer's sergeant, due in the policy's hours for its level, shown in the queue, late and escalated when missed, and done by the review; a dip-sampled one sets a specialist's task due in the policy's days",
        arguments: TestEngine.available)
    func rule16ReviewsHaveClocks(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.dipSampleShare = 1.0  // every standard-risk assessment, so the test is certain
        try await TestStore.with(engine, policy: policy) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let high = try await store.service.recordRiskAssessment(
                team.officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "high"))
            let standard = try await store.service.recordRiskAssessment(
                team.officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 1, level: "standard"))

            var queue = try await store.service.reviewQueue(team.sergeant)
            let highItem = try #require(queue.first { $0.assessment.id == high.id })
            let standardItem = try #require(queue.first { $0.assessment.id == standard.id })
            #expect(highItem.dueAt == testNow.addingTimeInterval(24 * 3600) && highItem.owedBy?.id == team.sergeant.user.id && !highItem.overdue)
            #expect(standardItem.dueAt == testNow.addingTimeInterval(72 * 3600))
            let dip = try #require(try await store.service.reviewQueue(team.specialist).first { $0.assessment.id == standard.id })
            #expect(dip.dueAt == testNow.addingTimeInterval(7 * 86_400) && dip.owedBy?.id == team.specialist.user.id)

            // Closing the task by hand is refused: the review does it.
            let task = try #require(
                try await store.service.myWork(team.sergeant).tasks.first {
                    $0.kind == .reviewAssessment && $0.incidentID == incident.id && $0.title.contains("high")
                })
            await #expect(throws: DomainError.self) { try await store.service.completeTask(team.sergeant, taskID: task.id, outcome: "Looked at it") }

            // A day and an hour later, unreviewed: late in the queue, and escalated to the sergeant's own supervisor.
            store.clock.advance(by: 25 * 3600)
            queue = try await store.service.reviewQueue(team.sergeant)
            #expect(queue.first { $0.assessment.id == high.id }?.overdue == true)
            _ = try await store.service.runClocks()
            queue = try await store.service.reviewQueue(team.sergeant)
            #expect(queue.first { $0.assessment.id == high.id }?.owedBy?.id == team.inspector.user.id)

            // The review itself stops the clock.
            _ = try await store.service.reviewRiskAssessment(team.sergeant, assessmentID: high.id, draft: RiskReviewDraft(qualityNote: "Thorough"))
            #expect(try await store.service.myWork(team.sergeant).tasks.first { $0.id == task.id } == nil)
            let done = try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'review_assessment' AND completed_at IS NOT NULL")
            #expect(done == 1)
        }
    }
}
