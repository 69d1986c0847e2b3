import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic
import SafeguardTestSupport
import Testing

/// Rule 21 on both databases: criteria met set the owner a task, a referral answers it, repeats are marked.
@Suite("MARAC referrals", .serialized)
struct MaracReferralTests {
    static let research = "Three calls in a month; he has moved back to her street; she is pregnant."

    /// A call about her with a named suspect, and her case.
    static func call(_ store: TestStore, victimID: String, suspectID: String?) async throws -> (incidentID: String, caseID: String) {
        let handler = try await store.actor(.callHandler, username: "ch-\(UUID().uuidString.prefix(6).lowercased())")
        var parties = [CallPartyDraft(role: "victim", personID: victimID)]
        if let suspectID { parties.append(CallPartyDraft(role: "suspect", personID: suspectID)) }
        let record = try await store.service.openIncident(
            handler,
            draft: CallDraft(
                channel: "101", relationship: "intimate_partner", parties: parties, immediateDanger: "no", suspectLocation: "left", injuries: "no",
                weapons: "no", childrenPresent: "no", fear: "quite"))
        return (record.incident.id, try #require(record.cases.first?.id))
    }

    static func maracTasks(_ store: TestStore, _ caseID: String) async throws -> [CaseTask] {
        try await store.repositories.transaction { tx in try await tx.tasks.forCase(caseID) }.filter { $0.kind == .referToMarac }
    }

    @Test(
        "Rule 21: a high-risk judgement sets the owner one \"refer to MARAC\" task; ticking it is refused; the referral completes it and keeps criteria, agency and research",
        arguments: TestEngine.available)
    func rule21HighRiskSetsReferralTask(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let victim = try await store.service.createPerson(officer, draft: sampleDraft())
            let suspect = try await store.service.createPerson(officer, draft: PersonDraft(firstName: "Dale", surname: "Harrower", dateOfBirth: "1983-02-01"))
            let (incidentID, caseID) = try await Self.call(store, victimID: victim.id, suspectID: suspect.id)
            #expect(try await Self.maracTasks(store, caseID).isEmpty)
            _ = try await store.service.recordRiskAssessment(officer, incidentID: incidentID, draft: try dashDraft(victimID: victim.id, yes: 15, level: "high"))
            let tasks = try await Self.maracTasks(store, caseID)
            #expect(tasks.count == 1)
            let task = try #require(tasks.first)
            #expect(task.title.contains("Professional judgement") && task.title.contains("Visible high risk") && !task.title.contains("Okafor"))
            // The case's owner (a specialist at high risk) has it; ticking it off is no referral.
            let owner = Actor(try #require(try await store.service.accounts().first { $0.id == task.owner.id }))
            await #expect(throws: DomainError.self) { _ = try await store.service.completeTask(owner, taskID: task.id, outcome: "Done.") }
            // A second assessment does not set a second task.
            _ = try await store.service.recordRiskAssessment(officer, incidentID: incidentID, draft: try dashDraft(victimID: victim.id, yes: 16, level: "high"))
            #expect(try await Self.maracTasks(store, caseID).count == 1)

            let referral = try await store.service.referToMarac(
                specialist, caseID: caseID,
                draft: MaracReferralDraft(criteria: ["visible_high_risk", "professional_judgement"], referringAgency: "police", research: Self.research))
            #expect(referral.criteria == [.visibleHighRisk, .professionalJudgement] && referral.referringAgency == .police && !referral.isRepeat)
            #expect(referral.perpetratorIDs == [suspect.id])
            #expect(try await Self.maracTasks(store, caseID).allSatisfy { $0.completedAt != nil })
            let view = try await store.service.maracView(specialist, caseID: caseID)
            #expect(view.referrals.map(\.id) == [referral.id] && !view.referralDue && view.repeatWindowEnds == referral.repeatWindowEnds)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'refer_to_marac'") == 1)
        }
    }

    @Test("Rule 21: a criterion the record does not show is refused by name and nothing is written", arguments: TestEngine.available)
    func rule21UnmetCriterionRefused(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let victim = try await store.service.createPerson(specialist, draft: sampleDraft())
            let (_, caseID) = try await Self.call(store, victimID: victim.id, suspectID: nil)
            do {
                _ = try await store.service.referToMarac(
                    specialist, caseID: caseID,
                    draft: MaracReferralDraft(criteria: ["potential_escalation"], referringAgency: "police", research: Self.research))
                Issue.record("an escalation the record does not show was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["criteria"])
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM marac_referrals") == 0)
            // Professional judgement may refer a case with fewer ticks (SafeLives).
            let referral = try await store.service.referToMarac(
                specialist, caseID: caseID, draft: MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "idva", research: Self.research))
            #expect(referral.referringAgency == .idva)
        }
    }

    @Test(
        "Rule 21: further abuse by the same perpetrator within 12 months of her referral makes a repeat — the task returns, the referral is marked, the window shows and lapses on the coordinator's list",
        arguments: TestEngine.available)
    func rule21RepeatReferral(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let coordinator = try await store.actor(.maracCoordinator, username: "marac")
            let victim = try await store.service.createPerson(specialist, draft: sampleDraft())
            let suspect = try await store.service.createPerson(
                specialist, draft: PersonDraft(firstName: "Dale", surname: "Harrower", dateOfBirth: "1983-02-01"))
            let (_, caseID) = try await Self.call(store, victimID: victim.id, suspectID: suspect.id)
            let first = try await store.service.referToMarac(
                specialist, caseID: caseID, draft: MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "police", research: Self.research))
            // Four months on, he harms her again: a repeat is due and the owner is asked.
            store.clock.advance(by: 120 * 86_400)
            _ = try await Self.call(store, victimID: victim.id, suspectID: suspect.id)
            let view = try await store.service.maracView(specialist, caseID: caseID)
            #expect(view.criteriaMet.contains(.repeatReferral) && view.referralDue)
            #expect(try await Self.maracTasks(store, caseID).contains { $0.completedAt == nil })
            let second = try await store.service.referToMarac(
                specialist, caseID: caseID, draft: MaracReferralDraft(criteria: ["repeat"], referringAgency: "police", research: Self.research))
            #expect(second.isRepeat && second.repeatWindowEnds > first.repeatWindowEnds)
            // Eleven months and a fortnight on, her window ends within the notice days: the coordinator sees it.
            store.clock.advance(by: 350 * 86_400)
            let list = try await store.service.maracReferrals(coordinator)
            #expect(list.recent.map(\.id) == [second.id, first.id])
            #expect(list.lapsingSoon.map(\.id) == [second.id])
            await #expect(throws: DomainError.self) { _ = try await store.service.maracReferrals(try await store.actor(.callHandler, username: "ch")) }
        }
    }

    @Test("Rule 16 and 21: no quota — twenty referrals on one day are all taken; nothing counts them against a cap", arguments: TestEngine.available)
    func rule21NoQuota(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            for n in 0..<20 {
                let victim = try await store.service.createNewPerson(
                    specialist, draft: PersonDraft(firstName: "Victim\(n)", surname: "Quota", dateOfBirth: "1990-01-01"), confirmedNew: true)
                let (_, caseID) = try await Self.call(store, victimID: victim.id, suspectID: nil)
                _ = try await store.service.referToMarac(
                    specialist, caseID: caseID,
                    draft: MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "police", research: Self.research))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM marac_referrals") == 20)
        }
    }
}
