import Foundation
import Hummingbird
import SafeguardDomain

extension WebDependencies {
    /// Reads a posted form and checks its CSRF token against the session's; every page POST goes through here.
    func readForm(_ request: Request, context: AppRequestContext) async throws -> FormBody {
        let body = try await FormBody.read(request, context: context)
        guard let sent = body["_csrf"], let expected = context.csrfToken, constantTimeEquals(sent, expected) else {
            throw DomainError.forbidden("This form had expired or did not come from Safeguard. Go back, reload the page and try again.")
        }
        return body
    }

    /// A page explaining a refusal that is not about a form field (not found, not allowed).
    func errorPage(_ error: DomainError, context: AppRequestContext) -> Response {
        let problem = Problem.from(error)
        return templates.page("message", title: problem.title, context: ["heading": problem.title, "message": error.message],
                              request: context, status: HTTPResponse.Status(code: problem.status))
    }
}

/// Template values for lists shared by several pages.
enum PageValues {
    static func incidentRows(_ incidents: [IncidentSummary]) -> [[String: Any]] {
        incidents.map {
            ["id": $0.id, "reference": $0.reference, "when": Display.time($0.occurredAt), "role": $0.role.rawValue + ($0.linkedRecordID == nil ? "" : " (linked record)"),
             "relationship": Display.words($0.relationship.rawValue), "crime": $0.isCrime ? "Yes" : "No", "postcode": $0.postcode ?? ""]
        }
    }

    static func markers(_ markers: [Marker]) -> [[String: Any]] {
        markers.map { ["kind": Display.words($0.kind.rawValue).capitalized, "detail": $0.detail] }
    }
}
