import Foundation
import SafeguardDomain
import SafeguardFixtures
import Testing

/// Rules 9–14 as pure rules over what the officer typed.
@Suite("At the scene: the rules")
struct SceneRulesTests {
    static let now = Date(timeIntervalSince1970: 1_795_341_600)

    @Test("Rule 14: childCannotBeInterpreter — a child recorded at the scene cannot be named as interpreter; language and who interpreted are required")
    func childCannotBeInterpreter() throws {
        var draft = sceneDraft(children: [ChildDraft(personID: "child-1", presence: "present")], interpreterPersonID: "child-1")
        #expect(throws: DomainError.invalid([FieldError("interpreter_person_id", SceneRules.childInterpreterMessage)])) {
            try SceneRules.check(draft, policy: ForcePolicy(), now: Self.now)
        }
        draft.interpreterPersonID = nil
        draft.interpreterLanguage = nil
        draft.interpreterKind = "sibling"
        do {
            _ = try SceneRules.check(draft, policy: ForcePolicy(), now: Self.now)
            Issue.record("accepted an interpreter without language")
        } catch let DomainError.invalid(errors) {
            #expect(Set(errors.map(\.field)) == ["interpreter_language", "interpreter_kind"])
        }
        #expect(SceneRules.isChild(dateOfBirth: "2012-05-01", at: Self.now))
        #expect(!SceneRules.isChild(dateOfBirth: "2008-11-21", at: Self.now))
    }

    @Test("Rule 11: a recorded crime with a known suspect and no arrest needs a full rationale; the record never asks what the victim wanted")
    func rule11NoArrestNeedsRationale() throws {
        #expect(throws: DomainError.self) {
            try SceneRules.check(sceneDraft(arrested: false, rationale: "victim declined"), policy: ForcePolicy(), now: Self.now)
        }
        let valid = try SceneRules.check(
            sceneDraft(arrested: false, rationale: "Suspect left before arrival; area search negative, circulated on PNC as wanted."),
            policy: ForcePolicy(), now: Self.now)
        #expect(valid.arrest.needsRationale)
        #expect(!ArrestDecision(crimeRecorded: true, suspectIdentified: false, arrested: false, noArrestRationale: nil).needsRationale)
        #expect(!SceneDraft.CodingKeys.allKeys.contains { $0.lowercased().contains("wants") || $0.lowercased().contains("wish") })
    }

    @Test("Rule 10: every evidence item is answered; completeness counts what applies; a victim who does not support action makes the case evidence-led")
    func rule10EvidenceChecklist() throws {
        var draft = sceneDraft(supports: "no")
        let scene = try SceneRules.check(draft, policy: ForcePolicy(), now: Self.now)
        let record = SceneRecord(
            incidentID: "i", children: [], evidence: scene.evidence, victimSupportsAction: scene.victimSupportsAction,
            counterAllegation: false, arrest: scene.arrest, interpreter: scene.interpreter, safetyActions: [], recordedBy: "pc", recordedAt: Self.now)
        #expect(record.evidenceCompleteness == EvidenceCompleteness(gathered: 5, applicable: 6, missing: [.houseToHouse], evidenceLed: true))
        draft.evidence[EvidenceItem.bodyWornVideo.rawValue] = nil
        do {
            _ = try SceneRules.check(draft, policy: ForcePolicy(), now: Self.now)
            Issue.record("accepted a missing evidence answer")
        } catch let DomainError.invalid(errors) {
            #expect(errors.map(\.field) == ["evidence.body_worn_video"])
        }
    }

    @Test("Rules 9 and 12: a child must be under 18 and present or in the household; safety actions come from the policy's toolkit")
    func rule9ChildrenAndRule12Toolkit() {
        let adult = sceneDraft(children: [ChildDraft(firstName: "Sam", surname: "Okafor", dateOfBirth: "2001-01-01", presence: "present")])
        let noPresence = sceneDraft(children: [ChildDraft(firstName: "Ada", surname: "Okafor", dateOfBirth: "2019-01-01")])
        let strange = sceneDraft(actions: [SafetyToolkit.cambridgeshire[0], "Tell him to calm down"])
        for (draft, field) in [(adult, "children[0].date_of_birth"), (noPresence, "children[0].presence"), (strange, "safety_actions[1]")] {
            do {
                _ = try SceneRules.check(draft, policy: ForcePolicy(), now: Self.now)
                Issue.record("accepted \(field)")
            } catch let DomainError.invalid(errors) {
                #expect(errors.map(\.field) == [field])
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    /// The scene as `sceneDraft` records it: house-to-house not yet, witnesses not applicable, she supports action.
    static func recordedScene() throws -> SceneRecord {
        let valid = try SceneRules.check(sceneDraft(), policy: ForcePolicy(), now: now)
        return SceneRecord(
            incidentID: "i1", children: [], evidence: valid.evidence, victimSupportsAction: valid.victimSupportsAction,
            counterAllegation: valid.counterAllegation, arrest: valid.arrest, interpreter: valid.interpreter, safetyActions: [],
            recordedBy: "pc", recordedAt: now)
    }

    @Test("Rule 10: the evidence stays open after the scene — completeness improves, each change is kept in words, and a withdrawal makes it evidence-led")
    func rule10EvidenceStaysOpenAfterTheScene() throws {
        let scene = try Self.recordedScene()
        #expect(scene.evidenceCompleteness.missing == [.houseToHouse] && !scene.evidenceCompleteness.evidenceLed)
        let later = Self.now.addingTimeInterval(86_400)
        let gathered = try EvidenceRules.check(
            EvidenceUpdateDraft(evidence: ["house_to_house": "gathered", "body_worn_video": "gathered"]),
            scene: scene, by: "dc", at: later)
        #expect(gathered.scene.evidenceCompleteness.missing.isEmpty && !gathered.supportWithdrawn)
        #expect(gathered.change.changes == ["House-to-house enquiries: not yet → gathered"])  // body-worn video was already gathered
        #expect(gathered.scene.evidenceHistory == [gathered.change] && gathered.change.byUsername == "dc" && gathered.change.at == later)

        // She withdraws: what she said is required; then the case is evidence-led from now.
        var withdraw = EvidenceUpdateDraft(victimSupportsAction: "no")
        #expect(
            throws: DomainError.invalid([
                FieldError("note", "Her support for police action has changed: record what she said and why (at least 10 characters).")
            ])
        ) {
            try EvidenceRules.check(withdraw, scene: gathered.scene, by: "dc", at: later)
        }
        withdraw.note = "Rang to say she will not give evidence; sounded scared, he was in the background."
        let withdrawn = try EvidenceRules.check(withdraw, scene: gathered.scene, by: "dc", at: later)
        #expect(withdrawn.supportWithdrawn && withdrawn.scene.evidenceCompleteness.evidenceLed && withdrawn.scene.evidenceHistory.count == 2)
        #expect(withdrawn.change.changes == ["Victim supports police action: yes → no"])
        // Going from "no" to "not known" is not a fresh withdrawal.
        let again = try EvidenceRules.check(
            EvidenceUpdateDraft(victimSupportsAction: "not_known", note: "Now undecided, says she will think about it."),
            scene: withdrawn.scene, by: "dc", at: later)
        #expect(!again.supportWithdrawn)
    }

    @Test("Rule 10: a bad evidence update names each field; one that changes nothing is refused")
    func rule10BadEvidenceUpdate() throws {
        let scene = try Self.recordedScene()
        do {
            _ = try EvidenceRules.check(
                EvidenceUpdateDraft(
                    evidence: ["dna": "gathered", "house_to_house": "lost"], victimSupportsAction: "perhaps",
                    counterAllegation: "sometimes"), scene: scene, by: "dc", at: Self.now)
            Issue.record("accepted a bad update")
        } catch let DomainError.invalid(errors) {
            #expect(Set(errors.map(\.field)) == ["evidence.dna", "evidence.house_to_house", "victim_supports_action", "counter_allegation"])
        }
        #expect(
            throws: DomainError.invalid([
                FieldError("evidence", "Nothing has changed: choose the items gathered since the scene, or a change in her support for police action.")
            ])
        ) {
            try EvidenceRules.check(EvidenceUpdateDraft(evidence: ["house_to_house": "not_yet"], counterAllegation: "no"), scene: scene, by: "dc", at: Self.now)
        }
    }
}

extension SceneDraft {
    enum CodingKeys {
        /// The scene record's fields, to show none of them asks for the victim's wishes about arrest.
        static var allKeys: [String] { Mirror(reflecting: SceneDraft()).children.compactMap(\.label) }
    }
}
