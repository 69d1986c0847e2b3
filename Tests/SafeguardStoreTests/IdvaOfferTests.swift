import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic
import SafeguardTestSupport
import Testing

/// Rule 22 on both databases: every high-risk victim is offered an IDVA, and the service sees its loads.
@Suite("IDVA offers", .serialized)
struct IdvaOfferTests {
    static func idvaTasks(_ store: TestStore, _ caseID: String) async throws -> [CaseTask] {
        try await store.repositories.transaction { tx in try await tx.tasks.forCase(caseID) }.filter { $0.kind == .offerIdva }
    }

    @Test(
        "Rule 22: a high-risk victim's case owner is asked once to offer an IDVA; the offer, accepted with an IDVA, completes it and counts on her caseload — over capacity is shown, never refused",
        arguments: TestEngine.available)
    func rule22EveryHighRiskVictimOfferedAnIdva(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.idvaCaseloadCapacity = 1
        try await TestStore.with(engine, policy: policy) { store in
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let idvaUser = try await store.service.createUser(
                username: "idva1", displayName: "Ivy Advocate", role: .partnerAgency, password: "idva1-test-password", agency: "idva")
            let housing = try await store.service.createUser(
                username: "housing1", displayName: "Hal Housing", role: .partnerAgency, password: "housing1-test-password", agency: "housing")
            var cases: [String] = []
            for n in 0..<2 {
                let victim = try await store.service.createNewPerson(
                    officer, draft: PersonDraft(firstName: "Victim\(n)", surname: "Idva", dateOfBirth: "1990-01-01"), confirmedNew: true)
                let (incidentID, caseID) = try await MaracReferralTests.call(store, victimID: victim.id, suspectID: nil)
                #expect(try await Self.idvaTasks(store, caseID).isEmpty)
                _ = try await store.service.recordRiskAssessment(
                    officer, incidentID: incidentID, draft: try dashDraft(victimID: victim.id, yes: 15, level: "high"))
                _ = try await store.service.recordRiskAssessment(
                    officer, incidentID: incidentID, draft: try dashDraft(victimID: victim.id, yes: 16, level: "high"))
                #expect(try await Self.idvaTasks(store, caseID).count == 1)
                cases.append(caseID)
            }
            // A declined offer needs her reason; an IDVA from another agency cannot be allocated.
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordIdvaOffer(specialist, caseID: cases[0], draft: IdvaOfferDraft(outcome: "declined"))
            }
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordIdvaOffer(specialist, caseID: cases[0], draft: IdvaOfferDraft(outcome: "accepted", idvaUserID: housing.id))
            }
            for caseID in cases {
                let offer = try await store.service.recordIdvaOffer(
                    specialist, caseID: caseID, draft: IdvaOfferDraft(outcome: "accepted", idvaUserID: idvaUser.id))
                #expect(offer.idva?.id == idvaUser.id)
                #expect(try await Self.idvaTasks(store, caseID).allSatisfy { $0.completedAt != nil })
            }
            let service = try await store.service.idvaService(Actor(idvaUser))
            #expect(service.idvas.map(\.caseload) == [2] && service.idvas.first?.over == true && service.idvas.first?.referralsThisYear == 2)
            #expect(service.highRiskOpen == 2 && service.highRiskOffered == 2 && service.waitingForAnIdva == 0)
            await #expect(throws: DomainError.self) { _ = try await store.service.idvaService(Actor(housing)) }
        }
    }
}
