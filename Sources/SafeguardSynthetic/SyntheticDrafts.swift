import Foundation
import SafeguardDomain

// Complete drafts of what an officer records, for the demo's recent weeks and for tests: filled in by rule, never
// pre-filled from an earlier assessment (rule 7), and never used by a rule.

/// A complete draft for the DASH file: the first `yes` main questions answered yes, the rest no, every prompt no.
public func dashDraft(
    victimID: String, yes: Int, level: String,
    rationale: String = "Victim very frightened; he has a knife and has strangled her before."
) throws -> RiskAssessmentDraft {
    try assessmentDraft(instrumentID: "dash-2009", victimID: victimID, yes: yes, level: level, rationale: rationale)
}

/// A complete assessment on any instrument file: the first `yes` main questions "yes", the rest "no", every prompt
/// "no". `instrumentID` is left out of the draft when `sendInstrumentID` is false, so the force's policy chooses.
public func assessmentDraft(
    instrumentID: String, victimID: String, yes: Int, level: String, sendInstrumentID: Bool = false,
    rationale: String = "Victim very frightened; he has a knife and has strangled her before."
) throws -> RiskAssessmentDraft {
    let instrument = try RiskInstruments.named(instrumentID)
    var answers = Dictionary(uniqueKeysWithValues: instrument.questions.enumerated().map { ($1.id, $0 < yes ? "yes" : "no") })
    // Prompts a "yes" opens must be answered too; answers to unopened ones are left out by the rules.
    for prompt in instrument.supplementary.flatMap(\.questions) { answers[prompt.id] = "no" }
    let firstID = instrument.questions[0].id
    return RiskAssessmentDraft(
        victimPersonID: victimID, instrumentID: sendInstrumentID ? instrumentID : nil, answers: answers,
        notes: [firstID: "cut lip"], level: level, rationale: rationale)
}
