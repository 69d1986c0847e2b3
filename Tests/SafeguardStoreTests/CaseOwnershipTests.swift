import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// A small team: an officer and a specialist under a sergeant, the sergeant under an inspector (a sergeant account).
struct Team {
    let handler: Actor, officer: Actor, specialist: Actor, sergeant: Actor, inspector: Actor

    static func make(_ store: TestStore) async throws -> Team {
        let team = Team(
            handler: try await store.actor(.callHandler), officer: try await store.actor(.responseOfficer),
            specialist: try await store.actor(.daSpecialist), sergeant: try await store.actor(.sergeant),
            inspector: try await store.actor(.sergeant, username: "inspector"))
        for member in [team.officer, team.specialist] {
            try await store.service.setSupervisor(userID: member.user.id, supervisorID: team.sergeant.user.id, by: nil)
        }
        try await store.service.setSupervisor(userID: team.sergeant.user.id, supervisorID: team.inspector.user.id, by: nil)
        return team
    }
}

@Suite("Cases and their one owner", .serialized)
struct CaseOwnershipTests {
    /// A victim assessed at standard risk by the officer: her case, which the officer owns, and the team.
    static func standardCase(_ store: TestStore) async throws -> (team: Team, caseID: String) {
        let team = try await Team.make(store)
        let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
        let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
        _ = try await store.service.recordRiskAssessment(
            team.officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 2, level: "standard"))
        // Drawn for the dip sample or not (a random draw), the specialist has already checked it: the clocks' tests count
        // only the tasks they set.
        for item in try await store.service.reviewQueue(team.specialist) {
            _ = try await store.service.reviewRiskAssessment(team.specialist, assessmentID: item.assessment.id, draft: RiskReviewDraft(qualityNote: "Agreed"))
        }
        return (team, try #require(try await store.service.myWork(team.officer).cases.first?.id))
    }

    /// The same, with a neighbourhood visit on her plan owned by the specialist: the clocks' test bed.
    static func standardCaseWithVisit(_ store: TestStore) async throws -> (team: Team, caseID: String, action: CaseTask) {
        let (team, caseID) = try await standardCase(store)
        let action = try await store.service.addSafetyAction(
            team.officer, caseID: caseID, action: "Neighbourhood visit", ownerID: team.specialist.user.id, dueAt: nil)
        return (team, caseID, action)
    }
    @Test(
        "Rule 15: an incident with a victim opens her case with a named owner; her next incident, under a record confirmed to be her, joins it",
        arguments: TestEngine.available)
    func rule15IncidentOpensOrJoinsCase(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let first = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id))
            let opened = try #require(first.cases.first)
            #expect(first.cases.count == 1)
            #expect(opened.owner.id == team.officer.user.id)  // unassessed: allocated as standard, to a response officer
            #expect(opened.reference.hasPrefix("SG-2026-"))

            let maiden = try await store.service.createPerson(team.handler, draft: sampleDraft(surname: "Adeyemi", phone: "07700 900555"))
            try await store.service.decideLink(
                team.handler, personID: maiden.id, otherPersonID: victim.id, decision: .confirm, reason: "maiden name, same date of birth")
            store.clock.advance(by: 3600)
            let second = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: maiden.id))
            #expect(second.cases.map(\.id) == [opened.id])
            #expect(try await store.service.viewCase(team.officer, caseID: opened.id).safeguardingCase.incidentIDs.count == 2)
            // Judged high on the incident filed under her maiden name: her one case takes the level and its review clock.
            _ = try await store.service.recordRiskAssessment(
                team.officer, incidentID: second.incident.id, draft: try dashDraft(victimID: maiden.id, yes: 9, level: "high"))
            let view = try await store.service.viewCase(team.officer, caseID: opened.id)
            #expect(view.safeguardingCase.riskLevel == .high)
            #expect(view.incidents.count == 2)
            #expect(view.tasks.contains { $0.kind == .safetyPlanReview && $0.dueAt == second.incident.occurredAt.addingTimeInterval(24 * 3600) })
            #expect(try await store.count("SELECT COUNT(*) AS n FROM cases") == 1)
            // The database itself refuses a case without an owner.
            await #expect(throws: (any Error).self) { try await store.execute("UPDATE cases SET owner_user_id = NULL") }
        }
    }

    @Test(
        "Rule 15: handoverIsNotOwnershipUntilAccepted — a high-risk judgement offers the case to a specialist; the officer owns it until she accepts",
        arguments: TestEngine.available)
    func handoverIsNotOwnershipUntilAccepted(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            _ = try await store.service.recordRiskAssessment(
                team.officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "high"))
            let caseID = try #require(try await store.service.myWork(team.officer).cases.first?.id)
            var view = try await store.service.viewCase(team.officer, caseID: caseID)
            #expect(view.safeguardingCase.owner.id == team.officer.user.id)
            #expect(view.safeguardingCase.pendingHandover?.to.id == team.specialist.user.id)
            #expect(view.safeguardingCase.riskLevel == .high)
            #expect(try await store.service.myWork(team.specialist).offered.map(\.id) == [caseID])
            // The offer is a dated task for her, so an unanswered offer escalates like any late task.
            #expect(try await store.service.myWork(team.specialist).tasks.contains { $0.kind == .reallocateCase && $0.caseID == caseID })
            // Nobody can accept for her, and an offer to someone away is refused.
            await #expect(throws: DomainError.self) { try await store.service.acceptHandover(team.sergeant, caseID: caseID) }

            // She calls again before the specialist accepts: the new incident's assessment task is the owner's, the officer's.
            let again = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id))
            #expect(again.tasksSetByCall?.filter { $0.kind == .reassessRisk }.map(\.owner.id) == [team.officer.user.id])

            store.clock.advance(by: 600)
            let accepted = try await store.service.acceptHandover(team.specialist, caseID: caseID)
            #expect(accepted.owner.id == team.specialist.user.id)
            #expect(accepted.pendingHandover == nil)
            view = try await store.service.viewCase(team.specialist, caseID: caseID)
            // The review task moved with the case; the history says who owned it when.
            // (the second call set its own plan review beside the scheduled one: both follow her owner)
            #expect(Set(view.tasks.filter { $0.kind == .safetyPlanReview && $0.completedAt == nil }.map(\.owner.id)) == [team.specialist.user.id])
            #expect(view.tasks.filter { $0.kind == .reassessRisk && $0.completedAt == nil }.map(\.owner.id) == [team.specialist.user.id])
            #expect(view.events.map(\.kind).contains(.handoverAccepted))
            #expect(try await store.service.myWork(team.officer).cases.isEmpty)
            #expect(!(try await store.service.myWork(team.specialist).tasks.contains { $0.kind == .reallocateCase }))

            _ = try await store.service.setAvailability(team.sergeant, userID: team.officer.user.id, available: false)
            await #expect(throws: DomainError.self) {
                try await store.service.offerHandover(team.specialist, caseID: caseID, toUserID: team.officer.user.id, note: "Back to you")
            }
            await #expect(throws: DomainError.self) {
                try await store.service.offerHandover(team.specialist, caseID: caseID, toUserID: team.sergeant.user.id, note: "  ")
            }
        }
    }

    @Test("Rule 20: an investigator marked away leaves their supervisor a task to name another; naming one closes it", arguments: TestEngine.available)
    func rule20AwayInvestigatorIsReplaced(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (team, caseID) = try await Self.standardCase(store)
            let dc = try await store.actor(.investigator, username: "dc")
            let other = try await store.actor(.investigator, username: "dc-two")
            try await store.service.setSupervisor(userID: dc.user.id, supervisorID: team.sergeant.user.id, by: nil)
            _ = try await store.service.assignInvestigator(team.sergeant, caseID: caseID, investigatorID: dc.user.id)
            _ = try await store.service.setAvailability(team.sergeant, userID: dc.user.id, available: false)
            let naming = try await store.service.myWork(team.sergeant).tasks.filter { $0.kind == .nameInvestigator && $0.caseID == caseID }
            #expect(naming.count == 1 && naming.first?.title.contains("is away") == true)
            _ = try await store.service.assignInvestigator(team.sergeant, caseID: caseID, investigatorID: other.user.id)
            #expect(try await store.service.myWork(team.sergeant).tasks.filter { $0.kind == .nameInvestigator }.isEmpty)
            #expect(try await store.service.viewCase(team.sergeant, caseID: caseID).safeguardingCase.investigator?.id == other.user.id)
        }
    }

    @Test(
        "Rule 20: supervisorChainCannotLoop — a user cannot be put under someone who already reports to them, directly or through others",
        arguments: TestEngine.available)
    func rule20SupervisorChainCannotLoop(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: officer → sergeant → inspector
            let team = try await Team.make(store)
            let admin = try await store.actor(.administrator)
            let before = try await store.count("SELECT COUNT(*) AS n FROM users WHERE supervisor_id IS NOT NULL")
            // act / check: the inspector under the officer would close the loop, and so would the sergeant under the officer
            for (userID, supervisorID) in [(team.inspector.user.id, team.officer.user.id), (team.sergeant.user.id, team.officer.user.id)] {
                await #expect(throws: DomainError.self) { try await store.service.setSupervisor(userID: userID, supervisorID: supervisorID, by: admin) }
                do { try await store.service.setSupervisor(userID: userID, supervisorID: supervisorID, by: admin) } catch let DomainError.invalid(errors) {
                    #expect(errors.map(\.field) == ["supervisor"])
                }
            }
            await #expect(throws: DomainError.self) {
                try await store.service.setSupervisor(userID: team.officer.user.id, supervisorID: team.officer.user.id, by: admin)
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM users WHERE supervisor_id IS NOT NULL") == before)
            // A move that keeps a chain is fine: the specialist now reports straight to the inspector.
            try await store.service.setSupervisor(userID: team.specialist.user.id, supervisorID: team.inspector.user.id, by: admin)
            #expect(
                try await store.count("SELECT COUNT(*) AS n FROM users WHERE id = '\(team.specialist.user.id)' AND supervisor_id = '\(team.inspector.user.id)'")
                    == 1)
        }
    }

    @Test(
        "Rule 20: only an administrator (or the operator at the command line) sets a supervisor, and it is audited with who did it",
        arguments: TestEngine.available)
    func rule20OnlyAdministratorsSetSupervisors(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let team = try await Team.make(store)
            let admin = try await store.actor(.administrator)
            // act / check
            for someone in [team.officer, team.sergeant, team.specialist, team.handler] {
                await #expect(throws: DomainError.self) {
                    try await store.service.setSupervisor(userID: team.officer.user.id, supervisorID: team.inspector.user.id, by: someone)
                }
            }
            #expect(
                try await store.count("SELECT COUNT(*) AS n FROM users WHERE id = '\(team.officer.user.id)' AND supervisor_id = '\(team.sergeant.user.id)'")
                    == 1)
            try await store.service.setSupervisor(userID: team.officer.user.id, supervisorID: nil, by: admin)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM users WHERE id = '\(team.officer.user.id)' AND supervisor_id IS NULL") == 1)
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'set_supervisor' AND record_id = '\(team.officer.user.id)' AND username = '\(admin.user.username)'"
                ) == 1)
        }
    }

    @Test(
        "Rule 15: a declined offer leaves the officer owning a high-risk case, so the specialist's supervisor gets a task to find its owner",
        arguments: TestEngine.available)
    func rule15DeclinedOfferIsFollowedUp(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            _ = try await store.service.recordRiskAssessment(
                team.officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "high"))
            let caseID = try #require(try await store.service.myWork(team.specialist).offered.first?.id)
            _ = try await store.service.declineHandover(team.specialist, caseID: caseID, note: "On a course all week; not here to safeguard her.")
            let follow = try #require(try await store.service.myWork(team.sergeant).tasks.first { $0.kind == .reallocateCase && $0.caseID == caseID })
            #expect(follow.title.contains("find a DA specialist"))
            #expect(try await store.service.viewCase(team.officer, caseID: caseID).safeguardingCase.owner.id == team.officer.user.id)
        }
    }

    @Test("Rule 15: two calls about one victim at the same moment both land, in her one case", arguments: TestEngine.available)
    func rule15SimultaneousCallsJoinOneCase(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let handler = team.handler
            let records = try await store.concurrently(servers: 3) { service in try await service.openIncident(handler, draft: sampleCall(victimID: victim.id))
            }
            #expect(records.count == 3)
            #expect(Set(records.compactMap { $0.cases.first?.id }).count == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM cases WHERE status = 'open'") == 1)
        }
    }

    @Test("Rule 16: changing the level of an older assessment leaves the case at its newest level", arguments: TestEngine.available)
    func rule16OlderReviewDoesNotUndoNewestLevel(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let first = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let old = try await store.service.recordRiskAssessment(
                team.officer, incidentID: first.id, draft: try dashDraft(victimID: victim.id, yes: 2, level: "standard"))
            store.clock.advance(by: 86_400)
            let second = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            _ = try await store.service.recordRiskAssessment(
                team.officer, incidentID: second.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "high"))
            _ = try await store.service.reviewRiskAssessment(
                team.sergeant, assessmentID: old.id,
                draft: RiskReviewDraft(
                    qualityNote: "Older form", newLevel: "medium", reason: "risk_factor_missed", explanation: "Separation not weighed on the first visit."))
            let caseID = try #require(try await store.service.viewIncidentRecord(team.officer, id: second.id).cases.first?.id)
            #expect(try await store.service.viewCase(team.officer, caseID: caseID).safeguardingCase.riskLevel == .high)
        }
    }

    @Test("Rule 17: highRiskPlanReviewDueWithin24Hours of the incident; closing it sets the next within 14 days", arguments: TestEngine.available)
    func rule17HighRiskReviewClock(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            store.clock.advance(by: 2 * 3600)
            _ = try await store.service.recordRiskAssessment(
                team.officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 9, level: "high"))
            let caseID = try #require(try await store.service.myWork(team.officer).cases.first?.id)
            let review = try #require(try await store.service.viewCase(team.officer, caseID: caseID).tasks.first { $0.kind == .safetyPlanReview })
            #expect(review.dueAt == incident.occurredAt.addingTimeInterval(24 * 3600))
            await #expect(throws: DomainError.self) { try await store.service.completeTask(team.officer, taskID: review.id, outcome: "") }
            store.clock.advance(by: 20 * 3600)
            _ = try await store.service.completeTask(team.officer, taskID: review.id, outcome: "Plan reviewed with victim by phone; alarm fitted.")
            let next = try #require(
                try await store.service.viewCase(team.officer, caseID: caseID).tasks.first { $0.kind == .safetyPlanReview && $0.completedAt == nil })
            #expect(next.dueAt == store.clock.now().addingTimeInterval(14 * 86_400))
            await #expect(throws: DomainError.self) { try await store.service.completeTask(team.officer, taskID: review.id, outcome: "again") }
        }
    }

    @Test(
        "Rule 20: an away owner's cases go to their supervisor's queue with a task, their tasks follow, and offers to them are withdrawn",
        arguments: TestEngine.available)
    func rule20AwayOwnerIsReallocated(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (team, caseID) = try await Self.standardCase(store)
            _ = try await store.service.addSafetyAction(team.officer, caseID: caseID, action: SafetyToolkit.cambridgeshire[3], ownerID: nil, dueAt: nil)
            // Only the user, their supervisor or a manager may mark them away.
            await #expect(throws: DomainError.self) { try await store.service.setAvailability(team.handler, userID: team.officer.user.id, available: false) }

            _ = try await store.service.setAvailability(team.sergeant, userID: team.officer.user.id, available: false)
            let work = try await store.service.myWork(team.sergeant)
            #expect(work.cases.map(\.id) == [caseID])
            #expect(work.cases.first?.needsReallocation == true)
            #expect(work.tasks.contains { $0.kind == .reallocateCase })
            #expect(work.tasks.contains { $0.kind == .safetyAction })
            #expect(try await store.service.myWork(team.officer).tasks.isEmpty)
            #expect(
                try await store.count("SELECT COUNT(*) AS n FROM cases c JOIN users u ON u.id = c.owner_user_id WHERE c.status = 'open' AND NOT u.available")
                    == 0)
            // The sergeant keeps it: closing the reallocation task says so, and the case is no longer waiting.
            let reallocation = try #require(work.tasks.first { $0.kind == .reallocateCase })
            _ = try await store.service.completeTask(team.sergeant, taskID: reallocation.id, outcome: "Keeping it until PC returns on Monday.")
            #expect(try await store.service.viewCase(team.sergeant, caseID: caseID).safeguardingCase.needsReallocation == false)
        }
    }

    @Test(
        "Rule 20: the clocks escalate an overdue task once to the owner's supervisor and move a task off an owner who is away", arguments: TestEngine.available)
    func rule20ClocksEscalateAndReassign(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (team, _, action) = try await Self.standardCaseWithVisit(store)
            #expect(try await store.service.runClocks() == ClockRun())

            store.clock.advance(by: Double(store.service.policy.sceneActionDueHours) * 3600 + 1)
            #expect(try await store.service.runClocks() == ClockRun(escalated: 1, reassigned: 0))
            #expect(try await store.service.runClocks() == ClockRun())
            let escalated = try #require(try await store.service.myWork(team.sergeant).tasks.first { $0.id == action.id })
            #expect(escalated.escalatedTo?.id == team.sergeant.user.id)
            #expect(escalated.owner.id == team.specialist.user.id)

            // The specialist goes away without anyone moving her work (an account switched off): the clock moves it.
            try await store.execute("UPDATE users SET available = FALSE WHERE username = 'daspecialist'")
            #expect(try await store.service.runClocks().reassigned == 1)
            #expect(try await store.service.myWork(team.sergeant).tasks.first { $0.id == action.id }?.owner.id == team.sergeant.user.id)
            // The sergeant it was escalated to goes on leave: the escalation goes on up to the inspector.
            try await store.execute("UPDATE users SET available = FALSE WHERE username = 'sergeant'")
            #expect(try await store.service.runClocks().reassigned >= 1)
            let onUp = try #require(try await store.service.myWork(team.inspector).tasks.first { $0.id == action.id })
            #expect(onUp.escalatedTo?.id == team.inspector.user.id)
            try await store.execute("UPDATE users SET available = TRUE WHERE username = 'sergeant'")
            // The inspector, to whom it was escalated, closes it.
            _ = try await store.service.completeTask(team.inspector, taskID: action.id, outcome: "Visited; victim safe.")
        }
    }

    @Test("Rule 20: a task escalated and still not done a day later goes up again, to the top of the chain and no further", arguments: TestEngine.available)
    func rule20EscalatesUpTheChain(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (team, _, action) = try await Self.standardCaseWithVisit(store)
            // Only the visit's clock runs here: the assessment's reviews are done.
            for item in try await store.service.reviewQueue(team.sergeant) {
                _ = try await store.service.reviewRiskAssessment(team.sergeant, assessmentID: item.assessment.id, draft: RiskReviewDraft(qualityNote: "Agreed"))
            }
            store.clock.advance(by: Double(store.service.policy.sceneActionDueHours) * 3600 + 1)
            #expect(try await store.service.runClocks().escalated == 1)
            store.clock.advance(by: Double(store.service.policy.escalateAgainAfterHours) * 3600 - 60)
            #expect(try await store.service.runClocks().escalated == 0)  // not yet a day with the sergeant
            store.clock.advance(by: 120)
            #expect(try await store.service.runClocks().escalated == 1)
            #expect(try await store.service.myWork(team.inspector).tasks.first { $0.id == action.id }?.escalatedTo?.id == team.inspector.user.id)
            store.clock.advance(by: Double(store.service.policy.escalateAgainAfterHours) * 3600 + 1)
            #expect(try await store.service.runClocks().escalated == 0)  // the inspector is the top of this chain
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'escalate_task'") == 2)
        }
    }

    @Test("Rule 20: a task is never fired twice when several servers run the clocks at once", arguments: TestEngine.available)
    func rule20TaskNeverFiredTwice(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (team, caseID) = try await Self.standardCase(store)
            for index in 0..<12 {
                _ = try await store.service.addSafetyAction(team.officer, caseID: caseID, action: "Action \(index)", ownerID: nil, dueAt: nil)
            }
            store.clock.advance(by: 8 * 86_400)
            // Four servers over one database, racing for the same overdue tasks.
            let runs = try await store.concurrently(servers: 4) { service in try await service.runClocks() }
            // Twelve actions, the standard review (7 days) and the sergeant's review of the assessment (72 hours): every
            // open task now late.
            let overdue = try await store.count(
                "SELECT COUNT(*) AS n FROM tasks WHERE completed_at IS NULL AND due_at < \(Int64(store.clock.now().timeIntervalSince1970))")
            #expect(overdue == 14)
            #expect(runs.map(\.escalated).reduce(0, +) == overdue)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'escalate_task'") == overdue)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE escalated_at IS NOT NULL") == overdue)
        }
    }
}
