import Foundation
import SafeguardDomain

/// The response to a call as the incident page and the briefing show it: the grade, its clock, the high-risk flag, the
/// grade waiting for a supervisor, how the call may end and every grading decision.
struct ResponseModel: PageModel {
    /// A way the call may end, as the close form offers it.
    struct CloseChoice: PageModel {
        var value: String
        var label: String
    }
    struct Decision: PageModel {
        var when: String
        var who: String
        var from: String
        var to: String
        var outcome: String
        var reason: String
    }
    /// A grade asked for that waits for a supervisor.
    struct Pending: PageModel {
        var grade: String
        var reason: String
        var by: String
        var at: String
    }
    var grade: String
    var recommended: String
    var setting: String
    var gradedAt: String
    var target: String
    var appointment: String
    var flagged: Bool
    var flagReasons: String
    var acknowledged: String
    var unacknowledged: Bool
    var dispatched: String
    var arrived: String
    var notDispatched: Bool
    var notArrived: Bool
    var closure: String
    var closeChoices: [CloseChoice]
    var decisions: [Decision]
    var pending: Pending?

    init(_ r: IncidentResponse) {
        grade = r.grade.label
        recommended = r.recommendedGrade.label
        setting = r.setting.rawValue
        gradedAt = Display.time(r.gradedAt)
        target = r.targetAt.map(Display.time) ?? ""
        appointment = r.appointmentAt.map(Display.time) ?? ""
        flagged = r.potentialHighRisk
        flagReasons = r.highRiskReasons.joined(separator: "; ")
        acknowledged = r.highRiskAcknowledgedAt.map { "Seen by \(r.highRiskAcknowledgedBy ?? "a supervisor") at \(Display.time($0))" } ?? ""
        unacknowledged = r.potentialHighRisk && r.highRiskAcknowledgedAt == nil
        dispatched = r.dispatchedAt.map(Display.time) ?? ""
        arrived = r.arrivedAt.map(Display.time) ?? ""
        notDispatched = r.closure == nil && r.dispatchedAt == nil
        notArrived = r.closure == nil && r.arrivedAt == nil
        closure = r.closure.map { "\($0.kind.label) by \($0.byUsername) at \(Display.time($0.at)): \($0.reason)" } ?? ""
        closeChoices = CallClosureRules.choices(for: r).map { CloseChoice(value: $0.rawValue, label: $0.label) }
        decisions = r.decisions.map { d in
            Decision(
                when: Display.time(d.at), who: d.byUsername, from: d.fromGrade?.label ?? "–", to: d.toGrade.label, outcome: d.outcome.rawValue,
                reason: d.reason ?? "")
        }
        pending = r.pending.map { Pending(grade: $0.grade.label, reason: $0.reason, by: $0.requestedBy, at: Display.time($0.requestedAt)) }
    }
}
