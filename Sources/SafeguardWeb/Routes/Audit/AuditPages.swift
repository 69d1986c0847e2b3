import Foundation
import Hummingbird
import SafeguardDomain

/// The auditor's access-log search (rule 33): who looked at whose record, when and why, by person, account, action
/// and period, with the whole search as a CSV.
struct AuditPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("audit") { request, context -> Response in
            let fields = request.queryFields
            do {
                let actor = try context.actor()
                try actor.require(.viewAudit)
                var query = try AuditQuery(fields: fields)
                // The bare page is the form; any term asks.
                let asked = ["person", "user", "action", "from", "to", "before"].contains { !(fields[$0] ?? "").isEmpty }
                do {
                    let result = asked ? try await service.searchAudit(actor, query) : nil
                    return dependencies.templates.page(
                        "audit", title: "Access log", context: ModelValues.values(AuditPageModel(query: query, result: result)), request: context)
                } catch let DomainError.invalid(errors) {
                    query.before = nil
                    var values = ModelValues.values(AuditPageModel(query: query, result: nil))
                    values.merge(FormErrors(errors: errors).context) { $1 }
                    return dependencies.templates.page("audit", title: "Error: Access log", context: values, request: context, status: .unprocessableContent)
                }
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.get("audit/export.csv") { request, context -> Response in
            do {
                let found = try await service.exportAudit(try context.actor(), try AuditQuery(fields: request.queryFields))
                return CSVDownload.response(AuditEvent.csv(found.events), filename: "access-log.csv")
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }
}
