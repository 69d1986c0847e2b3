import Foundation

/// A child as the officer typed them: an existing record, or a new one.
public struct ChildDraft: Sendable, Equatable, Codable {
    public var personID: String?
    public var firstName: String?
    public var surname: String?
    public var dateOfBirth: String?
    /// `present` at the incident or `household` only.
    public var presence: String?
    public var school: String?
    public init(
        personID: String? = nil, firstName: String? = nil, surname: String? = nil, dateOfBirth: String? = nil, presence: String? = nil, school: String? = nil
    ) {
        self.personID = personID
        self.firstName = firstName
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.presence = presence
        self.school = school
    }
}

/// The scene record as typed; every choice is text so a wrong one is named back.
public struct SceneDraft: Sendable, Equatable, Codable {
    public var children: [ChildDraft]
    /// Evidence item id → `gathered`, `not_yet` or `not_applicable`.
    public var evidence: [String: String]
    public var victimSupportsAction: String?
    public var counterAllegation: String?
    public var crimeRecorded: String?
    /// What crime (a `CrimeClassification`), when one is recorded; it can be given or corrected later on the incident.
    public var crimeClassification: String?
    public var suspectIdentified: String?
    public var arrested: String?
    public var noArrestRationale: String?
    public var interpreterNeeded: String?
    public var interpreterLanguage: String?
    public var interpreterKind: String?
    public var interpreterPersonID: String?
    public var safetyActions: [String]

    public init(
        children: [ChildDraft] = [], evidence: [String: String] = [:], victimSupportsAction: String? = nil, counterAllegation: String? = nil,
        crimeRecorded: String? = nil, suspectIdentified: String? = nil, arrested: String? = nil, noArrestRationale: String? = nil,
        interpreterNeeded: String? = nil, interpreterLanguage: String? = nil, interpreterKind: String? = nil, interpreterPersonID: String? = nil,
        safetyActions: [String] = [], crimeClassification: String? = nil
    ) {
        self.crimeClassification = crimeClassification
        self.children = children
        self.evidence = evidence
        self.victimSupportsAction = victimSupportsAction
        self.counterAllegation = counterAllegation
        self.crimeRecorded = crimeRecorded
        self.suspectIdentified = suspectIdentified
        self.arrested = arrested
        self.noArrestRationale = noArrestRationale
        self.interpreterNeeded = interpreterNeeded
        self.interpreterLanguage = interpreterLanguage
        self.interpreterKind = interpreterKind
        self.interpreterPersonID = interpreterPersonID
        self.safetyActions = safetyActions
    }
}

/// A checked scene record, ready to store.
public struct ValidScene: Sendable {
    public enum Child: Sendable {
        case existing(personID: String, present: Bool, school: String?)
        case new(ValidPersonDraft, present: Bool, school: String?)
    }
    public var children: [Child]
    public var evidence: [EvidenceItem: EvidenceAnswer]
    public var victimSupportsAction: Answer
    public var counterAllegation: Bool
    public var arrest: ArrestDecision
    public var crimeClassification: CrimeClassification?
    public var interpreter: InterpreterNeed
    public var safetyActions: [String]
}

/// The scene's rules (9–14), checked before anything is written; every problem is reported at once, by field.
public enum SceneRules {
    public static func check(_ draft: SceneDraft, policy: ForcePolicy, now: Date) throws -> ValidScene {
        var errors: [FieldError] = []
        var children: [ValidScene.Child] = []
        for (index, child) in draft.children.enumerated() {
            let prefix = "children[\(index)]"
            let present: Bool
            switch trimmedNonEmpty(child.presence) {
            case "present": present = true
            case "household": present = false
            default:
                errors.append(FieldError("\(prefix).presence", "Say whether the child was present or lives in the household."))
                present = false
            }
            let school = trimmedNonEmpty(child.school)
            if let school, school.count > 200 { errors.append(FieldError("\(prefix).school", "must be 200 characters or fewer.")) }
            if let personID = trimmedNonEmpty(child.personID) {
                children.append(.existing(personID: personID, present: present, school: school))
                continue
            }
            do {
                let valid = try PersonDraft(firstName: child.firstName ?? "", surname: child.surname ?? "", dateOfBirth: child.dateOfBirth).validated(now: now)
                if let dob = valid.dateOfBirth, let age = CalendarDate.age(of: dob, at: now), age >= 18 {
                    errors.append(FieldError("\(prefix).date_of_birth", "A child is under 18; this date of birth makes them \(age)."))
                }
                children.append(.new(valid, present: present, school: school))
            } catch let DomainError.invalid(childErrors) {
                errors += childErrors.map { FieldError("\(prefix).\($0.field)", $0.message) }
            }
        }

        var evidence: [EvidenceItem: EvidenceAnswer] = [:]
        for item in EvidenceItem.allCases {
            let answer: EvidenceAnswer? = choice(draft.evidence[item.rawValue], "evidence.\(item.rawValue)", &errors, what: item.label.lowercased())
            if let answer { evidence[item] = answer }
        }
        let supports: Answer? = choice(draft.victimSupportsAction, "victim_supports_action", &errors, what: "whether the victim supports police action")
        let counter = yesNo(draft.counterAllegation, "counter_allegation", "whether the suspect makes a counter-allegation", &errors)
        let crime = yesNo(draft.crimeRecorded, "crime_recorded", "whether a crime is recorded", &errors)
        var classification: CrimeClassification?
        if trimmedNonEmpty(draft.crimeClassification) != nil {
            classification = choice(draft.crimeClassification, "crime_classification", &errors, what: "what crime is recorded")
            if crime == false {
                errors.append(FieldError("crime_classification", "A classification goes with a recorded crime: answer yes, or leave it blank."))
            }
        }
        let identified = yesNo(draft.suspectIdentified, "suspect_identified", "whether the suspect is identified", &errors)
        let arrested = yesNo(draft.arrested, "arrested", "whether the suspect was arrested", &errors)
        let arrest = ArrestDecision(
            crimeRecorded: crime ?? false, suspectIdentified: identified ?? false, arrested: arrested ?? false,
            noArrestRationale: trimmedNonEmpty(draft.noArrestRationale))
        if arrest.needsRationale {
            let words = (arrest.noArrestRationale ?? "").split { !$0.isLetter }.filter { $0.count > 2 }.count
            if words < 5 {
                errors.append(
                    FieldError(
                        "no_arrest_rationale",
                        "A crime is recorded and the suspect is known but not arrested: explain why, in full — your sergeant will review it."))
            }
        }

        var interpreter = InterpreterNeed(needed: yesNo(draft.interpreterNeeded, "interpreter_needed", "whether an interpreter is needed", &errors) ?? false)
        if interpreter.needed {
            interpreter.language = trimmedNonEmpty(draft.interpreterLanguage)
            if interpreter.language == nil { errors.append(FieldError("interpreter_language", "Say which language.")) }
            interpreter.kind = choice(draft.interpreterKind, "interpreter_kind", &errors, what: "who interpreted")
            interpreter.personID = trimmedNonEmpty(draft.interpreterPersonID)
            let childIDs = draft.children.compactMap { trimmedNonEmpty($0.personID) }
            if let id = interpreter.personID, childIDs.contains(id) {
                errors.append(FieldError("interpreter_person_id", childInterpreterMessage))
            }
        }

        var actions: [String] = []
        for (index, raw) in draft.safetyActions.enumerated() {
            guard let action = trimmedNonEmpty(raw) else { continue }
            if policy.safetyToolkit.contains(action) {
                actions.append(action)
            } else {
                errors.append(
                    FieldError("safety_actions[\(index)]", "\"\(action)\" is not in the force's safety toolkit; add other actions on the case's safety plan."))
            }
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return ValidScene(
            children: children, evidence: evidence, victimSupportsAction: supports!, counterAllegation: counter!, arrest: arrest,
            crimeClassification: classification, interpreter: interpreter, safetyActions: actions)
    }

    /// Rule 14, in the words every refusal uses.
    public static let childInterpreterMessage = "A child can never be recorded as the interpreter: use a professional interpreter or an adult."

    /// Whether `person` (a party to the incident, with a date of birth) is a child at `date`: they may not interpret.
    public static func isChild(dateOfBirth: String?, at date: Date) -> Bool {
        guard let dob = dateOfBirth, let age = CalendarDate.age(of: dob, at: date) else { return false }
        return age < 18
    }

    private static func yesNo(_ raw: String?, _ field: String, _ what: String, _ errors: inout [FieldError]) -> Bool? {
        switch trimmedNonEmpty(raw)?.lowercased() {
        case "yes": return true
        case "no": return false
        default:
            errors.append(FieldError(field, "Answer \(what): yes or no."))
            return nil
        }
    }
}
