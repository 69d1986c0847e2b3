import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic
import SafeguardTestSupport
import Testing

/// Rule 21's meetings on both databases: the agenda, outcomes, actions chased and carried, the minutes.
@Suite("MARAC meetings", .serialized)
struct MaracMeetingTests {
    static let research = MaracReferralTests.research

    @Test(
        "Rule 21 and 18: a meeting takes the waiting referrals; its outcome sets her owner a plan review; a late action is chased once and opens the next meeting; its own agency reports it back; the minutes complete their task",
        arguments: TestEngine.available)
    func rule21MeetingRunsItsCourse(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let coordinator = try await store.actor(.maracCoordinator, username: "marac")
            let idva = Actor(
                try await store.service.createUser(username: "idva", displayName: "Ivy", role: .partnerAgency, password: "idva-test-password-x", agency: "idva")
            )
            let housing = Actor(
                try await store.service.createUser(
                    username: "housing", displayName: "Hal", role: .partnerAgency, password: "housing-test-password", agency: "housing"))
            let victim = try await store.service.createPerson(specialist, draft: sampleDraft())
            let (_, caseID) = try await MaracReferralTests.call(store, victimID: victim.id, suspectID: nil)
            _ = try await store.service.referToMarac(
                specialist, caseID: caseID, draft: MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "police", research: Self.research))
            let today = CalendarDate.string(store.clock.now())
            let inAWeek = CalendarDate.string(store.clock.now().addingTimeInterval(7 * 86_400))
            let meeting = try await store.service.scheduleMaracMeeting(
                coordinator, draft: MaracMeetingDraft(heldOn: today, chair: "DI Rowe", agencies: ["idva", "housing"]))
            var view = try await store.service.maracMeeting(coordinator, meetingID: meeting.id)
            #expect(view.agenda.map(\.referral.caseID) == [caseID] && view.agenda.first?.referral.research == Self.research)
            let minutesTask = try await store.repositories.transaction { tx in try await tx.tasks.open(source: "marac-minutes:\(meeting.id)") }
            #expect(minutesTask.count == 1 && minutesTask.first?.owner.id == coordinator.user.id)

            // The outcome re-opens her plan (rule 18).
            try await store.service.recordMaracOutcome(
                coordinator, meetingID: meeting.id, caseID: caseID, summary: "Housing to move her; IDVA to see her weekly.")
            let reviews = try await store.repositories.transaction { tx in try await tx.tasks.open(source: "marac-outcome:\(meeting.id):\(caseID)") }
            #expect(reviews.count == 1 && reviews.first?.kind == .safetyPlanReview)
            await #expect(throws: DomainError.self) {
                try await store.service.recordMaracOutcome(coordinator, meetingID: meeting.id, caseID: caseID, summary: "Again.")
            }

            let move = try await store.service.addMaracAction(
                coordinator, meetingID: meeting.id,
                draft: MaracActionDraft(caseID: caseID, agency: "housing", owner: "Sam Patel", description: "Move her to the safe flat", dueOn: inAWeek))
            let visits = try await store.service.addMaracAction(
                coordinator, meetingID: meeting.id,
                draft: MaracActionDraft(caseID: caseID, agency: "idva", owner: "Ivy", description: "Weekly visits", dueOn: inAWeek))
            // The IDVA reports her own action back; she may not report housing's.
            #expect(try await store.service.setMaracActionStatus(idva, actionID: visits.id, status: "done", note: nil).status == .done)
            await #expect(throws: DomainError.self) { _ = try await store.service.setMaracActionStatus(idva, actionID: move.id, status: "done", note: nil) }
            _ = housing

            // Eight days on, housing's action is late: the clocks chase it once, with the coordinator.
            store.clock.advance(by: 8 * 86_400)
            _ = try await store.service.runClocks()
            _ = try await store.service.runClocks()
            let chases = try await store.repositories.transaction { tx in try await tx.tasks.open(source: "marac-action:\(move.id)") }
            #expect(chases.count == 1 && chases.first?.owner.id == coordinator.user.id && chases.first?.kind == .chaseMaracAction)

            // The next meeting opens with it.
            let next = try await store.service.scheduleMaracMeeting(
                coordinator, draft: MaracMeetingDraft(heldOn: CalendarDate.string(store.clock.now()), chair: "DI Rowe", agencies: ["idva", "housing"]))
            view = try await store.service.maracMeeting(coordinator, meetingID: next.id)
            #expect(view.carried.map(\.id) == [move.id] && view.agenda.isEmpty)

            _ = try await store.service.sendMaracMinutes(coordinator, meetingID: meeting.id)
            #expect(try await store.repositories.transaction { tx in try await tx.tasks.open(source: "marac-minutes:\(meeting.id)") }.isEmpty)
            await #expect(throws: DomainError.self) { _ = try await store.service.sendMaracMinutes(coordinator, meetingID: meeting.id) }
            await #expect(throws: DomainError.self) {
                _ = try await store.service.scheduleMaracMeeting(specialist, draft: MaracMeetingDraft(heldOn: today, chair: "x", agencies: ["idva"]))
            }
        }
    }

    @Test(
        "Rule 21: the research is shared before the meeting with the agencies at its table only, each adding its own; attendance needs the confidentiality statement signed",
        arguments: TestEngine.available)
    func rule21ResearchForMembersOnly(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let coordinator = try await store.actor(.maracCoordinator, username: "marac")
            let idva = Actor(
                try await store.service.createUser(username: "idva", displayName: "Ivy", role: .partnerAgency, password: "idva-test-password-x", agency: "idva")
            )
            let probation = Actor(
                try await store.service.createUser(
                    username: "probation", displayName: "Pat", role: .partnerAgency, password: "probation-test-password", agency: "probation"))
            let victim = try await store.service.createPerson(specialist, draft: sampleDraft())
            let (_, caseID) = try await MaracReferralTests.call(store, victimID: victim.id, suspectID: nil)
            _ = try await store.service.referToMarac(
                specialist, caseID: caseID, draft: MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "police", research: Self.research))
            let inThreeDays = CalendarDate.string(store.clock.now().addingTimeInterval(3 * 86_400))
            let meeting = try await store.service.scheduleMaracMeeting(
                coordinator, draft: MaracMeetingDraft(heldOn: inThreeDays, chair: "DI Rowe", agencies: ["idva", "housing"]))
            // Before the day: the IDVA reads the papers and adds what she knows; probation, not at the table, may do neither.
            #expect(try await store.service.maracMeetings(idva).map(\.id) == [meeting.id])
            #expect(try await store.service.maracMeetings(probation).isEmpty)
            await #expect(throws: DomainError.self) { _ = try await store.service.maracMeeting(probation, meetingID: meeting.id) }
            await #expect(throws: DomainError.self) {
                _ = try await store.service.addMaracResearch(probation, meetingID: meeting.id, caseID: caseID, agency: nil, text: "He is on licence.")
            }
            let note = try await store.service.addMaracResearch(
                idva, meetingID: meeting.id, caseID: caseID, agency: "housing", text: "She has told me he is back at her street.")
            #expect(note.agency == .idva)
            let papers = try await store.service.maracMeeting(idva, meetingID: meeting.id)
            #expect(papers.agenda.first?.research.map(\.text) == ["She has told me he is back at her street."])
            // On the day: attendance with the statement signed; apologies say whether the information came.
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordMaracAttendance(
                    coordinator, meetingID: meeting.id, agency: "idva", kind: "attended", attendee: "Ivy", confidentialitySigned: false, informationSent: false)
            }
            _ = try await store.service.recordMaracAttendance(
                coordinator, meetingID: meeting.id, agency: "idva", kind: "attended", attendee: "Ivy", confidentialitySigned: true, informationSent: false)
            _ = try await store.service.recordMaracAttendance(
                coordinator, meetingID: meeting.id, agency: "housing", kind: "apologies", attendee: nil, confidentialitySigned: false, informationSent: true)
            let attendance = try await store.service.maracMeeting(coordinator, meetingID: meeting.id).attendance
            #expect(
                attendance.map(\.agency) == [.housing, .idva] && attendance.first?.informationSent == true && attendance.last?.confidentialitySigned == true)
        }
    }

    @Test(
        "Rule 21: each area holds its own MARAC — a referral goes to the MARAC where she lives, a meeting hears only its area's, carries only its own actions, and each MARAC's figures and rate are its own",
        arguments: TestEngine.available)
    func rule21EachAreaHoldsItsOwnMarac(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.adultWomenByArea = ["NTH": 50_000, "STH": 25_000]
        try await TestStore.with(engine, policy: policy) { store in
            _ = try await store.service.createArea(code: "NTH", name: "Northern", postcodes: ["PR"])
            _ = try await store.service.createArea(code: "STH", name: "Southern", postcodes: ["BB"])
            let specialist = Actor(
                try await store.service.createUser(
                    username: "das", displayName: "Dee", role: .daSpecialist, password: "das-test-password-xx", areaCode: "NTH"))
            let coordinator = Actor(
                try await store.service.createUser(
                    username: "marac", displayName: "Mo", role: .maracCoordinator, password: "marac-test-password", areaCode: "NTH"))
            var cases: [String: String] = [:]
            for (name, postcode) in [("North", "PR1 1AA"), ("South", "BB2 1AA")] {
                let victim = try await store.service.createNewPerson(
                    specialist,
                    draft: PersonDraft(firstName: name, surname: "Area", dateOfBirth: "1990-01-01", addressLine1: "1 High Street", postcode: postcode),
                    confirmedNew: true)
                let (_, caseID) = try await MaracReferralTests.call(store, victimID: victim.id, suspectID: nil)
                let referral = try await store.service.referToMarac(
                    specialist, caseID: caseID,
                    draft: MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "police", research: Self.research))
                cases[name] = caseID
                // A specialist in the north refers a victim living in the south to the southern MARAC.
                #expect(referral.areaID == (try await store.service.areas()).first { $0.code == (name == "North" ? "NTH" : "STH") }?.id)
            }
            let today = CalendarDate.string(store.clock.now())
            // The coordinator's own area by default: the northern MARAC hears only the northern case.
            let north = try await store.service.scheduleMaracMeeting(
                coordinator, draft: MaracMeetingDraft(heldOn: today, chair: "DI Rowe", agencies: ["idva"]))
            #expect(try await store.service.maracMeeting(coordinator, meetingID: north.id).agenda.map(\.referral.caseID) == [cases["North"]])
            _ = try await store.service.addMaracAction(
                coordinator, meetingID: north.id,
                draft: MaracActionDraft(caseID: cases["North"], agency: "idva", owner: "Ivy", description: "Call her", dueOn: today))
            await #expect(throws: DomainError.self) {
                _ = try await store.service.scheduleMaracMeeting(
                    coordinator, draft: MaracMeetingDraft(heldOn: today, chair: "DI Rowe", agencies: ["idva"], area: "XYZ"))
            }
            let tomorrow = CalendarDate.string(store.clock.now().addingTimeInterval(86_400))
            let south = try await store.service.scheduleMaracMeeting(
                coordinator, draft: MaracMeetingDraft(heldOn: tomorrow, chair: "DI Khan", agencies: ["idva"], area: "sth"))
            let southView = try await store.service.maracMeeting(coordinator, meetingID: south.id)
            // The north's open action does not open the southern MARAC's agenda.
            #expect(southView.agenda.map(\.referral.caseID) == [cases["South"]] && southView.carried.isEmpty)
            let nextNorth = try await store.service.scheduleMaracMeeting(
                coordinator, draft: MaracMeetingDraft(heldOn: tomorrow, chair: "DI Rowe", agencies: ["idva"]))
            #expect(try await store.service.maracMeeting(coordinator, meetingID: nextNorth.id).carried.map(\.caseID) == [cases["North"]])

            let analyst = try await store.actor(.analyst, username: "an")
            let year = String(today.prefix(4))
            let northFigures = try await store.service.maracFigures(analyst, from: "\(year)-01-01", to: "\(year)-12-31", area: "NTH")
            #expect(northFigures.referrals == 1 && northFigures.meetings.count == 2 && northFigures.areaName == "Northern")
            // 1 referral in the year among 50,000 adult women: 0.2 per 10,000 (to one place).
            #expect(northFigures.per10kWomenPerYear == 0.2 && northFigures.perMarac.isEmpty)
            let force = try await store.service.maracFigures(analyst, from: "\(year)-01-01", to: "\(year)-12-31")
            #expect(force.referrals == 2 && force.meetings.count == 3)
            #expect(force.perMarac.map(\.area) == ["NTH", "STH"] && force.perMarac.map(\.referrals) == [1, 1])
            #expect(force.perMarac.map(\.per10kWomenPerYear) == [0.2, 0.4] && force.per10kWomenPerYear == 0.3)
            await #expect(throws: DomainError.self) { _ = try await store.service.maracFigures(analyst, from: "\(year)-01-01", to: "\(year)-12-31", area: "X") }
            let csv = try await store.service.maracReturn(analyst, quarter: "\(year)-Q4", area: "STH")
            #expect(csv.contains("MARAC,Southern (STH)"))
        }
    }
}
