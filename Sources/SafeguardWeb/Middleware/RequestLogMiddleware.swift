import Foundation
import Hummingbird
import Logging
import SafeguardDomain

/// Logs each request as method, route pattern, status and duration. Never the query string or the concrete
/// path: both can carry names, dates of birth or record ids, and logs must hold no personal data. The same figures
/// go to `/metrics`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let logger: Logger
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - start
            metrics.recordRequest(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status, duration: elapsed)
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            logger.info(
                "request",
                metadata: [
                    "method": .string(request.method.rawValue),
                    "route": .string(context.endpointPath ?? "unmatched"),
                    "status": .stringConvertible(status),
                    "ms": .string(String(format: "%.1f", ms)),
                    "request_id": .string(context.requestID)
                ])
        }
        do {
            let response = try await next(request, context)
            status = response.status.code
            return response
        } catch let error as HTTPResponseError {
            status = error.status.code
            throw error
        } catch let error as DomainError {
            // The status the outer layer will answer with: a refusal is a 403 or 422, not a server error.
            status = Problem.from(error).status
            throw error
        }
    }
}
