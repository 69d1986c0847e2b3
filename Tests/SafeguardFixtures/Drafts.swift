import Foundation
import SafeguardDomain
@_exported import SafeguardSynthetic

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
