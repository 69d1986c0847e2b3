import Foundation
import SafeguardDomain
import Testing

/// Rules 16 and 17 on changes of level and the dip sample, without a database.
@Suite("Risk review rules")
struct RiskReviewRulesTests {
    @Test("Rule 16: capacity is never a reason — there is no such choice, and wording about workload is refused")
    func capacityIsNeverAReason() {
        #expect(!LevelChangeReason.allCases.map(\.rawValue).contains { $0.contains("capacity") || $0.contains("workload") })
        for text in [
            "Team at capacity this week, downgrading", "Workload on the unit is too high", "Too many high risk cases open", "No one available to take it"
        ] {
            let draft = RiskReviewDraft(newLevel: "medium", reason: "professional_judgement", explanation: text)
            do {
                _ = try LevelChangeRules.check(draft, current: .high)
                Issue.record("accepted: \(text)")
            } catch DomainError.invalid(let errors) {
                #expect(errors.contains { $0.field == "explanation" && $0.message.contains("never a reason") })
            } catch { Issue.record("unexpected \(error)") }
        }
    }

    @Test("Rule 16: a downgrade without new information is flagged for scrutiny; with it, or an upgrade, it is not")
    func downgradeWithoutNewInformationIsFlagged() throws {
        let bare = try #require(
            try LevelChangeRules.check(
                RiskReviewDraft(
                    newLevel: "medium", reason: "risk_factor_overstated",
                    explanation: "The weapon was a phone thrown in anger, not a knife."), current: .high))
        #expect(bare.scrutiny)
        let informed = try #require(
            try LevelChangeRules.check(
                RiskReviewDraft(
                    newLevel: "medium", reason: "new_information",
                    explanation: "Suspect remanded in custody until trial.",
                    newInformation: "Remanded by magistrates this morning"), current: .high))
        #expect(!informed.scrutiny)
        let upgrade = try #require(
            try LevelChangeRules.check(
                RiskReviewDraft(
                    newLevel: "high", reason: "risk_factor_missed",
                    explanation: "Strangulation disclosed to the specialist, not on the form."), current: .medium))
        #expect(!upgrade.scrutiny)
        // A placeholder typed as "new information" is none: the downgrade is still flagged, and it cannot be the reason.
        for placeholder in ["n/a", "None.", " - ", "nothing new", "same"] {
            let typed = try #require(
                try LevelChangeRules.check(
                    RiskReviewDraft(
                        newLevel: "medium", reason: "professional_judgement",
                        explanation: "The weapon was a phone thrown in anger, not a knife.",
                        newInformation: placeholder), current: .high))
            #expect(typed.scrutiny && typed.newInformation == nil, "\(placeholder)")
        }
        #expect(throws: DomainError.self) {
            try LevelChangeRules.check(
                RiskReviewDraft(
                    newLevel: "medium", reason: "new_information", explanation: "Suspect remanded in custody until trial.",
                    newInformation: "n/a"), current: .high)
        }
        // No change asked for: nothing to check.
        #expect(try LevelChangeRules.check(RiskReviewDraft(qualityNote: "Good, thorough notes"), current: .high) == nil)
    }

    @Test("Rule 16 with the SafeLives default: taking below high an assessment that meets the visible-high-risk count is flagged, even with new information")
    func rule16DowngradeOfVisibleHighRiskIsFlagged() throws {
        let draft = RiskReviewDraft(
            newLevel: "medium", reason: "new_information", explanation: "Suspect remanded in custody until trial.",
            newInformation: "Remanded by magistrates this morning")
        #expect(try #require(try LevelChangeRules.check(draft, current: .high, yesCount: 15, visibleHighThreshold: 14)).scrutiny)
        #expect(!(try #require(try LevelChangeRules.check(draft, current: .high, yesCount: 9, visibleHighThreshold: 14)).scrutiny))
    }

    @Test("Rule 16: a change needs a reason from the list, an explanation, and the new information when that is the reason")
    func rule16ChangeNeedsReasons() {
        do {
            _ = try LevelChangeRules.check(RiskReviewDraft(newLevel: "standard", reason: "new_information", explanation: "short"), current: .medium)
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["explanation", "new_information"])
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("Rule 17: about the policy's share of standard-risk assessments is drawn for the dip sample, never other levels")
    func rule17DipSampleShare() {
        let ids = (0..<5_000).map { _ in SafeguardService.newID() }
        let drawn = ids.filter { LevelChangeRules.inDipSample(assessmentID: $0, level: .standard, share: 0.1) }.count
        #expect((400...600).contains(drawn))
        #expect(ids.allSatisfy { !LevelChangeRules.inDipSample(assessmentID: $0, level: .high, share: 0.1) })
        #expect(ids.allSatisfy { !LevelChangeRules.inDipSample(assessmentID: $0, level: .standard, share: 0) })
        #expect(
            LevelChangeRules.inDipSample(assessmentID: ids[0], level: .standard, share: 0.1)
                == LevelChangeRules.inDipSample(assessmentID: ids[0], level: .standard, share: 0.1))
    }
}
