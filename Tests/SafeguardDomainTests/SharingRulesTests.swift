import Foundation
import SafeguardDomain
import Testing

/// Rule 23's rules for a share, at a fixed "today".
@Suite("Sharing rules")
struct SharingRulesTests {
    static let today = "2026-11-22"

    @Test("Rule 23: a share names a partner agency, what it may see, her consent or its override with a reason, and an end date within 12 months")
    func rule23ShareChecked() throws {
        let ok = try SharingRules.check(
            CaseShareDraft(agency: "idva", fieldGroups: ["risk", "safe_contact", "risk"], consent: "given", endsOn: "2027-02-28"), today: Self.today)
        #expect(ok.agency == .idva && ok.groups == [.risk, .safeContact] && ok.endsOn == "2027-02-28")
        let overridden = try SharingRules.check(
            CaseShareDraft(
                agency: "childrens_social_care", fieldGroups: ["children"], consent: "overridden",
                overrideReason: "The children saw him strangle her; their safety cannot wait for her agreement.", endsOn: Self.today),
            today: Self.today)
        #expect(overridden.consent == .overridden && overridden.reason != nil)
        do {
            _ = try SharingRules.check(
                CaseShareDraft(agency: "police", fieldGroups: ["gossip"], consent: "overridden", overrideReason: "busy", endsOn: "2028-01-01"),
                today: Self.today)
            Issue.record("a share with nothing right was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["agency", "field_groups", "override_reason", "ends_on"])
        }
        #expect(throws: DomainError.self) {
            try SharingRules.check(CaseShareDraft(agency: "idva", fieldGroups: ["risk"], consent: "given", endsOn: "2026-11-21"), today: Self.today)
        }
        #expect(throws: DomainError.self) { try SharingRules.check(CaseShareDraft(agency: "idva", fieldGroups: [], consent: "given"), today: Self.today) }
    }

    @Test("Rule 23: only a partner agency's account reads shared cases, as its agency")
    func rule23OnlyPartnersReadShares() throws {
        #expect(try SharingRules.partnerAgency(Actor(User(id: "u", username: "h", displayName: "H", role: .partnerAgency, agency: .housing))) == .housing)
        #expect(throws: DomainError.self) { try SharingRules.partnerAgency(Actor(User(id: "u", username: "s", displayName: "S", role: .daSpecialist))) }
        #expect(throws: DomainError.self) { try SharingRules.partnerAgency(Actor(User(id: "u", username: "p", displayName: "P", role: .partnerAgency))) }
    }
}
