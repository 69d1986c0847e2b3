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
            _ = try RiskAssessmentRules.check(draft, instrument: dash)
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
        let plain = try RiskAssessmentRules.check(draft, instrument: dash)
        #expect(plain.answers.count == 27)
        draft.answers["stalking"] = "yes"
        #expect(throws: DomainError.self) { try RiskAssessmentRules.check(draft, instrument: dash) }
        for prompt in dash.supplementary.first { $0.id == "stalking" }!.questions { draft.answers[prompt.id] = "not_known" }
        let opened = try RiskAssessmentRules.check(draft, instrument: dash)
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
            instrument: dash)
        #expect(high.level == .high && high.yesCount == 3)
        // No level, or no rationale: refused, whatever the count.
        do {
            _ = try RiskAssessmentRules.check(
                RiskAssessmentDraft(victimPersonID: "v", answers: Self.answers(yes: 20, instrument: dash), level: nil, rationale: "ok"),
                instrument: dash)
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["level", "rationale"])
        }
    }

    @Test(
        "Rule 8, the high-risk floor: at the instrument's visible-high-risk count a level below high is refused, naming the count and threshold; judgement may still raise a level with fewer"
    )
    func rule8HighRiskFloor() throws {
        let dash = try Self.instrument()
        #expect(dash.visibleHighRiskYesCount == 14)
        let rationale = "Many historic factors, but he is now in prison for two years."
        for level in ["medium", "standard"] {
            do {
                _ = try RiskAssessmentRules.check(
                    RiskAssessmentDraft(victimPersonID: "v", answers: Self.answers(yes: 14, instrument: dash), level: level, rationale: rationale),
                    instrument: dash)
                Issue.record("\(level) at 14 yes answers should have been refused")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["level"])
                #expect(errors.first?.message.contains("14 of 27 answers are yes") == true, "\(errors)")
                #expect(errors.first?.message.contains("threshold of 14") == true, "\(errors)")
            }
        }
        // One below the count, judgement may set medium; at the count, high stands.
        let below = try RiskAssessmentRules.check(
            RiskAssessmentDraft(victimPersonID: "v", answers: Self.answers(yes: 13, instrument: dash), level: "medium", rationale: rationale),
            instrument: dash)
        #expect(below.level == .medium)
        let atFloor = try RiskAssessmentRules.check(
            RiskAssessmentDraft(victimPersonID: "v", answers: Self.answers(yes: 14, instrument: dash), level: "high", rationale: rationale),
            instrument: dash)
        #expect(atFloor.level == .high && atFloor.yesCount == 14)
        // The threshold is the instrument's own: the force variant sets 9 of its 17.
        let variant = try RiskInstruments.named("dara-force-variant")
        #expect(variant.visibleHighRiskYesCount == 9)
        #expect(throws: DomainError.self) {
            try RiskAssessmentRules.check(
                RiskAssessmentDraft(victimPersonID: "v", answers: Self.answers(yes: 9, instrument: variant), level: "medium", rationale: rationale),
                instrument: variant)
        }
        #expect(
            try RiskAssessmentRules.check(
                RiskAssessmentDraft(victimPersonID: "v", answers: Self.answers(yes: 8, instrument: variant), level: "medium", rationale: rationale),
                instrument: variant
            ).level == .medium)
        // An instrument file whose threshold exceeds its questions is refused at start.
        var broken = variant
        broken.visibleHighRiskYesCount = 18
        #expect(throws: DomainError.self) { try broken.validate() }
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
                    level: "high", rationale: rationale), instrument: variant)
            Issue.record("should have been refused")
        } catch DomainError.invalid(let errors) {
            #expect(errors.contains { $0.field == "answers.choked" } && errors.contains { $0.field == "answers.strangulation" })
        }
        // A yes to control opens the variant's own prompts, which must then be answered.
        var answers = Self.answers(yes: 0, instrument: variant)
        answers["controls"] = "yes"
        answers["choked"] = "yes"
        let draft = RiskAssessmentDraft(victimPersonID: "v", answers: answers, level: "high", rationale: rationale)
        #expect(throws: DomainError.self) { try RiskAssessmentRules.check(draft, instrument: variant) }
        var complete = draft
        for prompt in variant.supplementary[0].questions { complete.answers[prompt.id] = prompt.id == "control_monitoring" ? "yes" : "no" }
        let checked = try RiskAssessmentRules.check(complete, instrument: variant)
        #expect(checked.answers.count == 17 + 4 && checked.yesCount == 2 && checked.level == .high)  // prompts are not counted
    }
}
