import Foundation
import Hummingbird
import SafeguardDomain

/// The control-room supervisor's live queue (rules 5 and 6). The page is whole without JavaScript ("Refresh now");
/// with it, the list alone is fetched again every `refreshSeconds` and swapped in place — no full-page refresh, which
/// would move a screen-reader user back to the top (WCAG 2.2.1, 3.2.5).
struct ControlRoomPages {
    let dependencies: WebDependencies
    static let refreshSeconds = 20

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("control-room") { _, context -> Response in
            do {
                var values = try await alertValues(context)
                values["refreshSeconds"] = Self.refreshSeconds
                return dependencies.templates.page("control-room", title: "Live queue", context: values, request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        // The list on its own, for the page's script to swap in.
        router.get("control-room/alerts") { _, context -> Response in
            do {
                var values = try await alertValues(context)
                if let csrf = context.csrfToken { values["csrf"] = csrf }
                return dependencies.templates.fragment("control-room-alerts", context: values)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    private func alertValues(_ context: AppRequestContext) async throws -> [String: Any] {
        let alerts = try await dependencies.service.controlRoomQueue(try context.actor())
        return ModelValues.values(ControlRoomAlertsModel(alerts, now: dependencies.service.clock.now()))
    }
}
