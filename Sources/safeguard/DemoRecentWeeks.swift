import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic

/// The demo's last three weeks, played through the domain itself on a clock that moves a day at a time, so a newcomer
/// signing in as any demo user finds real work (issue 19, part 5): open cases at every level, plan reviews due today and
/// overdue, assessments waiting for the sergeant, a call on the live queue, a release with its tasks, an order near its
/// end. Every step is an ordinary operation (audited, triggers fired), as the force's own staff would have done it.
enum DemoRecentWeeks {
    static let days = 21

    /// Plays the weeks before now among the people already loaded; returns how many calls were recorded.
    @discardableResult
    static func play(runtime: Runtime, seed: UInt64) async throws -> Int {
        let start = Date().addingTimeInterval(-Double(days) * 86_400)
        let clock = FixedClock(start)
        let replay = try await Runtime.open(policyFile: nil, migrate: false, url: runtime.url, clock: clock)
        do {
            let calls = try await play(replay, clock: clock, start: start, seed: seed)
            try await replay.close()
            return calls
        } catch {
            try? await replay.close()
            throw error
        }
    }

    private static func play(_ replay: Runtime, clock: FixedClock, start: Date, seed: UInt64) async throws -> Int {
        let service = replay.service
        func actor(_ username: String) async throws -> Actor {
            guard let user = try await service.account(username: username) else { throw DomainError.notFound(kind: "user", id: username) }
            return Actor(user)
        }
        let handler = try await actor("handler"), officer = try await actor("officer"), sergeant = try await actor("sergeant")
        let specialist = try await actor("specialist"), supervisor = try await actor("crsupervisor")
        // People already on record, in a seeded order: some become this month's victims, others their suspects.
        var random = SeededGenerator(seed: seed ^ 0x11FE)
        var ids = try await replay.store.read { tx in try await tx.dedupe.personIDs(after: "", limit: 4_000) }
        random.shuffle(&ids)
        let chosen = Array(ids.prefix(400))
        let people = try await replay.store.read { tx in
            var found: [Person] = []
            for id in chosen { if let person = try await tx.people.find(id: id), !person.restricted { found.append(person) } }
            return found
        }
        let victims = people.filter { $0.sex == .female && $0.dateOfBirth != nil }.prefix(24)
        let suspects = people.filter { $0.sex == .male }
        guard victims.count >= 12, suspects.count >= victims.count else { return 0 }
        var calls = 0
        var highCases: [String] = []
        var disclosureSubjects: [String] = []
        var surveyCase: (caseID: String, victimID: String)?
        for (index, victim) in victims.enumerated() {
            // Two calls a day or so, spread over the weeks; the last few arrive today.
            clock.advance(by: Double(days) * 86_400 / Double(victims.count) - 60)
            let suspect = suspects[index]
            let urgent = index == victims.count - 1  // left on the live queue, unacknowledged
            let record = try await service.openIncident(
                handler,
                draft: CallDraft(
                    channel: index % 3 == 0 ? "101" : "999", relationship: index % 5 == 0 ? "ex_partner" : "intimate_partner",
                    abuseTypes: index % 4 == 0 ? ["coercive_control", "physical"] : ["physical"],
                    parties: [CallPartyDraft(role: "victim", personID: victim.id), CallPartyDraft(role: "suspect", personID: suspect.id)],
                    immediateDanger: urgent ? "yes" : "no", suspectLocation: urgent ? "nearby" : "left", injuries: index % 3 == 0 ? "yes" : "no",
                    weapons: "no", childrenPresent: "no", fear: urgent ? "terrified" : "quite",
                    fearInTheirWords: urgent ? "He is outside and says he will come back in" : nil))
            calls += 1
            if urgent { break }
            // The control room dispatched, the officer arrived, and the supervisor took charge of any flag.
            clock.advance(by: 300)
            _ = try await service.recordResponseTime(handler, incidentID: record.incident.id, event: .dispatched)
            clock.advance(by: 600)
            _ = try await service.recordResponseTime(officer, incidentID: record.incident.id, event: .arrived)
            if record.response?.potentialHighRisk == true {
                _ = try await service.acknowledgeHighRisk(supervisor, incidentID: record.incident.id)
            }
            // Most are assessed at the scene the same hour: a third each standard, medium and high. The officer then
            // closes the call, so it is off the control room's hands (the victim's case goes on).
            clock.advance(by: 3_600)
            _ = try await service.closeCall(
                officer, incidentID: record.incident.id, outcome: "closed", reason: "Dealt with at the scene; she was seen alone and advised.")
            guard index % 6 != 5 else { continue }  // a few still waiting for an officer's assessment
            let level = ["standard", "medium", "high"][index % 3]
            let assessment = try await service.recordRiskAssessment(
                officer, incidentID: record.incident.id,
                draft: try dashDraft(
                    victimID: victim.id, yes: [4, 9, 15][index % 3], level: level,
                    rationale: "Her account, the injuries seen and his threats; judged \(level) after speaking with her alone."))
            if level == "high", let caseID = record.cases.first?.id { highCases.append(caseID) }
            if index == 0, let caseID = record.cases.first?.id { surveyCase = (caseID, victim.id) }
            // The sergeant has reviewed the older ones; the last week's wait on the queue.
            if index < victims.count * 2 / 3 {
                _ = try await service.reviewRiskAssessment(sergeant, assessmentID: assessment.id, draft: RiskReviewDraft(qualityNote: "Thorough; agreed."))
            }
            if index % 7 == 3 {
                // Released under investigation: tell her, reassess, review the plan.
                _ = try await service.recordCustodyEvent(officer, suspectID: suspect.id, draft: CustodyDraft(kind: "released_under_investigation"))
            }
            if index == 4 {
                disclosureSubjects.append(suspect.id)
                // A protection order that ends within the week: the clocks ask for a review and for her to be told.
                let today = clock.now()
                let realToday = start.addingTimeInterval(Double(days) * 86_400)
                _ = try await service.recordOrder(
                    specialist, subjectID: suspect.id,
                    draft: OrderDraft(
                        kind: "non_molestation", protectedPersonID: victim.id, terms: "No contact, directly or through others.",
                        startsOn: CalendarDate.string(today.addingTimeInterval(-180 * 86_400)),
                        endsOn: CalendarDate.string(realToday.addingTimeInterval(5 * 86_400)), incidentID: record.incident.id))
            }
        }
        try await playMarac(service, clock: clock, highCases: highCases, actor: actor)
        try await playDisclosure(service, subjects: disclosureSubjects, specialist: specialist)
        try await playHomicideReview(service, now: clock.now(), specialist: specialist)
        if let surveyCase {
            do {
                try await playSurvey(service, surveyCase: surveyCase, specialist: specialist, sergeant: sergeant)
            } catch {
                print("The demo's closed case (for a satisfaction survey) could not be played: \(error)")
            }
        }
        return calls
    }

    /// Clare's Law (rule 26): a right-to-ask application checked and verified, awaiting research, and a right-to-know
    /// application just received, its 24-hour clock running.
    private static func playDisclosure(_ service: SafeguardService, subjects: [String], specialist: Actor) async throws {
        guard let subject = subjects.first else { return }
        let asked = try await service.applyForDisclosure(
            specialist,
            draft: DisclosureApplicationDraft(
                route: "right_to_ask", applicantName: "Demo Applicant", applicantRelationship: "his new partner",
                applicantContact: "Mobile, after 6pm only", subjectPersonID: subject))
        _ = try await service.recordDisclosureStep(
            specialist, applicationID: asked.application.id, draft: DisclosureStepDraft(kind: "initial_checks", immediateRisk: false))
        _ = try await service.recordDisclosureStep(
            specialist, applicationID: asked.application.id,
            draft: DisclosureStepDraft(kind: "identity_verified", note: "Seen at the station with her passport"))
        _ = try await service.applyForDisclosure(
            specialist,
            draft: DisclosureApplicationDraft(
                route: "right_to_know", applicantName: "Demo Specialist (police)", applicantRelationship: "police: intelligence of a new relationship",
                subjectPersonID: subject))
    }

    /// A domestic homicide review published fourteen months ago (rule 30): one recommendation implemented with its
    /// evidence, one in progress and late (its task escalates once the clocks run), one due next quarter.
    private static func playHomicideReview(_ service: SafeguardService, now: Date, specialist: Actor) async throws {
        func day(_ offset: Double) -> String { CalendarDate.string(now.addingTimeInterval(offset * 86_400)) }
        var review = try await service.recordHomicideReview(
            specialist, draft: HomicideReviewDraft(title: "DHR Demo Partnership 2025/01", publishedOn: day(-425), area: nil))
        for (text, agency, owner, due) in [
            ("Call handlers ask about non-fatal strangulation on every domestic abuse call", "Police", "Head of contact management", day(-245)),
            ("GP practices record and share disclosures of abuse with the MARAC", "Health", "Designated safeguarding lead", day(-30)),
            ("Housing officers trained to recognise coercive control at tenancy visits", "Housing", "Tenancy services manager", day(75))
        ] {
            review = try await service.addHomicideReviewRecommendation(
                specialist, reviewID: review.id, draft: RecommendationDraft(text: text, ownerAgency: agency, ownerName: owner, dueOn: due))
        }
        _ = try await service.updateHomicideReviewRecommendation(
            specialist, recommendationID: review.recommendations[0].id, status: "implemented",
            evidence: "Question added to the call script; 96% of sampled DA calls asked it (dip sample, last quarter)")
        _ = try await service.updateHomicideReviewRecommendation(
            specialist, recommendationID: review.recommendations[1].id, status: "in_progress",
            evidence: "Agreed at the health board; two practices of nine live")
    }

    /// The oldest standard-risk case of the weeks, its work done and closed with her safe route recorded: its
    /// satisfaction survey waits for the specialist (rule 28).
    private static func playSurvey(
        _ service: SafeguardService, surveyCase: (caseID: String, victimID: String), specialist: Actor, sergeant: Actor
    ) async throws {
        _ = try await service.saveSafeContact(
            specialist, personID: surveyCase.victimID,
            draft: SafeContactDraft(safeNumber: "07700 900461", safeTimes: "Weekdays 10:00-12:00", mayLeaveMessage: "no"))
        let accounts = try await service.accounts()
        // A handover offered on the way (the specialist's case load) is answered by whoever it was offered to.
        if let handover = try await service.viewCase(specialist, caseID: surveyCase.caseID).safeguardingCase.pendingHandover,
            let recipient = accounts.first(where: { $0.id == handover.to.id })
        {
            _ = try await service.acceptHandover(Actor(recipient), caseID: surveyCase.caseID)
        }
        for task in try await service.viewCase(specialist, caseID: surveyCase.caseID).tasks where task.completedAt == nil {
            // A review is done by reviewing (rule 16); every other task by its owner.
            if task.kind == .reviewAssessment || task.kind == .dipSampleReview {
                _ = try await service.reviewRiskAssessment(
                    task.kind == .reviewAssessment ? sergeant : specialist, assessmentID: String(task.source.dropFirst("assessment:".count)),
                    draft: RiskReviewDraft(qualityNote: "Thorough; agreed."))
            } else if let owner = accounts.first(where: { $0.id == task.owner.id }) {
                _ = try await service.completeTask(Actor(owner), taskID: task.id, outcome: "Done with her: plan reviewed, nothing more needed.")
            }
        }
        _ = try await service.closeCase(
            specialist, caseID: surveyCase.caseID, reason: "She has moved to her sister's; the safety plan is in place and she is supported.")
    }

    /// The MARAC's part (issue 21): the older high-risk cases referred and heard at each area's MARAC three days ago —
    /// research from the IDVA, attendance, outcomes, one action done and one late (the clocks chase it once the server
    /// runs them) — the first shared with the IDVA service; the newest referred and waiting for the next sittings.
    private static func playMarac(
        _ service: SafeguardService, clock: FixedClock, highCases: [String], actor: (String) async throws -> Actor
    ) async throws {
        guard highCases.count >= 2 else { return }
        let specialist = try await actor("specialist"), coordinator = try await actor("marac"), idva = try await actor("partner")
        let areas = try await service.areas()
        let heard = highCases.prefix(highCases.count * 2 / 3), waiting = highCases.dropFirst(heard.count)
        func refer(_ caseID: String) async throws -> MaracReferral {
            try await service.referToMarac(
                specialist, caseID: caseID,
                draft: MaracReferralDraft(
                    criteria: ["professional_judgement"], referringAgency: "police",
                    research: "Three incidents this year, each worse; he has moved back nearby. Children's services and housing to bring their records."))
        }
        var referred: [MaracReferral] = []
        for caseID in heard { referred.append(try await refer(caseID)) }
        let today = clock.now()
        let agencies = ["idva", "childrens_social_care", "housing", "health"]
        for area in areas where referred.contains(where: { $0.areaID == area.id }) {
            let meeting = try await service.scheduleMaracMeeting(
                coordinator,
                draft: MaracMeetingDraft(
                    heldOn: CalendarDate.string(today.addingTimeInterval(-3 * 86_400)), chair: "DCI Amara Okafor", agencies: agencies, area: area.code))
            let cases = try await service.maracMeeting(coordinator, meetingID: meeting.id).agenda.map(\.referral.caseID)
            for agency in agencies {
                _ = try await service.recordMaracAttendance(
                    coordinator, meetingID: meeting.id, agency: agency, kind: agency == "health" ? "apologies" : "attended",
                    attendee: agency == "health" ? nil : "Demo \(agency.replacingOccurrences(of: "_", with: " ")) lead",
                    confidentialitySigned: agency != "health",
                    informationSent: true)
            }
            for caseID in Set(cases) {
                _ = try await service.addMaracResearch(
                    idva, meetingID: meeting.id, caseID: caseID, agency: nil, text: "She has engaged with us twice; she fears he will find her new address.")
                try await service.recordMaracOutcome(
                    coordinator, meetingID: meeting.id, caseID: caseID, summary: "High risk confirmed; safety plan refreshed with housing and the IDVA.")
                let done = try await service.addMaracAction(
                    coordinator, meetingID: meeting.id,
                    draft: MaracActionDraft(
                        caseID: caseID, agency: "housing", owner: "Demo housing lead", description: "Fit a door alarm and check the locks.",
                        dueOn: CalendarDate.string(today.addingTimeInterval(4 * 86_400))))
                _ = try await service.setMaracActionStatus(coordinator, actionID: done.id, status: "done", note: nil)
                _ = try await service.addMaracAction(
                    coordinator, meetingID: meeting.id,
                    draft: MaracActionDraft(
                        caseID: caseID, agency: "idva", owner: "Demo IDVA", description: "Meet her and go through the safety plan.",
                        dueOn: CalendarDate.string(today.addingTimeInterval(-1 * 86_400))))
            }
            _ = try await service.sendMaracMinutes(coordinator, meetingID: meeting.id)
        }
        if let first = referred.first {
            _ = try await service.recordIdvaOffer(
                specialist, caseID: first.caseID, draft: IdvaOfferDraft(outcome: "accepted", reason: nil, idvaUserID: idva.user.id))
            _ = try await service.shareCase(
                specialist, caseID: first.caseID,
                draft: CaseShareDraft(
                    agency: "idva", fieldGroups: ["safe_contact", "risk", "safety_plan", "marac"], consent: "given", overrideReason: nil,
                    endsOn: CalendarDate.string(today.addingTimeInterval(180 * 86_400))))
        }
        // The newest wait for each area's next sitting.
        for caseID in waiting { _ = try await refer(caseID) }
    }
}
