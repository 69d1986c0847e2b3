import Foundation
import SafeguardDomain
import Testing

/// Rule 26's Clare's Law rules as pure rules: the clocks, the order of the steps, the forum's four tests, a disclosure
/// spoken never written, and who may see the applicant.
@Suite("Clare's Law rules")
struct DisclosureRulesTests {
    static let received = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("Rule 26: initial checks are due 24 hours after the application, the decision 28 days after — from policy")
    func rule26Clocks() {
        let clocks = DisclosureClocks()
        #expect(DisclosureRules.initialChecksDue(receivedAt: Self.received, clocks: clocks) == Self.received.addingTimeInterval(24 * 3600))
        #expect(DisclosureRules.decisionDue(receivedAt: Self.received, clocks: clocks) == Self.received.addingTimeInterval(28 * 86_400))
        let force = DisclosureClocks(initialChecksHours: 12, decisionDays: 21)
        #expect(DisclosureRules.decisionDue(receivedAt: Self.received, clocks: force) == Self.received.addingTimeInterval(21 * 86_400))
    }

    @Test("Rule 26: the steps go in order — checks, identity face to face, research, the forum, then a disclosure only if it decided to disclose")
    func rule26StepsInOrder() {
        #expect(DisclosureRules.mayRecord(.initialChecks, after: [], forumDisclosed: false) == nil)
        #expect(DisclosureRules.mayRecord(.research, after: [.initialChecks], forumDisclosed: false) != nil)
        #expect(DisclosureRules.mayRecord(.immediateRiskAction, after: [.initialChecks], forumDisclosed: false) == nil)
        let toForum: [DisclosureStepKind] = [.initialChecks, .identityVerified, .research]
        #expect(DisclosureRules.mayRecord(.forumDecision, after: toForum, forumDisclosed: false) == nil)
        #expect(DisclosureRules.mayRecord(.disclosureMade, after: toForum + [.forumDecision], forumDisclosed: false) != nil)
        #expect(DisclosureRules.mayRecord(.disclosureMade, after: toForum + [.forumDecision], forumDisclosed: true) == nil)
        #expect(DisclosureRules.mayRecord(.closed, after: [], forumDisclosed: false) == nil)
        #expect(DisclosureRules.mayRecord(.research, after: toForum + [.closed], forumDisclosed: false) == "This application is closed.")
    }

    @Test("Rule 26: the forum discloses only when all four tests are met, and its reasons are kept either way")
    func rule26ForumFourTests() throws {
        let yes = try DisclosureRules.checkForum(
            pressingNeed: true, lawful: true, necessary: true, proportionate: true, disclose: true,
            reasons: "Two previous partners assaulted; she has a child with him")
        #expect(yes.disclose)
        do {
            _ = try DisclosureRules.checkForum(pressingNeed: true, lawful: true, necessary: false, proportionate: true, disclose: true, reasons: "short")
            Issue.record("a disclosure failing a test was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["disclose", "reasons"])
        }
    }

    @Test("Rule 26: a disclosure is spoken, in person or by video, with a safety plan — never in writing")
    func rule26DisclosureSpokenNeverWritten() throws {
        #expect(try DisclosureRules.checkDisclosure(method: "video", safetyPlan: "Codeword agreed with her sister; IDVA referral made").method == .video)
        do {
            _ = try DisclosureRules.checkDisclosure(method: "letter", safetyPlan: nil)
            Issue.record("a written disclosure was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["method", "safety_plan"])
        }
    }

    @Test("Rule 26: only those who run the scheme see an application and its applicant — not the roles that deal with the subject")
    func rule26ApplicantHidden() {
        #expect(Role.allCases.filter(DisclosureRules.mayHandle) == [.daSpecialist])
    }
}
