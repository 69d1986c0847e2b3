import Foundation
import SafeguardDomain
import Testing

/// Rule 21's criteria as pure rules, at a fixed time, with the policy's defaults (SafeLives).
@Suite("MARAC rules")
struct MaracRulesTests {
    static let now = Date(timeIntervalSince1970: 1_795_341_600)  // 22 Nov 2026 10:00 UTC
    static let day: TimeInterval = 86_400

    static func facts(
        level: RiskLevel? = .standard, yes: Int? = 3, incidents: [TimeInterval] = [], last: TimeInterval? = nil, further: [TimeInterval] = []
    ) -> MaracFacts {
        let referral = last.map {
            MaracReferral(
                id: "r1", caseID: "c1", caseReference: "CASE-1", victimPersonID: "v1", perpetratorIDs: ["s1"], criteria: [.professionalJudgement],
                referringAgency: .police, research: "r", referredBy: "das", referredAt: now.addingTimeInterval(-$0 * day), isRepeat: false,
                repeatWindowEnds: now)
        }
        return MaracFacts(
            level: level, yesCount: yes, visibleHighRiskAt: 14, incidentDates: incidents.map { now.addingTimeInterval(-$0 * day) }, lastReferral: referral,
            furtherAbuseSinceLastReferral: further.map { now.addingTimeInterval(-$0 * day) })
    }

    static func met(_ f: MaracFacts, policy: ForcePolicy = ForcePolicy()) -> [MaracCriterion] { MaracRules.criteriaMet(f, now: now, policy: policy) }

    @Test("Rule 21: professional judgement — her case held at high risk meets it; medium does not")
    func rule21ProfessionalJudgement() {
        #expect(Self.met(Self.facts(level: .high)) == [.professionalJudgement])
        #expect(Self.met(Self.facts(level: .medium)).isEmpty)
    }

    @Test("Rule 21: visible high risk — the instrument's own count of \"yes\" answers (14 on DASH), not one fewer")
    func rule21VisibleHighRisk() {
        #expect(Self.met(Self.facts(yes: 14)) == [.visibleHighRisk])
        #expect(Self.met(Self.facts(yes: 13)).isEmpty)
        #expect(Self.met(Self.facts(yes: nil)).isEmpty)
    }

    @Test("Rule 21: potential escalation — 3 or more incidents in 12 months, from policy")
    func rule21PotentialEscalation() {
        #expect(Self.met(Self.facts(incidents: [1, 100, 300])) == [.potentialEscalation])
        #expect(Self.met(Self.facts(incidents: [1, 100])).isEmpty)
        #expect(Self.met(Self.facts(incidents: [1, 100, 380])).isEmpty)  // the third is outside the 12 months
        var policy = ForcePolicy()
        policy.maracEscalationIncidents = 2
        #expect(Self.met(Self.facts(incidents: [1, 100]), policy: policy) == [.potentialEscalation])
    }

    @Test("Rule 21: repeat MARAC — further abuse within 12 months of her last referral; none, or only after the window, is not")
    func rule21RepeatWithinTwelveMonths() {
        #expect(Self.met(Self.facts(last: 200, further: [10])) == [.repeatReferral])
        #expect(Self.met(Self.facts(last: 200)).isEmpty)
        // Referred 400 days ago: abuse 10 days ago is after the window closed (a fresh referral, not a repeat).
        #expect(Self.met(Self.facts(last: 400, further: [10])).isEmpty)
        let ends = MaracRules.repeatWindowEnds(from: Self.now, policy: ForcePolicy())
        #expect(Calendar(identifier: .gregorian).dateComponents([.month], from: Self.now, to: ends).month == 12)
    }

    @Test("Rule 21: a referral names criteria the record shows (professional judgement always may be given), an agency and research")
    func rule21ReferralChecked() throws {
        let ok = try MaracRules.validated(
            MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "idva", research: "Three calls this month; he has a new address."),
            met: [])
        #expect(ok.criteria == [.professionalJudgement] && ok.agency == .idva)
        do {
            _ = try MaracRules.validated(MaracReferralDraft(criteria: ["visible_high_risk", "quota"], referringAgency: "fax", research: " "), met: [])
            Issue.record("a referral claiming what the record does not show was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["criteria", "referring_agency", "research"])
            #expect(errors.filter { $0.field == "criteria" }.count == 2)
        }
    }

    @Test("Rule 21: whether she identifies as LGBT+ is her own answer at referral — yes, no, declined or not asked; anything else is refused by name")
    func rule21LGBTIsHerAnswer() throws {
        let draft = MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "police", research: "Research.")
        #expect(try MaracRules.validated(draft, met: []).lgbt == .notAsked)
        var answered = draft
        answered.victimLGBT = "declined"
        #expect(try MaracRules.validated(answered, met: []).lgbt == .declined)
        answered.victimLGBT = "probably"
        do {
            _ = try MaracRules.validated(answered, met: [])
            Issue.record("a guess was accepted as her answer")
        } catch DomainError.invalid(let errors) {
            #expect(errors.map(\.field) == ["victim_lgbt"])
        }
    }
}
