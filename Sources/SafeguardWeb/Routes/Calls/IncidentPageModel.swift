import Foundation
import SafeguardDomain

/// The incident page: what happened, the call, the response, the scene, the crime and its outcomes, the victims' risk
/// assessments with their review forms, and the actions each role may take.
struct IncidentPageModel: PageModel {
    struct Head: PageModel {
        var id: String
        var reference: String
        var summary: String
    }
    struct Party: PageModel {
        var role: String
        var personID: String
        var displayName: String
    }
    struct Classification: PageModel {
        var to: String
        var from: String
        var by: String
        var at: String
        var reason: String
    }
    typealias Option = OptionModel
    /// One risk assessment with what the reviewer needs to judge it (rule 16) and its review form.
    struct Assessment: PageModel {
        struct Answer: PageModel {
            var question: String
            var answer: String
            var yes: Bool
            var note: String
        }
        struct Decision: PageModel {
            var when: String
            var who: String
            var from: String
            var to: String
            var reason: String
            var explanation: String
            var newInformation: String
            var scrutiny: Bool
        }
        struct Typed: PageModel {
            var note: String
            var explanation: String
            var newInformation: String
        }
        var id: String
        var answers: [Answer]
        var victim: String
        var level: String
        var officerLevel: String
        var changed: Bool
        var high: Bool
        var yesCount: Int
        var flags: String
        var flagged: Bool
        var rationale: String
        var by: String
        var when: String
        var reviewed: String
        var dipReviewed: String
        var decisions: [Decision]
        var levels: [Option]
        var reasons: [Option]
        var open: Bool
        var typed: Typed?
        var reviewErrors: [String: String]
    }

    var incident: Head
    var occurred: String
    var reported: String
    var channel: String
    var location: String
    /// The address's id, for its page (its warnings and every incident there); nil when none was recorded.
    var locationID: String?
    var relationship: String
    var abuseTypes: String
    var crime: String
    var classificationHistory: [Classification]
    var canClassify: Bool
    var classifications: [OptionModel]
    var addressMarkers: [MarkerModel]
    /// Other incidents at the same place (an address is one place).
    var atSamePlace: [IncidentRowModel]
    /// Orders this incident may have breached (rule 25).
    var possibleBreaches: [BreachFlagModel]
    var parties: [Party]
    var victims: [VictimStatusModel]
    var canGrade: Bool
    var canSupervise: Bool
    var canRecordResponse: Bool
    var grades: [Option]
    var call: CallAnswersModel?
    var cases: [CaseSummaryModel]
    var scene: SceneSummaryModel?
    var evidenceUpdate: EvidenceUpdateModel?
    var outcomes: OutcomeSectionModel
    var hasSuspect: Bool
    var canAssess: Bool
    var canReview: Bool
    var assessments: [Assessment]
    var response: ResponseModel?
}

extension IncidentPageModel.Assessment {
    /// `review` is a refused review's assessment and form, drawn open again with what was typed and its errors.
    init(_ a: RiskAssessment, wording: [String: String], victim: String, review: (assessmentID: String, form: FormBody)?, errors: [FieldError]) {
        let reviewing = review?.assessmentID == a.id
        id = a.id
        answers = a.answers.map {
            Answer(question: wording[$0.questionID] ?? $0.questionID, answer: $0.answer.label, yes: $0.answer == .yes, note: $0.note ?? "")
        }
        self.victim = victim
        level = a.currentLevel.rawValue
        officerLevel = a.level.rawValue
        changed = a.currentLevel != a.level || !a.decisions.isEmpty
        high = a.currentLevel == .high
        yesCount = a.yesCount
        flags = a.flagReasons.joined(separator: "; ")
        flagged = a.flaggedForReview
        rationale = a.rationale
        by = a.assessedBy
        when = Display.time(a.assessedAt)
        reviewed = a.review.map { "Reviewed by \($0.byUsername), \(Display.time($0.at))\($0.note.map { ": \($0)" } ?? "")" } ?? ""
        dipReviewed = a.dipReview.map { "Dip-sampled by \($0.byUsername), \(Display.time($0.at))\($0.note.map { ": \($0)" } ?? "")" } ?? ""
        decisions = a.decisions.map { d in
            Decision(
                when: Display.time(d.at), who: "\(d.byUsername) (\(d.byRole.title))", from: d.fromLevel.rawValue, to: d.toLevel.rawValue,
                reason: d.reason.label, explanation: d.explanation, newInformation: d.newInformation ?? "none given", scrutiny: d.flaggedForScrutiny)
        }
        levels = RiskLevel.allCases.map {
            IncidentPageModel.Option(value: $0.rawValue, label: $0.rawValue.capitalized, selected: reviewing && review?.form["new_level"] == $0.rawValue)
        }
        reasons = LevelChangeReason.allCases.map {
            IncidentPageModel.Option(value: $0.rawValue, label: $0.label, selected: reviewing && review?.form["reason"] == $0.rawValue)
        }
        open = reviewing
        typed =
            reviewing
            ? Typed(
                note: review?.form["quality_note"] ?? "", explanation: review?.form["explanation"] ?? "",
                newInformation: review?.form["new_information"] ?? "") : nil
        reviewErrors = reviewing ? Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { "\($0) \($1)" }) : [:]
    }
}
