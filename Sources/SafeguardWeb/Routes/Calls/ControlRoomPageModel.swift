import Foundation
import SafeguardDomain

/// The control-room supervisor's live queue (rules 5 and 6), as the page and the list swapped in on its own draw it.
struct ControlRoomAlertsModel: PageModel {
    struct Alert: PageModel {
        var incidentID: String
        var reference: String
        var grade: String
        var since: String
        var detail: String
        var kind: String
        var needsDecision: Bool
        var highRisk: Bool
    }
    var alerts: [Alert]
    var total: String
    var count: String
    var asOf: String

    init(_ alerts: [ControlRoomAlert], now: Date) {
        self.alerts = alerts.map { a in
            Alert(
                incidentID: a.incidentID, reference: a.reference, grade: a.grade.label, since: Display.time(a.since), detail: a.detail,
                kind: Self.title(a.kind), needsDecision: a.kind == .authorisationNeeded, highRisk: a.kind == .potentialHighRisk)
        }
        total = String(alerts.count)
        count = alerts.count == 1 ? "1 alert" : "\(alerts.count) alerts"
        asOf = Display.time(now)
    }

    private static func title(_ kind: ControlRoomAlert.Kind) -> String {
        switch kind {
        case .authorisationNeeded: "Authorisation needed"
        case .potentialHighRisk: "Potential high risk"
        case .priorityNotDispatched: "Priority not dispatched"
        case .targetMissed: "Target time missed"
        }
    }
}
