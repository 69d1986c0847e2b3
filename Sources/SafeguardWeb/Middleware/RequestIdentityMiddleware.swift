import Foundation
import HTTPTypes
import Hummingbird

/// The outermost layer: gives each request its id (`X-Request-Id` on the response and `request_id` on every log line
/// about it — a load balancer's own when well formed), and, when the configuration names the load balancer's
/// forwarding header, the caller's address from it (for the per-address sign-in limit).
struct RequestIdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let configuration: WebConfiguration

    func handle(_ request: Request, context incoming: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = incoming
        context.requestID = RequestID.from(request.headers[RequestID.header])
        if let header = configuration.forwardedForHeader, let name = HTTPField.Name(header),
            let last = request.headers[values: name].last?.split(separator: ",").last
        {
            // The last entry is the one the force's own load balancer added; earlier ones the caller could write.
            context.forwardedAddress = String(last).trimmingCharacters(in: .whitespaces)
        }
        var response = try await next(request, context)
        response.headers[RequestID.header] = context.requestID
        return response
    }
}

/// Request ids: a load balancer's own when it sends one that is safe to log, else a new one.
enum RequestID {
    static let header = HTTPField.Name("X-Request-Id")!

    static func from(_ given: String?) -> String {
        if let given, (1...64).contains(given.utf8.count),
            given.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 || $0 == 46 })
        {
            return given
        }
        return UUID().uuidString.lowercased()
    }
}
