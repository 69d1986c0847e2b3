import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Issue 20 part 8 on both databases: calls end and leave the live queue, and the queue reads every open call.
@Suite("Calls that end, and the live queue at volume", .serialized)
struct CallClosureTests {
    static let why = "Caller rang back: she is safe at her sister's in Leeds and the ex-partner is in custody for another matter."

    @Test(
        "Issue 20: a call resolved by phone leaves the live queue with who and why; the victim's case stays; the response takes no more changes",
        arguments: TestEngine.available)
    func resolvedCallLeavesTheQueue(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let id = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "a_little")).incident.id
            // A downgrade waits for the supervisor, and half an hour on the priority call is not dispatched.
            _ = try await store.service.requestGrade(
                handler, incidentID: id, grade: "scheduled", reason: "Victim at work until six, asks for an evening visit at home",
                appointmentAt: "2026-11-23T18:00")
            store.clock.advance(by: 31 * 60)
            #expect(Set(try await store.service.controlRoomQueue(supervisor).map(\.kind)) == [.authorisationNeeded, .priorityNotDispatched])

            // A bare "suspect has left" is refused and changes nothing.
            await #expect(throws: DomainError.self) {
                try await store.service.closeCall(handler, incidentID: id, outcome: "resolved_by_phone", reason: "suspect has left")
            }
            #expect(try await store.service.controlRoomQueue(supervisor).count == 2)

            let ended = try await store.service.closeCall(handler, incidentID: id, outcome: "resolved_by_phone", reason: Self.why)
            #expect(ended.closure?.kind == .resolvedByPhone && ended.closure?.byUsername == handler.user.username)
            #expect(ended.pending == nil && ended.decisions.last?.outcome == .withdrawn)
            #expect(try await store.service.controlRoomQueue(supervisor).isEmpty)
            let reread = try await store.service.viewIncidentRecord(handler, id: id).response
            #expect(reread?.closure == ended.closure)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM incident_responses WHERE open = TRUE") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'close_call'") == 1)
            // The victim's case and its owner are untouched: only the control room's part ended.
            #expect(try await store.count("SELECT COUNT(*) AS n FROM cases WHERE status = 'open'") == 1)

            for attempt in [
                { _ = try await store.service.recordResponseTime(handler, incidentID: id, event: .arrived) },
                { _ = try await store.service.requestGrade(handler, incidentID: id, grade: "immediate", reason: nil) },
                { _ = try await store.service.closeCall(supervisor, incidentID: id, outcome: "cancelled", reason: Self.why) }
            ] as [() async throws -> Void] {
                await #expect(throws: DomainError.self) { try await attempt() }
            }
        }
    }

    @Test(
        "Rule 6: a flagged call nobody attended is stood down only by a control-room supervisor, whose decision is their acknowledgement",
        arguments: TestEngine.available)
    func rule6FlaggedCallStoodDownBySupervisor(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let id = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "terrified", weapons: "yes")).incident.id
            do {
                _ = try await store.service.closeCall(handler, incidentID: id, outcome: "cancelled", reason: Self.why)
                Issue.record("a call handler stood down a flagged immediate call")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field).allSatisfy { $0 == "outcome" })
                #expect(errors.contains { $0.message.contains("Only a control-room supervisor") })
            }
            // An officer may close a call once there, not cancel one.
            await #expect(throws: DomainError.self) {
                try await store.service.closeCall(officer, incidentID: id, outcome: "cancelled", reason: Self.why)
            }
            let ended = try await store.service.closeCall(supervisor, incidentID: id, outcome: "cancelled", reason: Self.why)
            #expect(ended.highRiskAcknowledgedBy == supervisor.user.username)
            #expect(try await store.service.controlRoomQueue(supervisor).isEmpty)
        }
    }

    @Test("Issue 20: an officer closes a call once attended, with what happened; it leaves the queue", arguments: TestEngine.available)
    func attendedCallClosed(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let id = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "a_little")).incident.id
            await #expect(throws: DomainError.self) { try await store.service.closeCall(officer, incidentID: id, outcome: "closed", reason: "Arrested.") }
            _ = try await store.service.recordResponseTime(officer, incidentID: id, event: .arrived)
            store.clock.advance(by: 2 * 3_600)
            let ended = try await store.service.closeCall(officer, incidentID: id, outcome: "closed", reason: "Suspect arrested; DASH done.")
            #expect(ended.closure?.kind == .closed)
            #expect(try await store.service.controlRoomQueue(supervisor).isEmpty)
        }
    }

    @Test(
        "Issue 20: online and partner reports get no emergency target — a report with every danger sign is graded priority, and flagged",
        arguments: TestEngine.available)
    func onlineReportGetsNoEmergencyTarget(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            var draft = sampleCall(victimID: victim.id, fear: "terrified", weapons: "yes")
            draft.channel = "online"
            let response = try #require(try await store.service.openIncident(handler, draft: draft).response)
            #expect(response.grade == .priority && response.recommendedGrade == .priority)
            #expect(response.targetAt == testNow.addingTimeInterval(60 * 60))
            #expect(response.potentialHighRisk)
        }
    }

    @Test(
        "Issue 20: the live queue reads every open call — a new high-risk call after 6,000 unattended ones still reaches the supervisor",
        arguments: TestEngine.available)
    func queueReadsEveryOpenCall(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            // Volume only: six thousand older calls nobody closed, each past its target (as a force that never closed
            // calls would have). The rows are what `openIncident` writes; typing 6,000 calls would take minutes.
            let old = Int64(testNow.timeIntervalSince1970) - 30 * 86_400
            try await store.execute(
                """
                INSERT INTO incidents (id, reference, occurred_at, reported_at, channel, relationship, abuse_types, is_crime, summary, version, created_at)
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
                SELECT 'bulk-' || i, 'DA-2026-9' || i, \(old) + i, \(old) + i, '999', 'intimate_partner', 'physical', FALSE, 'Older call.', 1, \(old) + i FROM n
                """)
            try await store.execute(
                """
                INSERT INTO incident_responses (incident_id, grade, recommended_grade, setting, graded_at, target_at, potential_high_risk,
                  high_risk_reasons, dispatched_at, open)
                SELECT id, 'priority', 'priority', 'urban', created_at, created_at + 3600, FALSE, '[]', created_at + 60, TRUE FROM incidents
                WHERE id LIKE 'bulk-%'
                """)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let id = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "terrified", weapons: "yes")).incident.id
            let alerts = try await store.service.controlRoomQueue(supervisor)
            #expect(alerts.count == 6_001)
            #expect(alerts.contains { $0.incidentID == id && $0.kind == .potentialHighRisk })
        }
    }
}
