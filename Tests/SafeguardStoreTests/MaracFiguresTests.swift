import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rule 21's figures and SafeLives' quarterly return against a hand-counted quarter, on both databases.
@Suite("MARAC figures and the quarterly return", .serialized)
struct MaracFiguresTests {
    @Test(
        "Rule 21: the quarterly return counts referrals, repeats, agencies, meetings and victims' characteristics from the records, hand-counted, small numbers suppressed",
        arguments: TestEngine.available)
    func rule21QuarterlyReturnHandCounted(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.adultWomenPopulation = 100_000
        try await TestStore.with(engine, policy: policy) { store in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let coordinator = try await store.actor(.maracCoordinator, username: "marac")
            let analyst = try await store.actor(.analyst, username: "an")
            // Twelve victims referred in 2026-Q4 (testNow is 22 Nov 2026), hand-counted:
            //   sex: 2 male; ethnicity: 3 "A1" (minoritised), 4 "W1" (White British), 5 not recorded; 1 disabled;
            //   1 aged 17; agencies: 10 police, 2 IDVA; one perpetrator aged 16 (on the eleventh's referral); LGBT+ as she
            //   answered: 2 yes, 1 declined, 5 no, 4 not asked.
            for n in 0..<12 {
                let victim = try await store.service.createNewPerson(
                    specialist,
                    draft: PersonDraft(
                        firstName: "Victim\(n)", surname: "Quarter", dateOfBirth: n == 0 ? "2009-05-01" : "1990-01-01",
                        sex: n < 2 ? "male" : "female", ethnicity: n < 3 ? "A1" : n < 7 ? "W1" : nil,
                        vulnerabilities: n == 4 ? ["physical disability"] : []),
                    confirmedNew: true)
                var suspectID: String?
                if n == 10 {
                    suspectID = try await store.service.createNewPerson(
                        specialist, draft: PersonDraft(firstName: "Young", surname: "Suspect", dateOfBirth: "2010-03-03", sex: "male"), confirmedNew: true
                    ).id
                }
                let (_, caseID) = try await MaracReferralTests.call(store, victimID: victim.id, suspectID: suspectID)
                _ = try await store.service.referToMarac(
                    specialist, caseID: caseID,
                    draft: MaracReferralDraft(
                        criteria: ["professional_judgement"], referringAgency: n < 10 ? "police" : "idva", research: "Research.",
                        victimLGBT: n < 2 ? "yes" : n == 2 ? "declined" : n < 8 ? "no" : nil))
            }
            _ = try await store.service.scheduleMaracMeeting(
                coordinator, draft: MaracMeetingDraft(heldOn: "2026-11-26", chair: "DI Rowe", agencies: ["idva", "housing"]))

            let figures = try await store.service.maracFigures(analyst, from: "2026-10-01", to: "2026-12-31")
            #expect(figures.referrals == 12 && figures.repeats == 0 && figures.byAgency == ["police": 10, "idva": 2])
            #expect(figures.meetings.map(\.heldOn) == ["2026-11-26"] && figures.meetings.map(\.cases) == [12])
            #expect(figures.male == 2 && figures.minoritised == 3 && figures.ethnicityNotRecorded == 5 && figures.disabled == 1)
            #expect(figures.aged16to17 == 1 && figures.perpetrators17OrUnder == 1)
            // LGBT+, her own answer: 2 yes, 5 no, 1 declined and 4 never asked (not known: 5).
            #expect(figures.lgbt == 2 && figures.lgbtNotKnown == 5)
            // 12 referrals in 92 days among 100,000 adult women: 12 / 100,000 × 10,000 × 365 / 92 = 4.76… → 4.8 a year.
            #expect(figures.per10kWomenPerYear == 4.8)

            let csv = try await store.service.maracReturn(coordinator, quarter: "2026-Q4")
            let rows = Dictionary(
                csv.split(separator: "\n").dropFirst().map { line -> (String, String) in
                    let cells = line.split(separator: ",", maxSplits: 1).map(String.init)
                    return (cells[0], cells.count > 1 ? cells[1] : "")
                }, uniquingKeysWith: { first, _ in first })
            #expect(rows["referrals"] == "12" && rows["referrals from Police"] == "10")
            #expect(rows["referrals from IDVA service"] == "fewer than 10" && rows["male victims"] == "fewer than 10")
            // None of 12 is not a small number: the rate shows (a share is suppressed only over a small denominator).
            #expect(rows["repeat rate"] == "0.0%" && rows["cases discussed on 2026-11-26"] == "12" && rows["LGBT+ victims"] == "fewer than 10")
            await #expect(throws: DomainError.self) { _ = try await store.service.maracReturn(coordinator, quarter: "2026-Q5") }
            await #expect(throws: DomainError.self) {
                _ = try await store.service.maracReturn(try await store.actor(.callHandler, username: "ch"), quarter: "2026-Q4")
            }
        }
    }
}
