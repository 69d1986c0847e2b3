import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// A call as the control room records it: the answers, an existing victim and a new suspect.
func sampleCall(
    victimID: String, grade: String? = nil, reason: String? = nil, fear: String = "quite", weapons: String = "no",
    suspect: PersonDraft = PersonDraft(firstName: "Dale", surname: "Harrower", dateOfBirth: "1983-02-01")
) -> CallDraft {
    CallDraft(
        channel: "999", caller: "victim", setting: "urban", addressLine1: "3 Bank Street", town: "Northbridge", postcode: "NB2 1AA",
        relationship: "ex_partner", abuseTypes: ["physical", "threatening"], summary: "Ex-partner banging on the door, has left now.",
        parties: [CallPartyDraft(role: "victim", personID: victimID), CallPartyDraft(role: "suspect", newPerson: suspect)],
        immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: weapons, childrenPresent: "yes", childrenCount: "2",
        fear: fear, fearInTheirWords: "I'm scared he'll come back tonight", grade: grade, gradeReason: reason)
}

/// Inserts a past incident directly, as history loaded from an earlier system would be.
func insertIncident(_ store: TestStore, id: String, reference: String, occurredAt: Date, parties: [(String, String)]) async throws {
    try await store.execute(
        """
        INSERT INTO incidents (id, reference, occurred_at, reported_at, channel, relationship, abuse_types, is_crime, summary, version, created_at)
        VALUES ('\(id)', '\(reference)', \(Int64(occurredAt.timeIntervalSince1970)), \(Int64(occurredAt.timeIntervalSince1970)), '101', 'intimate_partner', 'physical', TRUE, 'Earlier incident.', 1, 1)
        """)
    for (personID, role) in parties {
        try await store.execute("INSERT INTO incident_parties (incident_id, person_id, role) VALUES ('\(id)', '\(personID)', '\(role)')")
    }
}

@Suite("Call record and grading", .serialized)
struct CallRecordTests {
    @Test(
        "Rule 4: a call opens an incident with its answers, parties, a reference, the victim's repeat status, and an audit entry",
        arguments: TestEngine.available)
    func rule4CallOpensIncident(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            // An incident eight months ago under another record confirmed to be her: she is a repeat victim.
            let oldRecord = try await store.service.createPerson(handler, draft: sampleDraft(surname: "Adeyemi", phone: "07700 900555"))
            try await insertIncident(
                store, id: "old-1", reference: "DA-2026-000041", occurredAt: testNow.addingTimeInterval(-240 * 86_400), parties: [(oldRecord.id, "victim")])
            try await store.service.decideLink(
                handler, personID: victim.id, otherPersonID: oldRecord.id, decision: .confirm, reason: "maiden name, same date of birth")

            let record = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id))
            #expect(record.incident.reference == "DA-2026-000042")  // continues from the references already there
            #expect(record.incident.parties.map(\.role) == [.victim, .suspect])
            #expect(record.call?.answers.fear == .quite)
            #expect(record.call?.answers.childrenCount == 2)
            #expect(record.call?.answers.fearInTheirWords == "I'm scared he'll come back tonight")
            #expect(record.victims.first?.status.isRepeat == true)
            #expect(record.response?.potentialHighRisk == true)
            #expect(record.response?.highRiskReasons == ["Repeat victim"])
            #expect(record.response?.grade == .immediate)
            #expect(record.response?.targetAt == testNow.addingTimeInterval(15 * 60))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'open_incident'") == 1)
            let second = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id))
            #expect(second.incident.reference == "DA-2026-000043")
        }
    }

    @Test("Rule 4: bad input names the field and writes nothing — no incident, no new suspect record", arguments: TestEngine.available)
    func rule4BadInputWritesNothing(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            var draft = sampleCall(victimID: victim.id)
            draft.parties.append(CallPartyDraft(role: "witness", personID: "no-such-person"))
            await #expect(
                throws: DomainError.invalid([FieldError("parties[2].person_id", "No person record with id no-such-person: choose again from the matches.")])
            ) {
                try await store.service.openIncident(handler, draft: draft)
            }
            // A downgrade whose only reason is that the suspect has left is refused too, after the suspect would have been created.
            var downgrade = sampleCall(victimID: victim.id, grade: "scheduled", reason: "suspect has left")
            downgrade.appointmentAt = "2026-11-23T10:00"
            await #expect(throws: DomainError.self) { try await store.service.openIncident(handler, draft: downgrade) }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM incidents") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM reference_counters") == 0)
        }
    }

    @Test(
        "Rule 5: a downgrade waits for a control-room supervisor; the recommended grade stands until authorised; every decision is kept",
        arguments: TestEngine.available)
    func rule5DowngradeNeedsSupervisor(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let record = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "a_little"))
            let id = record.incident.id
            #expect(record.response?.grade == .priority)
            #expect(record.response?.potentialHighRisk == false)

            var response = try await store.service.requestGrade(
                handler, incidentID: id, grade: "scheduled",
                reason: "Victim staying with her sister in Leeds tonight; asked for officers at 10am tomorrow",
                appointmentAt: "2026-11-23T10:00")
            #expect(response.grade == .priority)
            #expect(response.pending?.grade == .scheduled)
            #expect(try await store.service.controlRoomQueue(supervisor).map(\.kind) == [.authorisationNeeded])
            await #expect(throws: DomainError.self) { try await store.service.decideGrade(handler, incidentID: id, authorise: true, note: nil) }

            response = try await store.service.decideGrade(supervisor, incidentID: id, authorise: true, note: "agreed, sister's address noted")
            #expect(response.grade == .scheduled)
            #expect(response.pending == nil)
            #expect(response.appointmentAt == TypedDateTimeProbe.date("2026-11-23T10:00"))
            #expect(response.decisions.map(\.outcome) == [.applied, .requested, .authorised])
            #expect(response.decisions.last?.byUsername == supervisor.user.username)
            #expect(try await store.service.controlRoomQueue(supervisor).isEmpty)

            // An upgrade needs nobody's authorisation.
            response = try await store.service.requestGrade(handler, incidentID: id, grade: "immediate", reason: "he is back at the door")
            #expect(response.grade == .immediate && response.pending == nil)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action IN ('request_grade', 'decide_grade')") == 3)
        }
    }

    @Test(
        "Rule 5: \"the suspect has left\" alone is refused as a downgrade reason; a refusal keeps the grade and needs a note", arguments: TestEngine.available)
    func rule5SuspectHasLeftRefused(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let id = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "a_little")).incident.id
            do {
                _ = try await store.service.requestGrade(
                    handler, incidentID: id, grade: "scheduled", reason: "The suspect has left.", appointmentAt: "2026-11-23T10:00")
                Issue.record("should have been refused")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["reason"])
            }
            _ = try await store.service.requestGrade(
                handler, incidentID: id, grade: "scheduled", reason: "Suspect has left and victim wants to talk tomorrow after work",
                appointmentAt: "2026-11-23T18:00")
            await #expect(
                throws: DomainError.invalid([
                    FieldError("note", "Say why the request is refused (at least 5 characters), so the call handler knows what to do.")
                ])
            ) {
                try await store.service.decideGrade(supervisor, incidentID: id, authorise: false, note: nil)
            }
            let response = try await store.service.decideGrade(supervisor, incidentID: id, authorise: false, note: "children present: send officers now")
            #expect(response.grade == .priority && response.pending == nil)
            #expect(response.decisions.last?.outcome == .refused)
        }
    }

    @Test("Rule 5: a priority call not dispatched in 30 minutes reaches the live queue; dispatch and arrival are recorded", arguments: TestEngine.available)
    func rule5ThirtyMinuteAlert(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let id = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "a_little")).incident.id
            store.clock.advance(by: 29 * 60)
            #expect(try await store.service.controlRoomQueue(supervisor).isEmpty)
            store.clock.advance(by: 60)
            let alerts = try await store.service.controlRoomQueue(supervisor)
            #expect(alerts.map(\.kind) == [.priorityNotDispatched])
            #expect(alerts.first?.incidentID == id)
            let dispatched = try await store.service.recordResponseTime(handler, incidentID: id, event: .dispatched)
            #expect(dispatched.dispatchedAt == testNow.addingTimeInterval(30 * 60))
            #expect(try await store.service.controlRoomQueue(supervisor).isEmpty)
            store.clock.advance(by: 12 * 60)
            let arrived = try await store.service.recordResponseTime(officer, incidentID: id, event: .arrived)
            #expect(arrived.arrivedAt == testNow.addingTimeInterval(42 * 60))
            await #expect(throws: DomainError.self) { try await store.service.recordResponseTime(officer, incidentID: id, event: .arrived) }
            await #expect(throws: DomainError.self) { try await store.service.controlRoomQueue(handler) }
        }
    }

    @Test("Rule 6: a potential high-risk call is on the live queue at once, and leaves it when the supervisor takes charge", arguments: TestEngine.available)
    func rule6HighRiskLive(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let record = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "terrified", weapons: "yes"))
            let id = record.incident.id
            let alerts = try await store.service.controlRoomQueue(supervisor)
            #expect(alerts.map(\.kind) == [.potentialHighRisk])
            #expect(alerts.first?.detail == "Weapon mentioned; Caller is terrified")
            let response = try await store.service.acknowledgeHighRisk(supervisor, incidentID: id)
            #expect(response.highRiskAcknowledgedBy == supervisor.user.username)
            #expect(try await store.service.controlRoomQueue(supervisor).isEmpty)
            await #expect(throws: DomainError.self) { try await store.service.acknowledgeHighRisk(supervisor, incidentID: id) }
        }
    }
}

/// Reads a typed date-time the way the domain does (UTC when no zone is given).
enum TypedDateTimeProbe {
    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.date(from: text)
    }
}

@Suite("Grading edge cases", .serialized)
struct GradingEdgeCaseTests {
    @Test("Rule 5: withdrawing a request keeps the original clock, so it can never push back a target or the 30-minute alert", arguments: TestEngine.available)
    func rule5WithdrawKeepsTheClock(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let opened = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id, fear: "a_little"))
            let id = opened.incident.id
            store.clock.advance(by: 10 * 60)
            _ = try await store.service.requestGrade(
                handler, incidentID: id, grade: "scheduled", reason: "Victim at work until six, wants officers at home afterwards",
                appointmentAt: "2026-11-22T18:30")
            store.clock.advance(by: 10 * 60)
            let withdrawn = try await store.service.requestGrade(handler, incidentID: id, grade: "priority", reason: nil)
            #expect(withdrawn.pending == nil)
            #expect(withdrawn.gradedAt == opened.response?.gradedAt)
            #expect(withdrawn.targetAt == opened.response?.targetAt)
            #expect(withdrawn.decisions.last?.outcome == .withdrawn)
            store.clock.advance(by: 10 * 60)
            #expect(try await store.service.controlRoomQueue(supervisor).map(\.kind) == [.priorityNotDispatched])
        }
    }

    @Test("Rule 5: a control-room supervisor's own lower grade is its own authorisation, with its reason kept", arguments: TestEngine.available)
    func rule5SupervisorGradesDirectly(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let supervisor = try await store.actor(.controlRoomSupervisor)
            let victim = try await store.service.createPerson(supervisor, draft: sampleDraft())
            var draft = sampleCall(
                victimID: victim.id, grade: "scheduled", reason: "Caller reporting last month's messages; safe with family; appointment agreed",
                fear: "a_little")
            draft.appointmentAt = "2026-11-23T09:30"
            let record = try await store.service.openIncident(supervisor, draft: draft)
            #expect(record.response?.grade == .scheduled)
            #expect(record.response?.pending == nil)
            #expect(record.response?.appointmentAt == TypedDateTimeProbe.date("2026-11-23T09:30"))
            #expect(record.response?.decisions.map(\.outcome) == [.authorised])
            #expect(try await store.service.controlRoomQueue(supervisor).isEmpty)
        }
    }
}

@Suite("One repeat definition", .serialized)
struct RepeatDefinitionTests {
    @Test(
        "Rule 2: one repeat definition — the call, the incident page and the briefing count her earlier incident on a record strongly proposed as her, and agree",
        arguments: TestEngine.available)
    func rule2OneRepeatDefinitionEverywhere(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            // Her older record, with an incident, and a new record typed at another call: the clean-up proposes they are one.
            let older = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Rebecca", surname: "Okonkwo", dateOfBirth: "1987-06-14", phones: ["07700 900314"]))
            _ = try await store.service.openIncident(handler, draft: sampleCall(victimID: older.id))
            store.clock.advance(by: 30 * 86_400)
            let newer = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Becky", surname: "Okonkwo", dateOfBirth: "1987-06-14", phones: ["07700900314"]))
            _ = try await store.service.dedupe()
            let proposal = try #require(try await store.service.viewPerson(officer, id: newer.id).links.first { $0.otherPerson.id == older.id })
            #expect(proposal.status == "proposed" && (proposal.probability ?? 0) >= store.service.policy.matchProposeThreshold)

            let call = try await store.service.openIncident(handler, draft: sampleCall(victimID: newer.id))
            let atCall = try #require(call.victims.first?.status)
            let onPage = try #require(try await store.service.viewIncidentRecord(officer, id: call.incident.id).victims.first?.status)
            let inBriefing = try #require(try await store.service.briefing(officer, incidentID: call.incident.id).people.first { $0.role == .victim }?.status)
            #expect(atCall.isRepeat && atCall.previousIncidentsCounted == 1)
            #expect(onPage == atCall && inBriefing == atCall)
        }
    }
}
