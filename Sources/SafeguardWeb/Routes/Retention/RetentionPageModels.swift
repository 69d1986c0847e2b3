import Foundation
import SafeguardDomain

/// The retention review queue: records due for review and those marked for disposal waiting for a second person.
struct RetentionQueueModel: PageModel {
    struct Row: PageModel {
        var personID: String
        var name: String
        var group: String
        var lastNoticeOn: String
        var dueOn: String
        var proposedBy: String
    }
    var today: String
    var due: [Row]
    var awaiting: [Row]
    var more: Bool

    init(_ queue: RetentionQueue) {
        today = queue.today
        func row(_ s: RetentionStanding) -> Row {
            Row(
                personID: s.personID, name: s.name, group: s.group.title, lastNoticeOn: s.lastNoticeOn, dueOn: s.dueOn,
                proposedBy: s.pendingMark.map { "\($0.decidedBy), \(Display.time($0.decidedAt))" } ?? "")
        }
        due = queue.due.map(row)
        awaiting = queue.awaitingApproval.map(row)
        more = queue.more
    }
}

/// One record's standing under the retention policy, its decisions, and the form that fits where it stands.
struct RetentionStandingModel: PageModel {
    struct Decision: PageModel {
        var kind: String
        var group: String
        var reason: String
        var by: String
        var nextReviewOn: String
    }
    var personID: String
    var name: String
    var group: String
    var reviewYears: Int
    var lastNoticeOn: String
    var dueOn: String
    var status: String
    var blocked: [String]
    var decisions: [Decision]
    var mayDecide: Bool
    var mayApprove: Bool
    var proposedBy: String
    var typedReason: String

    init(_ s: RetentionStanding, actor: Actor, form: FormBody?) {
        personID = s.personID
        name = s.name
        group = s.group.title
        reviewYears = s.group.reviewYears
        lastNoticeOn = s.lastNoticeOn
        dueOn = s.dueOn
        status = s.status.label
        blocked = s.disposalBlockedBy
        decisions = s.decisions.reversed().map {
            Decision(
                kind: $0.kind.label, group: $0.group, reason: $0.reason, by: "\($0.decidedBy), \(Display.time($0.decidedAt))",
                nextReviewOn: $0.nextReviewOn ?? "")
        }
        mayDecide = s.status == .due && actor.role.can(.reviewRetention)
        // The proposer sees the proposal but not the form: a second person approves.
        mayApprove = s.status == .awaitingApproval && actor.role.can(.approveDisposal) && s.pendingMark?.decidedBy != actor.user.username
        proposedBy = s.pendingMark?.decidedBy ?? ""
        typedReason = form?["reason"] ?? ""
    }
}
