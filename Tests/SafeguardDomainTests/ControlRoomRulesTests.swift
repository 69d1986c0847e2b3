import Foundation
import SafeguardDomain
import Testing

/// Rules 2, 4, 5 and 6 as pure domain rules, at a fixed time.
@Suite("Control room rules")
struct ControlRoomRulesTests {
    static let now = Date(timeIntervalSince1970: 1_795_341_600)  // 22 Nov 2026 10:00 UTC

    static func answers(
        danger: Answer = .no, suspect: SuspectLocation = .notKnown, injuries: Answer = .no, weapons: Answer = .no,
        children: Answer = .no, fear: FearLevel = .aLittle
    ) -> CallAnswers {
        CallAnswers(immediateDanger: danger, suspectLocation: suspect, injuries: injuries, weapons: weapons, childrenPresent: children, fear: fear)
    }

    static func response(grade: Grade, gradedAt: Date = now, dispatched: Date? = nil, flagged: Bool = false, pending: PendingGrade? = nil) -> IncidentResponse {
        IncidentResponse(
            incidentID: "i1", reference: "DA-2026-000001", grade: grade, recommendedGrade: grade, setting: .urban, gradedAt: gradedAt,
            targetAt: nil, pending: pending, potentialHighRisk: flagged, highRiskReasons: flagged ? ["Weapon mentioned"] : [], dispatchedAt: dispatched)
    }

    @Test("Rule 5: a scheduled appointment or any downgrade needs a supervisor; an upgrade does not")
    func rule5GradingNeedsAuthorisation() {
        #expect(GradingRules.needsAuthorisation(requested: .scheduled, current: .priority))
        #expect(GradingRules.needsAuthorisation(requested: .priority, current: .immediate))
        #expect(GradingRules.needsAuthorisation(requested: .scheduled, current: .scheduled))
        #expect(!GradingRules.needsAuthorisation(requested: .immediate, current: .priority))
        #expect(!GradingRules.needsAuthorisation(requested: .priority, current: .priority))
    }

    @Test("Rule 5: \"the suspect has left\" is never a reason on its own; a reason with substance is accepted")
    func rule5SuspectHasLeftIsNotAReason() {
        for text in ["Suspect has left", "suspect has left the scene", "He's gone now", "Offender left the address already", "  "] {
            #expect(!GradingRules.checkReason(text).isEmpty, "\(text) should be refused")
        }
        #expect(GradingRules.checkReason("Suspect has left the scene").first?.message.contains("not a reason on its own") == true)
        #expect(GradingRules.checkReason("Suspect has left; victim now at her mother's in another town with the door locked, wants officers tomorrow").isEmpty)
        #expect(GradingRules.checkReason("Caller reporting historic harassment by letter, no contact for six months, asked for an appointment").isEmpty)
    }

    @Test("Rule 5: the answers set the recommended grade, never scheduled, and the suspect leaving does not lower it")
    func rule5RecommendedGrade() {
        #expect(GradingRules.recommended(answers: Self.answers(danger: .yes), potentialHighRisk: false) == .immediate)
        #expect(GradingRules.recommended(answers: Self.answers(suspect: .atScene), potentialHighRisk: false) == .immediate)
        #expect(GradingRules.recommended(answers: Self.answers(fear: .terrified), potentialHighRisk: false) == .immediate)
        #expect(GradingRules.recommended(answers: Self.answers(suspect: .left, weapons: .yes), potentialHighRisk: false) == .immediate)
        #expect(GradingRules.recommended(answers: Self.answers(suspect: .left), potentialHighRisk: true) == .immediate)
        #expect(GradingRules.recommended(answers: Self.answers(suspect: .left), potentialHighRisk: false) == .priority)
    }

    @Test("Rule 5: target times come from policy (15 urban, 20 rural, 60 priority by default) and can be changed")
    func rule5TargetTimesFromPolicy() throws {
        var policy = ForcePolicy()
        #expect(GradingRules.targetMinutes(.immediate, setting: .urban, policy: policy) == 15)
        #expect(GradingRules.targetMinutes(.immediate, setting: .rural, policy: policy) == 20)
        #expect(GradingRules.targetMinutes(.priority, setting: .rural, policy: policy) == 60)
        #expect(GradingRules.targetMinutes(.scheduled, setting: .urban, policy: policy) == nil)
        policy = try JSONDecoder().decode(ForcePolicy.self, from: Data(#"{"immediateRuralMinutes": 25, "priorityMinutes": 45}"#.utf8))
        #expect(GradingRules.targetMinutes(.immediate, setting: .rural, policy: policy) == 25)
        #expect(GradingRules.targetMinutes(.priority, setting: .urban, policy: policy) == 45)
        policy.priorityDispatchAlertMinutes = 0
        #expect(throws: DomainError.self) { try policy.validate() }
    }

    @Test("Rule 5: a priority call not dispatched within 30 minutes alerts the supervisor; dispatch clears it")
    func rule5PriorityNotDispatchedAlert() {
        let policy = ForcePolicy()
        let graded = Self.now
        let waiting = Self.response(grade: .priority, gradedAt: graded)
        #expect(ControlRoomQueue.alerts([waiting], now: graded.addingTimeInterval(29 * 60 + 59), policy: policy).isEmpty)
        let alerts = ControlRoomQueue.alerts([waiting], now: graded.addingTimeInterval(30 * 60), policy: policy)
        #expect(alerts.map(\.kind) == [.priorityNotDispatched])
        #expect(alerts.first?.detail == "Priority call not dispatched after 30 minutes")
        let dispatched = Self.response(grade: .priority, gradedAt: graded, dispatched: graded.addingTimeInterval(20 * 60))
        #expect(ControlRoomQueue.alerts([dispatched], now: graded.addingTimeInterval(40 * 60), policy: policy).isEmpty)
        // Immediate calls are not "priority not dispatched"; a scheduled appointment never is.
        #expect(ControlRoomQueue.alerts([Self.response(grade: .scheduled, gradedAt: graded)], now: graded.addingTimeInterval(3600), policy: policy).isEmpty)
    }

    @Test("Rule 6: a potential high-risk call is on the live queue until a supervisor acknowledges it")
    func rule6PotentialHighRiskOnLiveQueue() {
        let reasons = PotentialHighRisk.reasons(
            answers: Self.answers(weapons: .yes, fear: .terrified), abuseTypes: [.strangulation],
            victimIsRepeat: true, handlerConcern: false)
        #expect(reasons == ["Weapon mentioned", "Caller is terrified", "Strangulation or choking", "Repeat victim"])
        #expect(PotentialHighRisk.reasons(answers: Self.answers(), abuseTypes: [.emotional], victimIsRepeat: false, handlerConcern: false).isEmpty)
        #expect(PotentialHighRisk.reasons(answers: Self.answers(), abuseTypes: [], victimIsRepeat: false, handlerConcern: true) == ["Call handler's concern"])
        var flagged = Self.response(grade: .immediate, flagged: true)
        flagged.dispatchedAt = Self.now
        flagged.arrivedAt = Self.now
        #expect(ControlRoomQueue.alerts([flagged], now: Self.now, policy: ForcePolicy()).map(\.kind) == [.potentialHighRisk])
        flagged.highRiskAcknowledgedAt = Self.now
        #expect(ControlRoomQueue.alerts([flagged], now: Self.now, policy: ForcePolicy()).isEmpty)
    }

    @Test("Rule 5: a waiting downgrade is on the live queue with its reason")
    func rule5PendingDowngradeOnQueue() {
        let pending = PendingGrade(grade: .scheduled, reason: "caller at work until 6pm, wants an appointment", requestedBy: "handler", requestedAt: Self.now)
        var r = Self.response(grade: .priority, dispatched: Self.now, pending: pending)
        r.arrivedAt = Self.now
        let alerts = ControlRoomQueue.alerts([r], now: Self.now, policy: ForcePolicy())
        #expect(alerts.map(\.kind) == [.authorisationNeeded])
        #expect(alerts.first?.detail.contains("caller at work") == true)
    }

    @Test("Rule 2: repeat victim follows the policy's window — 12 months (West Mercia, Norfolk) or no limit (Lancashire)")
    func rule2RepeatVictimFromPolicy() throws {
        let day: TimeInterval = 86_400
        let thirteenMonthsAgo = Self.now.addingTimeInterval(-400 * day)
        let elevenMonthsAgo = Self.now.addingTimeInterval(-330 * day)
        let twelveMonths = ForcePolicy()
        #expect(!VictimStatus.compute(earlierIncidents: [thirteenMonthsAgo], at: Self.now, person: nil, policy: twelveMonths).isRepeat)
        let status = VictimStatus.compute(earlierIncidents: [thirteenMonthsAgo, elevenMonthsAgo], at: Self.now, person: nil, policy: twelveMonths)
        #expect(status.isRepeat && status.previousIncidentsCounted == 1)
        #expect(status.repeatDefinition == "another incident within 12 months")
        let lancashire = try JSONDecoder().decode(ForcePolicy.self, from: Data(#"{"repeatVictimWindowMonths": null}"#.utf8))
        #expect(lancashire.repeatVictimWindowMonths == nil)
        let unlimited = VictimStatus.compute(earlierIncidents: [thirteenMonthsAgo], at: Self.now, person: nil, policy: lancashire)
        #expect(unlimited.isRepeat && unlimited.repeatDefinition == "any earlier incident")
        #expect(!VictimStatus.compute(earlierIncidents: [], at: Self.now, person: nil, policy: lancashire).isRepeat)
        // Later incidents never make an earlier call a repeat.
        #expect(!VictimStatus.compute(earlierIncidents: [Self.now.addingTimeInterval(day)], at: Self.now, person: nil, policy: lancashire).isRepeat)
    }

    @Test("Rule 2: vulnerable victim follows the policy: recorded vulnerabilities and age limits")
    func rule2VulnerableVictimFromPolicy() {
        let person = Person(
            id: "p", firstName: "Amy", surname: "Stone", dateOfBirth: "2010-01-01", sex: .female, vulnerabilities: ["learning disability"],
            version: 1, createdAt: Self.now, updatedAt: Self.now)
        let status = VictimStatus.compute(earlierIncidents: [], at: Self.now, person: person, policy: ForcePolicy())
        #expect(status.isVulnerable && status.vulnerableBecause == ["learning disability", "aged under 18"])
        var policy = ForcePolicy()
        policy.vulnerableIfRecordedVulnerability = false
        policy.vulnerableAgeUnder = nil
        #expect(!VictimStatus.compute(earlierIncidents: [], at: Self.now, person: person, policy: policy).isVulnerable)
        policy.vulnerableAgeFrom = 15
        #expect(VictimStatus.compute(earlierIncidents: [], at: Self.now, person: person, policy: policy).vulnerableBecause == ["aged 15 or over"])
    }

    @Test("Rule 4: the structured questions are required answers; each missing or wrong one is named and nothing passes")
    func rule4StructuredQuestionsRequired() {
        let draft = CallDraft(
            channel: "carrier pigeon", relationship: "intimate_partner",
            parties: [CallPartyDraft(role: "victim", newPerson: PersonDraft(firstName: "Kate", surname: "Okafor"))],
            immediateDanger: "yes", suspectLocation: "left", injuries: "maybe", weapons: "no", childrenPresent: "not_known")
        do {
            _ = try draft.validated(now: Self.now)
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["channel", "injuries", "fear"])
            #expect(errors.first { $0.field == "fear" }?.message.contains("how frightened the caller feels") == true)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("Rule 4: a call names a victim, and a scheduled grade needs its appointment time")
    func rule4VictimAndAppointment() {
        let draft = CallDraft(
            channel: "999", relationship: "ex_partner", immediateDanger: "no", suspectLocation: "not_known", injuries: "no",
            weapons: "no", childrenPresent: "no", fear: "quite", grade: "scheduled", gradeReason: "caller asked for tomorrow at home")
        do {
            _ = try draft.validated(now: Self.now)
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["parties", "appointment_at"])
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("Rule 6: every response that can raise a live-queue alert, at any time, is one the queue watches")
    func everyAlertingResponseIsWatched() {
        // setup: every state a response can be in
        let graded = Date(timeIntervalSince1970: 1_795_000_000)
        let policy = ForcePolicy()
        var unwatchedAlerting: [String] = []
        var watchedCount = 0
        for grade in Grade.allCases {
            for pending in [nil, PendingGrade(grade: .scheduled, reason: "r", requestedBy: "u", requestedAt: graded)] {
                for flagged in [false, true] {
                    for acknowledged in [nil, graded] as [Date?] {
                        for dispatched in [nil, graded] as [Date?] {
                            for arrived in [nil, graded] as [Date?] {
                                for closed in [false, true] {
                                    var response = IncidentResponse(
                                        incidentID: "i", reference: "DA-1", grade: grade, recommendedGrade: grade, setting: .urban,
                                        gradedAt: graded, targetAt: grade == .scheduled ? nil : graded.addingTimeInterval(900),
                                        pending: pending, potentialHighRisk: flagged, highRiskReasons: flagged ? ["weapon"] : [],
                                        highRiskAcknowledgedAt: acknowledged, dispatchedAt: dispatched, arrivedAt: arrived)
                                    if closed { response.closure = CallClosure(kind: .cancelled, reason: "r", byUsername: "u", at: graded) }
                                    // act: the alerts it raises now, or at any later time
                                    let alerting = [graded, graded.addingTimeInterval(3_600), graded.addingTimeInterval(86_400 * 30)]
                                        .contains { !ControlRoomQueue.alerts([response], now: $0, policy: policy).isEmpty }
                                    // check
                                    if ControlRoomQueue.watches(response) { watchedCount += 1 }
                                    if alerting && !ControlRoomQueue.watches(response) {
                                        unwatchedAlerting.append(
                                            "\(grade) \(pending != nil) \(flagged) \(acknowledged != nil) \(dispatched != nil) \(arrived != nil) \(closed)")
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(unwatchedAlerting.isEmpty, "responses that raise an alert the queue never looks for: \(unwatchedAlerting)")
        #expect(watchedCount > 0 && watchedCount < 3 * 2 * 2 * 2 * 2 * 2)  // closed ones are never watched
    }

    @Test(
        "Rule 5: one decision for a grade request, on a new call and later: more urgent applies; less urgent or scheduled waits for a supervisor, unless a supervisor asked"
    )
    func gradeRequestOutcomeIsOneDecision() {
        #expect(GradingRules.outcome(requested: .immediate, standing: .priority, requesterSupervises: false) == .applies)
        #expect(GradingRules.outcome(requested: .priority, standing: .priority, requesterSupervises: false) == .applies)
        #expect(GradingRules.outcome(requested: .priority, standing: .immediate, requesterSupervises: false) == .waitsForSupervisor)
        #expect(GradingRules.outcome(requested: .priority, standing: .immediate, requesterSupervises: true) == .authorisedByRequester)
        // A scheduled appointment always needs authorisation, even against a standing scheduled grade.
        #expect(GradingRules.outcome(requested: .scheduled, standing: .scheduled, requesterSupervises: false) == .waitsForSupervisor)
        #expect(GradingRules.outcome(requested: .scheduled, standing: .priority, requesterSupervises: true) == .authorisedByRequester)
    }
}
