import Foundation
import SafeguardDomain
import Testing

/// Rule 22 and the partner's agency as pure rules.
@Suite("IDVA rules")
struct IdvaRulesTests {
    @Test("Rule 22: an offer says what became of it; a refusal, or an offer that could not be made, says why")
    func rule22OfferSaysWhy() throws {
        #expect(try IdvaRules.check(IdvaOfferDraft(outcome: "accepted")).outcome == .accepted)
        #expect(try IdvaRules.check(IdvaOfferDraft(outcome: "declined", reason: "Her sister is her support; she will call if it changes.")).reason != nil)
        for draft in [IdvaOfferDraft(outcome: "declined"), IdvaOfferDraft(outcome: "not_possible", reason: "  "), IdvaOfferDraft(outcome: "maybe")] {
            #expect(throws: DomainError.self) { try IdvaRules.check(draft) }
        }
    }

    @Test("Rule 23: a partner account belongs to one partner agency; a police account names none")
    func rule23PartnerAccountHasOneAgency() throws {
        #expect(try SignInRules.agency("idva", role: .partnerAgency) == .idva)
        #expect(try SignInRules.agency(nil, role: .daSpecialist) == nil)
        #expect(throws: DomainError.self) { try SignInRules.agency(nil, role: .partnerAgency) }
        #expect(throws: DomainError.self) { try SignInRules.agency("police", role: .partnerAgency) }
        #expect(throws: DomainError.self) { try SignInRules.agency("idva", role: .sergeant) }
    }

    @Test("Rule 16 and 22: an IDVA over either capacity is shown as over; the IDVA service is for its own accounts and the MARAC roles")
    func rule22CapacityShownNeverRefuses() {
        let policy = ForcePolicy()
        #expect(!IdvaRules.isOver(caseload: 80, referrals: 100, policy: policy))
        #expect(IdvaRules.isOver(caseload: 81, referrals: 0, policy: policy))
        #expect(IdvaRules.isOver(caseload: 0, referrals: 101, policy: policy))
        #expect(IdvaRules.seesService(User(id: "u", username: "i", displayName: "I", role: .partnerAgency, agency: .idva)))
        #expect(!IdvaRules.seesService(User(id: "u", username: "h", displayName: "H", role: .partnerAgency, agency: .housing)))
        #expect(IdvaRules.seesService(User(id: "u", username: "m", displayName: "M", role: .maracCoordinator)))
        #expect(!IdvaRules.seesService(User(id: "u", username: "c", displayName: "C", role: .callHandler)))
    }
}
