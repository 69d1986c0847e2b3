import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// A victim with an open case and the suspect from her incident.
struct VictimWithCase {
    let victim: Person
    let incident: Incident
    let caseID: String
    var suspectID: String { incident.suspects[0].personID }

    static func make(_ store: TestStore, _ team: Team, surname: String = "Okafor", phone: String = "07700 900123") async throws -> VictimWithCase {
        let victim = try await store.service.createPerson(team.handler, draft: sampleDraft(surname: surname, phone: phone))
        let record = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id))
        return VictimWithCase(victim: victim, incident: record.incident, caseID: try #require(record.cases.first?.id))
    }
}

@Suite("The orders register and its triggers", .serialized)
struct OrdersTests {
    @Test(
        "Rule 25: an order is recorded with terms and end date; service, hearing, variation, breach and ending are kept as history and each fires its triggers on her case",
        arguments: TestEngine.available)
    func rule25OrdersRegisterWithHistory(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            let made = try await store.service.recordOrder(
                team.officer, subjectID: her.suspectID,
                draft: OrderDraft(
                    kind: "dvpn", protectedPersonID: her.victim.id, terms: "Not to molest her or come within 100 metres of 3 Bank Street",
                    incidentID: her.incident.id))
            #expect(Set(made.tasks.map(\.kind)) == [.safetyPlanReview, .tellVictim, .bookCourtHearing])
            #expect(made.tasks.allSatisfy { $0.caseID == her.caseID })
            let orderID = made.order.id
            store.clock.advance(by: 3600)
            let hearing = try await store.service.recordOrderEvent(
                team.officer, orderID: orderID, draft: OrderEventDraft(kind: "hearing_booked", hearingAt: "2026-11-24T10:00"))
            #expect(hearing.order.hearingAt != nil && hearing.tasks.map(\.kind) == [.tellVictim])
            store.clock.advance(by: 3600)
            let breach = try await store.service.recordOrderEvent(
                team.officer, orderID: orderID, draft: OrderEventDraft(kind: "breached", note: "Seen outside her house at 02:00"))
            #expect(breach.order.breaches == 1)
            #expect(Set(breach.tasks.map(\.kind)) == [.reassessRisk, .safetyPlanReview, .tellVictim])
            store.clock.advance(by: 3600)
            let ended = try await store.service.recordOrderEvent(
                team.officer, orderID: orderID, draft: OrderEventDraft(kind: "ended", note: "Replaced by a DVPO at court"))
            #expect(ended.order.endedOn != nil)
            let orders = try await store.service.orders(team.officer, personID: her.victim.id)
            #expect(orders.first?.history.map(\.kind) == [.made, .hearingBooked, .breached, .ended])
            // An ended order takes nothing more; bad input names the field and writes nothing; a call handler may not record orders.
            await #expect(throws: DomainError.self) {
                try await store.service.recordOrderEvent(team.officer, orderID: orderID, draft: OrderEventDraft(kind: "breached", note: "again"))
            }
            await #expect(throws: DomainError.self) {
                try await store.service.recordOrder(
                    team.officer, subjectID: her.suspectID,
                    draft: OrderDraft(
                        kind: "dvpo", protectedPersonID: her.victim.id, terms: "x",
                        endsOn: "2027-06-01"))
            }
            await #expect(throws: DomainError.self) {
                try await store.service.recordOrder(
                    team.handler, subjectID: her.suspectID, draft: OrderDraft(kind: "restraining", protectedPersonID: her.victim.id, terms: "x"))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM protective_orders") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM order_events") == 4)
            // Rule 33: once her record is restricted, her orders and contact log are refused to roles without restricted
            // access, through the API as on the page.
            try await store.execute("UPDATE people SET restricted = TRUE WHERE id = '\(her.victim.id)'")
            await #expect(throws: DomainError.self) { try await store.service.orders(team.officer, personID: her.victim.id) }
            await #expect(throws: DomainError.self) { try await store.service.contactLog(team.officer, personID: her.victim.id) }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_orders'") >= 1)
            // His custody record is a read of his record too: audited, and refused once his record is restricted.
            _ = try await store.service.custodyEvents(team.officer, personID: her.suspectID)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_custody'") == 1)
            try await store.execute("UPDATE people SET restricted = TRUE WHERE id = '\(her.suspectID)'")
            await #expect(throws: DomainError.self) { try await store.service.custodyEvents(team.officer, personID: her.suspectID) }
            _ = try await store.service.custodyEvents(team.specialist, personID: her.suspectID)
            // The timeline shows the order's story to those who may see her record; the officer who works her case
            // still sees its tasks, but not who she is, her orders or who spoke to her.
            let timeline = try await store.service.viewCase(team.specialist, caseID: her.caseID).timeline
            #expect(timeline.filter { $0.kind == .order }.count == 4)
            let masked = try await store.service.viewCase(team.officer, caseID: her.caseID)
            #expect(masked.safeguardingCase.victimName == "Restricted record")
            #expect(masked.orders.isEmpty && masked.contacts.entries.isEmpty && masked.contacts.safeContact == nil)
            #expect(!masked.timeline.contains { $0.kind == .order || $0.kind == .contact } && !masked.tasks.isEmpty)
        }
    }

    @Test(
        "Bail conditions enter the register from custody; their end, and a notice with no hearing after 48 hours, fire from the clock once — even with four servers' clocks at once",
        arguments: TestEngine.available)
    func clockTriggersFireOnce(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            let ends = CalendarDate.string(store.clock.now().addingTimeInterval(10 * 86_400))
            _ = try await store.service.recordCustodyEvent(
                team.officer, suspectID: her.suspectID,
                draft: CustodyDraft(
                    kind: "police_bail", incidentID: her.incident.id, conditions: "Not to contact her", endsOn: ends))
            let bail = try #require(try await store.service.orders(team.officer, personID: her.suspectID).first)
            #expect(bail.kind == .policeBail && bail.protectedPersonID == her.victim.id && bail.endsOn == ends)
            _ = try await store.service.recordOrder(
                team.officer, subjectID: her.suspectID, draft: OrderDraft(kind: "dvpn", protectedPersonID: her.victim.id, terms: "Not to molest her"))
            // Before 48 hours and more than 7 days before the bail ends: nothing.
            store.clock.advance(by: 47 * 3600)
            #expect(try await store.service.runClocks().triggered == 0)
            // Then both come due at once; four servers run their clocks together; each task is made once.
            store.clock.advance(by: 3 * 86_400)
            let runs = try await store.concurrently(servers: 4) { service in try await service.runClocks().triggered }
            #expect(runs.reduce(0, +) == 5)  // notice: reassess, review, tell; bail ending: review, tell
            #expect(try await store.service.runClocks().triggered == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM triggers_fired WHERE source LIKE 'notice-no-hearing:%'") == 3)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM triggers_fired WHERE source LIKE 'order-ending:%'") == 2)
        }
    }

    @Test(
        "Rule 25: bail in the register ends when he is charged and remanded, keeping the ending in its history; fresh court bail is the one in force",
        arguments: TestEngine.available)
    func rule25BailEndsWhenSuperseded(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            let ends = CalendarDate.string(store.clock.now().addingTimeInterval(28 * 86_400))
            _ = try await store.service.recordCustodyEvent(
                team.officer, suspectID: her.suspectID,
                draft: CustodyDraft(
                    kind: "police_bail", incidentID: her.incident.id, conditions: "Not to contact her", endsOn: ends))
            store.clock.advance(by: 86_400)
            _ = try await store.service.recordCustodyEvent(
                team.officer, suspectID: her.suspectID, draft: CustodyDraft(kind: "charged", incidentID: her.incident.id))
            var register = try await store.service.orders(team.officer, personID: her.suspectID)
            let police = try #require(register.first { $0.kind == .policeBail })
            #expect(police.endedOn == CalendarDate.string(store.clock.now()))
            #expect(police.history.last?.note?.contains("charged") == true)
            store.clock.advance(by: 86_400)
            _ = try await store.service.recordCustodyEvent(
                team.officer, suspectID: her.suspectID,
                draft: CustodyDraft(
                    kind: "court_bail", incidentID: her.incident.id, conditions: "Not to enter Bank Street", endsOn: ends))
            register = try await store.service.orders(team.officer, personID: her.suspectID)
            #expect(register.filter { $0.endedOn == nil }.map(\.kind) == [.courtBail])
            store.clock.advance(by: 86_400)
            _ = try await store.service.recordCustodyEvent(
                team.officer, suspectID: her.suspectID, draft: CustodyDraft(kind: "remanded", incidentID: her.incident.id))
            register = try await store.service.orders(team.officer, personID: her.suspectID)
            #expect(register.allSatisfy { $0.endedOn != nil } && register.count == 2)
            // The endings fired nothing of their own: the custody events' triggers already reassess and tell her.
            #expect(try await store.count("SELECT COUNT(*) AS n FROM triggers_fired WHERE source LIKE 'order:%'") == 0)
        }
    }

    @Test(
        "Rule 25: a notice protecting someone with no case still gets its hearing task, the recorder's; the DVPO made at court ends the DVPN, which then raises no alarm",
        arguments: TestEngine.available)
    func noticeWithoutCaseAndReplacedByOrder(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            // Her mother, never a victim on any incident: no case.
            let mother = try await store.service.createPerson(team.handler, draft: sampleDraft(surname: "Brennan", phone: "07700 900888"))
            let notice = try await store.service.recordOrder(
                team.officer, subjectID: her.suspectID,
                draft: OrderDraft(
                    kind: "dvpn", protectedPersonID: mother.id, terms: "Not to go to 4 Mill Lane"))
            let hearing = try #require(notice.tasks.first { $0.kind == .bookCourtHearing })
            #expect(hearing.caseID == nil && hearing.owner.id == team.officer.user.id)
            #expect(hearing.dueAt == store.clock.now().addingTimeInterval(48 * 3600))
            store.clock.advance(by: 24 * 3600)
            let order = try await store.service.recordOrder(
                team.officer, subjectID: her.suspectID,
                draft: OrderDraft(
                    kind: "dvpo", protectedPersonID: mother.id, terms: "Not to go to 4 Mill Lane for 28 days",
                    endsOn: CalendarDate.string(store.clock.now().addingTimeInterval(28 * 86_400))))
            #expect(order.order.kind == .dvpo)
            let dvpn = try #require(try await store.service.orders(team.officer, personID: her.suspectID).first { $0.kind == .dvpn })
            #expect(dvpn.endedOn == CalendarDate.string(store.clock.now()) && dvpn.history.last?.note?.contains("DVPO") == true)
            store.clock.advance(by: 48 * 3600)
            _ = try await store.service.runClocks()
            #expect(try await store.count("SELECT COUNT(*) AS n FROM triggers_fired WHERE source LIKE 'notice-no-hearing:%'") == 0)
        }
    }

    @Test(
        "Rule 18: a new incident on her case reopens it; a third in 12 months is a repeat pattern; the suspect with another victim reopens the first victim's case",
        arguments: TestEngine.available)
    func rule18NewIncidentAndPattern(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            store.clock.advance(by: 7 * 86_400)
            var again = sampleCall(victimID: her.victim.id)
            again.parties[1] = CallPartyDraft(role: "suspect", personID: her.suspectID)
            let second = try await store.service.openIncident(team.handler, draft: again)
            let tasks = try await store.service.viewCase(team.officer, caseID: her.caseID).tasks.filter { $0.source == "incident:\(second.incident.id)" }
            #expect(Set(tasks.map(\.kind)) == [.reassessRisk, .safetyPlanReview])
            store.clock.advance(by: 7 * 86_400)
            let third = try await store.service.openIncident(team.handler, draft: again)
            let pattern = try await store.service.viewCase(team.officer, caseID: her.caseID).tasks.first {
                $0.source == "incident:\(third.incident.id)" && $0.kind == .reassessRisk
            }
            #expect(pattern?.title.contains("3 incidents in 12 months") == true)
            // The same man, another woman, another part of the force: her case is reopened too.
            let other = try await store.service.createPerson(team.handler, draft: sampleDraft(surname: "Brennan", phone: "07700 900777"))
            var call = sampleCall(victimID: other.id)
            call.parties[1] = CallPartyDraft(role: "suspect", personID: her.suspectID)
            let fourth = try await store.service.openIncident(team.handler, draft: call)
            let reopened = try await store.service.viewCase(team.officer, caseID: her.caseID).tasks.filter { $0.source == "incident:\(fourth.incident.id)" }
            #expect(reopened.map(\.kind) == [.reassessRisk])
            #expect(reopened.first?.title.contains("another victim") == true)
        }
    }
}

@Suite("Keeping the victim informed, and outcomes", .serialized)
struct ContactAndOutcomeTests {
    @Test(
        "Rule 19: tell-the-victim closes only with how and when (through her safe route) or why not; every contact goes in her one log",
        arguments: TestEngine.available)
    func rule19VictimToldThroughSafeRoute(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            _ = try await store.service.saveSafeContact(
                team.officer, personID: her.victim.id,
                draft: SafeContactDraft(
                    safeNumber: "07700 900999", safeTimes: "Weekdays 10:00–12:00", mayLeaveMessage: "no", language: "English"))
            let released = try await store.service.recordCustodyEvent(team.officer, suspectID: her.suspectID, draft: CustodyDraft(kind: "released_no_charge"))
            let tell = try #require(released.tasks.first { $0.kind == .tellVictim })
            // Marking it done with free text is refused; a voicemail breaks her safe route and is refused; nothing changes.
            await #expect(throws: DomainError.self) {
                try await store.service.completeTask(
                    tell.owner.id == team.officer.user.id ? team.officer : team.specialist, taskID: tell.id, outcome: "Done it")
            }
            await #expect(throws: DomainError.self) {
                try await store.service.recordVictimTold(team.officer, taskID: tell.id, draft: VictimToldDraft(told: "yes", method: "voicemail"))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM contacts") == 0)
            let done = try await store.service.recordVictimTold(
                team.officer, taskID: tell.id,
                draft: VictimToldDraft(
                    told: "yes", method: "phone", note: "Told her he was released without charge; safety plan gone over"))
            #expect(done.completedAt != nil && done.outcome?.hasPrefix("Told phone call") == true)
            // An IDVA's call goes in the same log; the next person sees who spoke to her last.
            store.clock.advance(by: 600)
            _ = try await store.service.logContact(
                team.specialist, personID: her.victim.id,
                draft: ContactDraft(
                    team: "idva", method: "phone", reached: "yes", summary: "IDVA support call; she is staying with her sister"))
            let log = try await store.service.contactLog(team.officer, personID: her.victim.id)
            #expect(log.entries.count == 2 && log.entries.first?.team == .idva)
            #expect(log.safeContact?.mayLeaveMessage == false)
            #expect(try await store.service.viewCase(team.officer, caseID: her.caseID).timeline.filter { $0.kind == .contact }.count == 2)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_contacts'") == 1)
            // Rule 34: a change of her safe route keeps the version it replaces.
            store.clock.advance(by: 3600)
            _ = try await store.service.saveSafeContact(
                team.specialist, personID: her.victim.id,
                draft: SafeContactDraft(
                    safeNumber: "07700 900555", safeTimes: "Evenings after 19:00", mayLeaveMessage: "no", language: "English"))
            #expect(try await store.service.contactLog(team.officer, personID: her.victim.id).safeContact?.safeNumber == "07700900555")
            #expect(try await store.count("SELECT COUNT(*) AS n FROM safe_contact_history WHERE safe_number = '07700900999'") == 1)
        }
    }

    @Test(
        "Lancashire recommendation 9: a repeat victim heard nothing from for the quiet period gets a check, once each quiet period; an unanswered call does not end the spell, reaching her does",
        arguments: TestEngine.available)
    func quietRepeatVictimIsCheckedOn(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            for _ in 0..<2 {
                store.clock.advance(by: 86_400)
                _ = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: her.victim.id))
            }
            store.clock.advance(by: 80 * 86_400)
            #expect(try await store.service.runClocks().quietVictims == 0)
            store.clock.advance(by: 15 * 86_400)
            #expect(try await store.service.runClocks().quietVictims == 1)
            #expect(try await store.service.runClocks().quietVictims == 0)
            _ = try await store.service.logContact(
                team.officer, personID: her.victim.id, draft: ContactDraft(method: "phone", reached: "no", summary: "No answer on her safe number"))
            store.clock.advance(by: 91 * 86_400)
            #expect(try await store.service.runClocks().quietVictims == 1)  // the same spell, its second period
            #expect(try await store.service.runClocks().quietVictims == 0)
            _ = try await store.service.logContact(
                team.officer, personID: her.victim.id, draft: ContactDraft(method: "phone", reached: "yes", summary: "Spoke to her; she is safe"))
            store.clock.advance(by: 60 * 86_400)
            #expect(try await store.service.runClocks().quietVictims == 0)  // reached 60 days ago: not quiet
            store.clock.advance(by: 31 * 86_400)
            #expect(try await store.service.runClocks().quietVictims == 1)  // a new spell
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'check_on_victim'") == 3)
        }
    }

    @Test(
        "Rule 27: outcomes per crime with date and decider; a caution goes to the supervisor's review; restorative justice is refused for partners",
        arguments: TestEngine.available)
    func rule27Outcomes(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            // Not yet a crime: refused.
            await #expect(throws: DomainError.self) {
                try await store.service.recordOutcome(team.officer, incidentID: her.incident.id, draft: OutcomeDraft(kind: "charge"))
            }
            _ = try await store.service.recordScene(team.officer, incidentID: her.incident.id, draft: sceneDraft(supports: "no"))
            let caution = try await store.service.recordOutcome(
                team.officer, incidentID: her.incident.id, draft: OutcomeDraft(kind: "caution", reason: "Admitted the assault in interview"))
            #expect(caution.decidedBy == .police)
            let review = try await store.service.myWork(team.sergeant).tasks.first { $0.kind == .cautionReview }
            #expect(review?.incidentID == her.incident.id)
            // It is on the sergeant's review queue, with the caution's reason; not on another supervisor's.
            #expect(try await store.service.cautionQueue(team.sergeant).map(\.outcome?.reason) == ["Admitted the assault in interview"])
            #expect(try await store.service.cautionQueue(team.inspector).isEmpty)
            // The officer cannot close the review of his own caution.
            await #expect(throws: DomainError.self) { try await store.service.completeTask(team.officer, taskID: review!.id, outcome: "Looks fine to me.") }
            await #expect(throws: DomainError.self) {
                try await store.service.recordOutcome(
                    team.sergeant, incidentID: her.incident.id, draft: OutcomeDraft(kind: "restorative_justice", reason: "She asked for a meeting with him"))
            }
            let outcomes = try await store.service.outcomes(team.officer, incidentID: her.incident.id)
            #expect(outcomes.outcomes.map(\.kind) == [.caution])
            #expect(outcomes.evidenceLed)  // she does not support action, but evidence was gathered
            #expect(try await store.service.viewCase(team.officer, caseID: her.caseID).timeline.contains { $0.kind == .outcome })
        }
    }
}

/// Rule 25's breach detection: a new incident between the bound person and the person protected, while the order is
/// in force, is flagged on the incident and its briefing, fires the order's breach triggers and gives the investigator
/// a task — found by the system, not left for someone to notice.
@Suite("Breaches caught when the incident comes in", .serialized)
struct BreachDetectionTests {
    @Test(
        "Rule 25: an incident between him and her while a non-molestation order is in force is a possible breach — flagged, triggers fired, the investigator tasked; none for another victim or after the order ended",
        arguments: TestEngine.available)
    func rule25IncidentWhileOrderInForceIsPossibleBreach(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let investigator = try await store.actor(.investigator)
            let her = try await VictimWithCase.make(store, team)
            _ = try await store.service.assignInvestigator(team.sergeant, caseID: her.caseID, investigatorID: investigator.user.id)
            let order = try await store.service.recordOrder(
                team.officer, subjectID: her.suspectID,
                draft: OrderDraft(kind: "non_molestation", protectedPersonID: her.victim.id, terms: "Not to contact her directly or indirectly"))
            store.clock.advance(by: 86_400)
            func call(victim: String) -> CallDraft {
                var draft = sampleCall(victimID: victim)
                draft.parties = [CallPartyDraft(role: "victim", personID: victim), CallPartyDraft(role: "suspect", personID: her.suspectID)]
                return draft
            }
            let record = try await store.service.openIncident(team.handler, draft: call(victim: her.victim.id))
            #expect(record.possibleBreaches.map(\.orderID) == [order.order.id] && record.possibleBreaches.first?.confirmed == false)
            let tasks = try #require(record.tasksSetByCall)
            let investigate = try #require(tasks.first { $0.kind == .investigateBreach })
            #expect(investigate.owner.id == investigator.user.id && investigate.caseID == her.caseID)
            #expect(tasks.contains { $0.kind == .tellVictim && $0.title.contains("possible breach") })
            let history = try await store.service.orders(team.officer, personID: her.victim.id).first?.history ?? []
            #expect(history.map(\.kind) == [.made, .possibleBreach] && history.last?.incidentID == record.incident.id)
            #expect(try await store.service.orders(team.officer, personID: her.victim.id).first?.breaches == 0)
            let briefing = try await store.service.briefing(team.officer, incidentID: record.incident.id)
            #expect(briefing.possibleBreaches.map(\.orderID) == [order.order.id])
            // The officer confirms it: the flag shows confirmed. A possible breach is the system's to record, not typed.
            _ = try await store.service.recordOrderEvent(
                team.officer, orderID: order.order.id, draft: OrderEventDraft(kind: "breached", note: "Came to her door", incidentID: record.incident.id))
            #expect(try await store.service.viewIncidentRecord(team.officer, id: record.incident.id).possibleBreaches.first?.confirmed == true)
            await #expect(throws: DomainError.self) {
                try await store.service.recordOrderEvent(team.officer, orderID: order.order.id, draft: OrderEventDraft(kind: "possible_breach", note: "x"))
            }

            // Another woman he harms is not protected by this order: no flag.
            let other = try await store.service.createPerson(team.handler, draft: sampleDraft(surname: "Mensah", phone: "07700 900456"))
            #expect(try await store.service.openIncident(team.handler, draft: call(victim: other.id)).possibleBreaches.isEmpty)
            // Once the order has ended, a later incident breaches nothing.
            _ = try await store.service.recordOrderEvent(
                team.officer, orderID: order.order.id, draft: OrderEventDraft(kind: "ended", note: "Discharged by the court"))
            store.clock.advance(by: 86_400)
            #expect(try await store.service.openIncident(team.handler, draft: call(victim: her.victim.id)).possibleBreaches.isEmpty)
        }
    }

    @Test("Rule 25: a variation cannot take a DVPO past 28 days from its start", arguments: TestEngine.available)
    func rule25DvpoVariationCappedAt28Days(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            let made = try await store.service.recordOrder(
                team.officer, subjectID: her.suspectID,
                draft: OrderDraft(
                    kind: "dvpo", protectedPersonID: her.victim.id, terms: "Not to enter 3 Bank Street", startsOn: "2026-11-22", endsOn: "2026-12-06"))
            do {
                _ = try await store.service.recordOrderEvent(team.officer, orderID: made.order.id, draft: OrderEventDraft(kind: "varied", endsOn: "2026-12-21"))
                Issue.record("a DVPO was varied to 29 days")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["ends_on"] && errors.first?.message.contains("28 days") == true)
            }
            let varied = try await store.service.recordOrderEvent(
                team.officer, orderID: made.order.id, draft: OrderEventDraft(kind: "varied", endsOn: "2026-12-20"))
            #expect(varied.order.endsOn == "2026-12-20")
        }
    }

    @Test(
        "Rule 25: a DAPO's positive requirement has its own due date — past it unchecked, the clocks ask for a check; not complied with is a breach that fires the order's triggers",
        arguments: TestEngine.available)
    func rule25DapoRequirementsWithDueDatesAndCompliance(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let her = try await VictimWithCase.make(store, team)
            let dapo = try await store.service.recordOrder(
                team.officer, subjectID: her.suspectID,
                draft: OrderDraft(kind: "dapo", protectedPersonID: her.victim.id, terms: "Not to contact her; to attend a perpetrator programme"))
            let restraining = try await store.service.recordOrder(
                team.officer, subjectID: her.suspectID, draft: OrderDraft(kind: "restraining", protectedPersonID: her.victim.id, terms: "Not to contact her"))
            do {
                _ = try await store.service.addOrderRequirement(team.officer, orderID: restraining.order.id, text: "Attend", dueOn: "2026-12-01")
                Issue.record("a restraining order took a positive requirement")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["text"])
            }
            let requirement = try await store.service.addOrderRequirement(
                team.officer, orderID: dapo.order.id, text: "Attend the first session of the perpetrator programme", dueOn: "2026-11-30")
            #expect(
                try await store.service.orders(team.officer, personID: her.victim.id).first { $0.id == dapo.order.id }?.requirements.map(\.id) == [
                    requirement.id
                ])
            // Before its day nothing is asked; the day after, once, a check for the case's owner (no investigator named).
            _ = try await store.service.runClocks()
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'check_requirement'") == 0)
            store.clock.advance(by: 10 * 86_400)
            _ = try await store.service.runClocks()
            _ = try await store.service.runClocks()
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'check_requirement'") == 1)
            do {
                _ = try await store.service.recordRequirementCompliance(team.officer, requirementID: requirement.id, status: "not_complied", note: nil)
                Issue.record("non-compliance was recorded without saying what he did not do")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["note"])
            }
            let found = try await store.service.recordRequirementCompliance(
                team.officer, requirementID: requirement.id, status: "not_complied", note: "Did not attend; the provider confirmed")
            #expect(found.requirement.status == .notComplied && Set(found.tasks.map(\.kind)) == [.reassessRisk, .safetyPlanReview, .tellVictim])
            let order = try #require(try await store.service.orders(team.officer, personID: her.victim.id).first { $0.id == dapo.order.id })
            #expect(order.breaches == 1 && order.history.last?.kind == .breached)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordRequirementCompliance(team.officer, requirementID: requirement.id, status: "complied", note: nil)
            }
        }
    }
}
