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

    @Test(
        "Rule 8, the high-risk floor in review: an assessment whose yes answers meet its instrument's count cannot be reviewed below high, new information or not"
    )
    func rule8HighRiskFloorInReview() throws {
        let dash = try RiskInstruments.named("dash-2009")
        let draft = RiskReviewDraft(
            newLevel: "medium", reason: "new_information", explanation: "Suspect remanded in custody until trial.",
            newInformation: "Remanded by magistrates this morning")
        do {
            _ = try LevelChangeRules.check(draft, current: .high, yesCount: 15, instrument: dash)
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(errors.map(\.field) == ["new_level"])
            #expect(errors.first?.message.contains("15 of 27 answers are yes") == true, "\(errors)")
        }
        // Below the count the same change is a downgrade with new information: allowed, not flagged.
        #expect(!(try #require(try LevelChangeRules.check(draft, current: .high, yesCount: 9, instrument: dash)).scrutiny))
        // Raising is never held back by the floor.
        #expect(
            try LevelChangeRules.check(
                RiskReviewDraft(newLevel: "high", reason: "risk_factor_missed", explanation: "Strangulation disclosed and not weighed at all."),
                current: .medium, yesCount: 15, instrument: dash)?.level == .high)
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

@Suite("Capacity words, precisely")
struct CapacityWordingTests {
    /// Reasons that rest on the service's capacity or workload: a lowering of risk (or the end of a case) for them is refused.
    static let refused = [
        "Team at capacity this week, downgrading", "Our caseload is too high to keep her at high", "Downgraded due to workload",
        "Short staffed this week so moving to standard", "Lack of resources in the unit", "We are busy with other high risk cases",
        "Backlog of referrals means medium is more realistic", "Too many high risk cases on the team", "Police resources are limited at present",
        "No officers available to manage it", "We have no capacity for more medium cases", "Staffing levels do not allow high risk management",
        "Too busy to keep her at high"
    ]
    /// Reasons about her, her abuser or her support — even with words like "resources", "busy" or "capacity" — are not.
    static let accepted = [
        "She has no financial resources of her own: he controls the money (economic abuse)", "He is busy at work all week so contact is limited",
        "She lacks mental capacity to consent; her GP confirms", "Moved to a refuge and he no longer knows where she is",
        "She now has resources and family support around her", "Capacity assessment by her GP shows she understands the risk",
        "Suspect remanded in custody until trial; he cannot reach her"
    ]

    @Test("Rule 16: capacity is refused only as the reason for lowering risk, and only when it is the service's capacity")
    func capacityWordsPrecisely() throws {
        for text in Self.refused {
            #expect(LevelChangeRules.capacityWording(in: text) != nil, "should be refused: \(text)")
            #expect(throws: DomainError.self) {
                try LevelChangeRules.check(RiskReviewDraft(newLevel: "medium", reason: "professional_judgement", explanation: text), current: .high)
            }
            #expect(!CaseClosureRules.checkReason(text).isEmpty, "a case closed for: \(text)")
        }
        for text in Self.accepted {
            #expect(LevelChangeRules.capacityWording(in: text) == nil, "should be accepted: \(text)")
            #expect(try LevelChangeRules.check(RiskReviewDraft(newLevel: "medium", reason: "professional_judgement", explanation: text), current: .high) != nil)
        }
        // Raising a level is never refused for the words in it, whatever they are.
        let raise = try LevelChangeRules.check(
            RiskReviewDraft(newLevel: "high", reason: "professional_judgement", explanation: "Our caseload is high but her risk has clearly grown"),
            current: .medium)
        #expect(raise?.level == .high)
    }
}
