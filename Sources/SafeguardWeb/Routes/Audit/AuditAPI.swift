import Foundation
import Hummingbird
import SafeguardDomain

/// The access log over the API (rule 33): `GET /api/v1/audit?person=&user=&action=&from=&to=&limit=&before=`,
/// newest first, a page at a time; `GET /api/v1/audit.csv` with the same terms for an export.
struct AuditAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("audit") { request, context -> Response in
            struct Page: Encodable {
                var events: [AuditEventOutput]
                var nextBefore: Int64?
            }
            let found = try await service.searchAudit(try context.actor(), try AuditQuery(fields: request.queryFields))
            return try APIJSON.response(Page(events: found.events.map(AuditEventOutput.init), nextBefore: found.nextBefore))
        }
        api.get("audit.csv") { request, context -> Response in
            let found = try await service.exportAudit(try context.actor(), try AuditQuery(fields: request.queryFields))
            return CSVDownload.response(AuditEvent.csv(found.events), filename: "access-log.csv")
        }
    }
}
