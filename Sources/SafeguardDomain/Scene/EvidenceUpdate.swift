import Foundation

/// A later change to a scene's evidence (rule 10): the investigator gathers what was still missing, or the victim's
/// support for police action changes. Only the items given change; every choice is text so a wrong one is named back.
public struct EvidenceUpdateDraft: Sendable, Equatable, Codable {
    /// Evidence item id → `gathered`, `not_yet` or `not_applicable`; items left out keep their answer.
    public var evidence: [String: String]
    public var victimSupportsAction: String?
    public var counterAllegation: String?
    /// What was gathered, or what she said; required when her support for police action changes.
    public var note: String?

    public init(evidence: [String: String] = [:], victimSupportsAction: String? = nil, counterAllegation: String? = nil, note: String? = nil) {
        self.evidence = evidence
        self.victimSupportsAction = victimSupportsAction
        self.counterAllegation = counterAllegation
        self.note = note
    }
}

/// One change to a scene's evidence, kept for good (rule 34: corrections keep history): who, when, what changed
/// from what, and why.
public struct EvidenceChange: Sendable, Equatable, Codable {
    public var at: Date
    public var byUsername: String
    /// Each change in words, e.g. "Body-worn video of the scene and the victim's account: not yet → gathered".
    public var changes: [String]
    public var note: String?

    public init(at: Date, byUsername: String, changes: [String], note: String?) {
        self.at = at
        self.byUsername = byUsername
        self.changes = changes
        self.note = note
    }
}

/// Rule 10 after the scene: the checklist stays open so completeness can improve, and a victim who withdraws her
/// support is a reason to gather *more* evidence and to look again at her safety, never to close the case.
public enum EvidenceRules {
    /// A checked update: the scene as it now stands, the change to keep, and whether she has just withdrawn support.
    public struct Checked: Sendable {
        public var scene: SceneRecord
        public var change: EvidenceChange
        /// Her support went from "yes" to "no" or "not known": the case becomes evidence-led from now.
        public var supportWithdrawn: Bool
    }

    public static func check(_ draft: EvidenceUpdateDraft, scene: SceneRecord, by username: String, at now: Date) throws -> Checked {
        var errors: [FieldError] = []
        var updated = scene
        var changes: [String] = []
        for (key, raw) in draft.evidence.sorted(by: { $0.key < $1.key }) {
            guard let item = EvidenceItem(rawValue: key) else {
                errors.append(FieldError("evidence.\(key)", "is not an item of the evidence checklist."))
                continue
            }
            guard trimmedNonEmpty(raw) != nil else { continue }
            guard let answer: EvidenceAnswer = choice(raw, "evidence.\(key)", &errors, what: item.label.lowercased()) else { continue }
            let before = scene.evidence[item]
            if before != answer {
                updated.evidence[item] = answer
                changes.append("\(item.label): \(before.map { Self.words($0.rawValue) } ?? "not answered") → \(Self.words(answer.rawValue))")
            }
        }
        var supportChanged = false
        if trimmedNonEmpty(draft.victimSupportsAction) != nil,
            let supports: Answer = choice(draft.victimSupportsAction, "victim_supports_action", &errors, what: "whether the victim supports police action"),
            supports != scene.victimSupportsAction
        {
            updated.victimSupportsAction = supports
            supportChanged = true
            changes.append("Victim supports police action: \(scene.victimSupportsAction.label.lowercased()) → \(supports.label.lowercased())")
        }
        if let raw = trimmedNonEmpty(draft.counterAllegation) {
            switch raw.lowercased() {
            case "yes", "no":
                let counter = raw.lowercased() == "yes"
                if counter != scene.counterAllegation {
                    updated.counterAllegation = counter
                    changes.append("Counter-allegation: \(scene.counterAllegation ? "yes" : "no") → \(counter ? "yes" : "no")")
                }
            default:
                errors.append(FieldError("counter_allegation", "Answer whether the suspect makes a counter-allegation: yes or no."))
            }
        }
        let note = trimmedNonEmpty(draft.note)
        if let note, note.count > 2000 { errors.append(FieldError("note", "must be 2,000 characters or fewer.")) }
        // What she said when her support changed is what the next officer and the CPS will need.
        if supportChanged && (note?.count ?? 0) < 10 {
            errors.append(FieldError("note", "Her support for police action has changed: record what she said and why (at least 10 characters)."))
        }
        if errors.isEmpty && changes.isEmpty {
            errors.append(
                FieldError("evidence", "Nothing has changed: choose the items gathered since the scene, or a change in her support for police action."))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let withdrawn = scene.victimSupportsAction == .yes && updated.victimSupportsAction != .yes
        let change = EvidenceChange(at: now, byUsername: username, changes: changes, note: note)
        updated.evidenceHistory.append(change)
        return Checked(scene: updated, change: change, supportWithdrawn: withdrawn)
    }

    private static func words(_ raw: String) -> String { raw.replacingOccurrences(of: "_", with: " ") }
}
