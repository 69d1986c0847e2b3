import Foundation
import Hummingbird
import SafeguardDomain

/// The incident page.
struct IncidentPages {
    let dependencies: WebDependencies

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("incidents/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let reason = request.queryFields["reason"]
            do {
                let incident = try await dependencies.service.viewIncident(try context.actor(), id: id, reason: reason)
                let values: [String: Any] = [
                    "incident": ["reference": incident.reference, "summary": incident.summary],
                    "occurred": Display.time(incident.occurredAt), "reported": Display.time(incident.reportedAt),
                    "channel": Display.words(incident.channel.rawValue), "location": incident.address?.singleLine ?? "Not recorded",
                    "relationship": Display.words(incident.relationship.rawValue),
                    "abuseTypes": incident.abuseTypes.map { Display.words($0.rawValue) }.joined(separator: ", "),
                    "crime": incident.isCrime ? "Yes" : "No",
                    "addressMarkers": PageValues.markers(incident.address?.markers ?? []),
                    "parties": incident.parties.map { ["role": $0.role.rawValue, "personID": $0.personID, "displayName": $0.displayName] },
                ]
                return dependencies.templates.page("incident", title: incident.reference, context: values, request: context)
            } catch let error as DomainError {
                if case .reasonRequired = error {
                    let errors = reason == nil ? [] : [FieldError("reason", error.message)]
                    var values = FormErrors(errors: errors).context
                    values["action"] = "/incidents/\(id)"
                    values["reason"] = reason ?? ""
                    return dependencies.templates.page("reason", title: "Reason needed", context: values, request: context)
                }
                return dependencies.errorPage(error, context: context)
            }
        }
    }
}
