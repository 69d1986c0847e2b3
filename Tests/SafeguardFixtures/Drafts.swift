import Foundation
import SafeguardDomain

/// A complete draft for the DASH file: the first `yes` main questions answered yes, the rest no, every prompt no.
public func dashDraft(victimID: String, yes: Int, level: String,
                      rationale: String = "Victim very frightened; he has a knife and has strangled her before.") throws -> RiskAssessmentDraft {
    let dash = try RiskInstruments.named("dash-2009")
    var answers = Dictionary(uniqueKeysWithValues: dash.questions.enumerated().map { ($1.id, $0 < yes ? "yes" : "no") })
    // Prompts a "yes" opens must be answered too; answers to unopened ones are left out by the rules.
    for prompt in dash.supplementary.flatMap(\.questions) { answers[prompt.id] = "no" }
    return RiskAssessmentDraft(victimPersonID: victimID, answers: answers, notes: ["injury": "cut lip"], level: level, rationale: rationale)
}

/// A complete scene record: every evidence item answered, a crime recorded and the suspect arrested, no interpreter.
public func sceneDraft(children: [ChildDraft] = [], arrested: Bool = true, rationale: String? = nil, supports: String = "yes",
                       actions: [String] = [], interpreterPersonID: String? = nil) -> SceneDraft {
    var evidence = Dictionary(uniqueKeysWithValues: EvidenceItem.allCases.map { ($0.rawValue, "gathered") })
    evidence[EvidenceItem.houseToHouse.rawValue] = "not_yet"
    evidence[EvidenceItem.witnessStatements.rawValue] = "not_applicable"
    return SceneDraft(children: children, evidence: evidence, victimSupportsAction: supports, counterAllegation: "no", crimeRecorded: "yes",
                      suspectIdentified: "yes", arrested: arrested ? "yes" : "no", noArrestRationale: rationale,
                      interpreterNeeded: interpreterPersonID == nil ? "no" : "yes", interpreterLanguage: interpreterPersonID == nil ? nil : "Polish",
                      interpreterKind: interpreterPersonID == nil ? nil : "adult_family_member", interpreterPersonID: interpreterPersonID,
                      safetyActions: actions)
}
