import Foundation
import SafeguardDomain

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

/// A complete scene record: every evidence item answered, a crime recorded and the suspect arrested, no interpreter.
public func sceneDraft(
    children: [ChildDraft] = [], arrested: Bool = true, rationale: String? = nil, supports: String = "yes",
    actions: [String] = [], interpreterPersonID: String? = nil
) -> SceneDraft {
    var evidence = Dictionary(uniqueKeysWithValues: EvidenceItem.allCases.map { ($0.rawValue, "gathered") })
    evidence[EvidenceItem.houseToHouse.rawValue] = "not_yet"
    evidence[EvidenceItem.witnessStatements.rawValue] = "not_applicable"
    return SceneDraft(
        children: children, evidence: evidence, victimSupportsAction: supports, counterAllegation: "no", crimeRecorded: "yes",
        suspectIdentified: "yes", arrested: arrested ? "yes" : "no", noArrestRationale: rationale,
        interpreterNeeded: interpreterPersonID == nil ? "no" : "yes", interpreterLanguage: interpreterPersonID == nil ? nil : "Polish",
        interpreterKind: interpreterPersonID == nil ? nil : "adult_family_member", interpreterPersonID: interpreterPersonID,
        safetyActions: actions)
}
