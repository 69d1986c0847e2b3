import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SafeguardDomain
import SafeguardStore

/// The outermost layer but one (inside `RequestIdentityMiddleware`): every refusal and failure answers with a body that says what happened — a problem document
/// (`application/problem+json`) for programs, the message page for a browser — never an empty 404, 413 or 500; and
/// every response carries the security headers (a content security policy with no inline script and no framing,
/// `nosniff`, no referrer, `Strict-Transport-Security` when served over TLS). A failure's details stay in the log (its type only: no personal data),
/// never in the answer.
struct ErrorResponseMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let dependencies: WebDependencies
    let logger: Logger
    let apiPaths: APIPaths

    /// Every response that is not a page (pages set their own, which also allow the site's stylesheet and script).
    static let apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
            if response.status.code >= 400, response.body.contentLength == 0 {
                let problem = Self.problem(status: response.status, detail: nil)
                response = try answer(problem, request: request, context: context, keeping: response.headers)
            }
        } catch let error as DomainError {
            response = try answer(Problem.from(error), request: request, context: context)
        } catch let error as any HTTPResponseError where error.status == .notFound && !apiPaths.methods(for: request.uri.path).isEmpty {
            // The address exists; this method is not one it takes.
            let allowed = apiPaths.methods(for: request.uri.path)
            response = try answer(
                Self.problem(status: .methodNotAllowed, detail: "This address takes \(allowed.joined(separator: ", ")) only."), request: request,
                context: context)
            response.headers[.allow] = allowed.joined(separator: ", ")
        } catch let error as any HTTPResponseError {
            var problem = Self.problem(status: error.status, detail: nil)
            if error.status == .contentTooLarge {
                problem.detail = "The request is larger than \(InputLimits.bodyBytes) bytes, more than any form or record needs. Nothing was saved."
            }
            response = try answer(problem, request: request, context: context)
        } catch {
            var metadata: Logger.Metadata = [
                "route": .string(context.endpointPath ?? "unmatched"), "error": .string(String(describing: type(of: error))),
                "request_id": .string(context.requestID)
            ]
            // A stored value the code cannot read names its table, column and value (an enum's raw value, never a person's detail).
            if let unreadable = error as? UnreadableValue { metadata["detail"] = .string(unreadable.description) }
            logger.error("request failed", metadata: metadata)
            response = try answer(Self.problem(status: .internalServerError, detail: nil), request: request, context: context)
        }
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        let policy = HTTPField.Name("Content-Security-Policy")!
        if response.headers[policy] == nil { response.headers[policy] = Self.apiContentSecurityPolicy }
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        if SessionCookie.isSecure(request, configuration: dependencies.configuration) {
            response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000"
        }
        return response
    }

    /// A problem for a status with no domain error behind it.
    static func problem(status: HTTPResponse.Status, detail: String?) -> Problem {
        let (slug, text): (String, String) =
            switch status.code {
            case 404: ("not-found", "There is nothing at this address. Check it against the API document at /api/openapi.json.")
            case 405: ("method-not-allowed", "This address does not take that method.")
            case 413: ("too-large", "The request is larger than \(InputLimits.bodyBytes) bytes. Nothing was saved.")
            case 500...: ("server-error", "Something went wrong on the server. Nothing was saved; try again, and tell the service desk if it goes on.")
            default: ("http-\(status.code)", status.reasonPhrase)
            }
        return Problem(type: "https://safeguard.example/problems/\(slug)", title: status.reasonPhrase, status: status.code, detail: detail ?? text)
    }

    /// The problem as JSON for programs and the API; as the message page for a browser asking for a page.
    private func answer(_ problem: Problem, request: Request, context: Context, keeping headers: HTTPFields = [:]) throws -> Response {
        let wantsPage = !request.uri.path.hasPrefix("/api/") && (request.headers[.accept] ?? "").contains("text/html")
        var response =
            wantsPage
            ? dependencies.templates.page(
                "message", title: problem.title, context: ["heading": problem.title, "message": problem.detail],
                request: context, status: HTTPResponse.Status(code: problem.status))
            : try problem.response()
        for field in headers where field.name == .wwwAuthenticate || field.name == .allow || field.name == .retryAfter {
            response.headers[field.name] = field.value
        }
        return response
    }
}
