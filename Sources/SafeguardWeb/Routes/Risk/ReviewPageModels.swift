import Foundation
import SafeguardDomain

/// The reviewer's queue (sergeant: every assessment; DA specialist: the dip sample), with the no-arrest findings and
/// cautions to check, each drawn as its task with its own form.
struct ReviewsPageModel: PageModel {
    /// An assessment waiting for its review.
    struct Item: PageModel {
        var incidentID: String
        var reference: String
        var victim: String
        var level: String
        var high: Bool
        var yesCount: Int
        var flags: String
        var flagged: Bool
        var by: String
        var when: String
        var due: String
        var overdue: Bool
        var owedBy: String
    }
    /// What a no-arrest finding adds to its task.
    struct NoArrest: PageModel {
        var incidentID: String
        var reference: String
        var rationale: String
        var officer: String
    }
    /// What a caution to check adds to its task.
    struct Caution: PageModel {
        var incidentID: String
        var reference: String
        var reason: String
        var recordedBy: String
    }
    /// Each a task (`TaskModel`) with what its finding adds.
    var noArrest: [[String: Any]]
    var cautions: [[String: Any]]
    var returnTo = "/reviews"
    var dipSample: Bool
    var items: [Item]

    init(_ items: [SafeguardService.ReviewItem], noArrest: [NoArrestItem], cautions: [CautionReviewItem], actor: Actor, now: Date, errors: [FieldError]) {
        func task(_ t: CaseTask) -> TaskModel { TaskModel(t, now: now, me: actor.user.id, errors: errors) }
        self.noArrest = noArrest.map { item in
            ModelValues.merged([
                task(item.task),
                NoArrest(incidentID: item.incidentID, reference: item.incidentReference, rationale: item.rationale, officer: item.officer)
            ])
        }
        self.cautions = cautions.map { item in
            ModelValues.merged([
                task(item.task),
                Caution(
                    incidentID: item.incidentID, reference: item.incidentReference, reason: item.outcome?.reason ?? "",
                    recordedBy: item.outcome?.recordedBy ?? "")
            ])
        }
        dipSample = actor.role == .daSpecialist
        self.items = items.map { item in
            let a = item.assessment
            return Item(
                incidentID: a.incidentID, reference: item.incidentReference, victim: item.victimName, level: a.currentLevel.rawValue,
                high: a.currentLevel == .high, yesCount: a.yesCount, flags: a.flagReasons.joined(separator: "; "), flagged: a.flaggedForReview,
                by: a.assessedBy, when: Display.time(a.assessedAt), due: item.dueAt.map(Display.time) ?? "no clock (assessed before reviews had one)",
                overdue: item.overdue, owedBy: item.owedBy?.displayName ?? "")
        }
    }
}
