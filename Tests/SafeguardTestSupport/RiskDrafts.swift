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
