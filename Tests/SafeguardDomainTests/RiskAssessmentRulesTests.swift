import Foundation
import SafeguardDomain
import Testing

/// Rules 7 and 8 on the DASH instrument file, without a database.
@Suite("Risk assessment rules")
struct RiskAssessmentRulesTests {
    static func instrument() throws -> RiskInstrument { try RiskInstruments.named("dash-2009") }

    /// Every main question answered: the first `yes` of them "yes", the rest "no" (with any prompts they open, "no").
    static func answers(yes: Int, instrument: RiskInstrument) -> [String: String] {
        var answers = Dictionary(uniqueKeysWithValues: instrument.questions.enumerated().map { ($1.id, $0 < yes ? "yes" : "no") })
        for set in instrument.openedSets(by: answers.compactMapValues { Answer(rawValue: $0) }) {
            for prompt in set.questions { answers[prompt.id] = "no" }
        }
        return answers
    }

    @Test("Rule 7: the instrument is a data file — 27 questions, each answered yes, no or not known, with supplementary prompts")
    func rule7InstrumentIsData() throws {
        let dash = try Self.instrument()
        #expect(dash.questions.count == 27)
        #expect(Set(dash.supplementary.map(\.id)) == ["stalking", "honour"])
        #expect(try RiskInstruments.loadAll().keys.contains("dash-2009"))
        #expect(Answer.allCases.map(\.rawValue) == ["yes", "no", "not_known"])
    }

    @Test("Rule 7: every question must be answered; a missing or wrong answer is named; an unknown question is refused")
    func rule7EveryQuestionAnswered() throws {
        let dash = try Self.instrument()
        var answers = Self.answers(yes: 0, instrument: dash)
        answers["injury"] = nil
        answers["weapons"] = "maybe"
        answers["shoe_size"] = "no"
        let draft = RiskAssessmentDraft(victimPersonID: "v", answers: answers, level: "standard", rationale: "Calm, no history, lives with her mother now.")
        do {
            _ = try RiskAssessmentRules.check(draft, instrument: dash, policy: ForcePolicy())
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["answers.injury", "answers.weapons", "answers.shoe_size"])
        }
    }

    @Test("Rule 7: a yes to stalking opens the stalking prompts, which must then be answered; unopened prompts are not kept")
    func rule7SupplementaryPromptsOpenOnYes() throws {
        let dash = try Self.instrument()
        var answers = Self.answers(yes: 0, instrument: dash)
        answers["honour_forced_marriage"] = "no"  // sent, but nothing opened it
        var draft = RiskAssessmentDraft(victimPersonID: "v", answers: answers, level: "standard", rationale: "No concerns beyond the argument tonight.")
        let plain = try RiskAssessmentRules.check(draft, instrument: dash, policy: ForcePolicy())
        #expect(plain.answers.count == 27)
        draft.answers["stalking"] = "yes"
        #expect(throws: DomainError.self) { try RiskAssessmentRules.check(draft, instrument: dash, policy: ForcePolicy()) }
        for prompt in dash.supplementary.first { $0.id == "stalking" }!.questions { draft.answers[prompt.id] = "not_known" }
        let opened = try RiskAssessmentRules.check(draft, instrument: dash, policy: ForcePolicy())
        #expect(opened.answers.count == 27 + 5)
        #expect(opened.yesCount == 1)
    }

    @Test("Rule 8: professional judgement sets the level with a rationale; the yes count is a guide and never sets it")
    func rule8JudgementSetsTheLevel() throws {
        let dash = try Self.instrument()
        // Three yes answers, judged high: the level stands as judged.
        let high = try RiskAssessmentRules.check(
            RiskAssessmentDraft(
                victimPersonID: "v", answers: Self.answers(yes: 3, instrument: dash), level: "high",
                rationale: "Strangled last week, terrified, he has a knife; few ticks but very high risk."),
            instrument: dash, policy: ForcePolicy())
        #expect(high.level == .high && high.yesCount == 3 && high.flags.isEmpty)
        // No level, or no rationale: refused, whatever the count.
        do {
            _ = try RiskAssessmentRules.check(
                RiskAssessmentDraft(victimPersonID: "v", answers: Self.answers(yes: 20, instrument: dash), level: nil, rationale: "ok"),
                instrument: dash, policy: ForcePolicy())
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["level", "rationale"])
        }
    }

    @Test("Rule 8: a level below high when the count reaches the visible-high-risk threshold needs its own rationale and is flagged to the reviewer")
    func rule8BelowVisibleHighRiskIsFlagged() throws {
        let dash = try Self.instrument()
        var draft = RiskAssessmentDraft(
            victimPersonID: "v", answers: Self.answers(yes: 14, instrument: dash), level: "medium",
            rationale: "Many historic factors, but he is now in prison for two years.")
        do {
            _ = try RiskAssessmentRules.check(draft, instrument: dash, policy: ForcePolicy())
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(errors.map(\.field) == ["below_threshold_rationale"])
        }
        draft.belowThresholdRationale = "Remanded in custody today until trial in March; victim rehoused out of county."
        let checked = try RiskAssessmentRules.check(draft, instrument: dash, policy: ForcePolicy())
        #expect(checked.level == .medium)
        #expect(checked.flags == ["14 yes answers (threshold 14) but judged medium"])
        // The threshold is the force's: at 16 the same answers are not flagged.
        var policy = ForcePolicy()
        policy.visibleHighRiskYesCount = 16
        draft.belowThresholdRationale = nil
        #expect(try RiskAssessmentRules.check(draft, instrument: dash, policy: policy).flags.isEmpty)
    }

    @Test("Rule 7: a second instrument is another data file — the force variant loads, a policy may name it, and the same rules check it")
    func rule7SecondInstrumentIsAnotherFile() throws {
        #expect(try Set(RiskInstruments.loadAll().keys).isSuperset(of: ["dash-2009", "dara-force-variant"]))
        let variant = try RiskInstruments.named("dara-force-variant")
        #expect(variant.questions.count == 17 && variant.supplementary.map(\.id) == ["control"])
        var policy = ForcePolicy()
        policy.riskInstrument = "dara-force-variant"
        try policy.validate()
        policy.riskInstrument = "dash-2099"
        #expect(throws: DomainError.self) { try policy.validate() }

        // DASH's answers do not complete the variant: its own questions are named, DASH's refused as unknown.
        let rationale = "Choked her tonight and checks her phone; she is terrified of him."
        do {
            _ = try RiskAssessmentRules.check(
                RiskAssessmentDraft(
                    victimPersonID: "v", answers: Self.answers(yes: 0, instrument: try Self.instrument()),
                    level: "high", rationale: rationale), instrument: variant, policy: ForcePolicy())
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(errors.contains { $0.field == "answers.choked" } && errors.contains { $0.field == "answers.strangulation" })
        }
        // A yes to control opens the variant's own prompts, which must then be answered.
        var answers = Self.answers(yes: 0, instrument: variant)
        answers["controls"] = "yes"
        answers["choked"] = "yes"
        let draft = RiskAssessmentDraft(victimPersonID: "v", answers: answers, level: "high", rationale: rationale)
        #expect(throws: DomainError.self) { try RiskAssessmentRules.check(draft, instrument: variant, policy: ForcePolicy()) }
        var complete = draft
        for prompt in variant.supplementary[0].questions { complete.answers[prompt.id] = prompt.id == "control_monitoring" ? "yes" : "no" }
        let checked = try RiskAssessmentRules.check(complete, instrument: variant, policy: ForcePolicy())
        #expect(checked.answers.count == 17 + 4 && checked.yesCount == 2 && checked.level == .high)  // prompts are not counted
    }
}
