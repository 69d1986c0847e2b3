import Foundation
import Hummingbird
import SafeguardDomain

/// The control-room supervisor's live queue (rules 5 and 6). It refreshes itself every 30 seconds without JavaScript.
struct ControlRoomPages {
    let dependencies: WebDependencies

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("control-room") { _, context -> Response in
            do {
                let alerts = try await dependencies.service.controlRoomQueue(try context.actor())
                let values: [String: Any] = [
                    "alerts": alerts.map { a -> [String: Any] in
                        [
                            "incidentID": a.incidentID, "reference": a.reference, "grade": a.grade.label, "since": Display.time(a.since),
                            "detail": a.detail, "kind": PageValues.alertTitle(a.kind),
                            "needsDecision": a.kind == .authorisationNeeded, "highRisk": a.kind == .potentialHighRisk
                        ]
                    },
                    "refreshSeconds": 30
                ]
                return dependencies.templates.page("control-room", title: "Live queue", context: values, request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }
}
