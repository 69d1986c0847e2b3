import Foundation
import HTTPTypes
import Hummingbird
import SafeguardDomain

/// Signs in page requests from the session cookie; sends anyone without a live session to the sign-in page.
/// Every POST must carry the session's CSRF token.
struct SessionAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let service: SafeguardService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        guard let secret = request.cookies[SessionCookie.name]?.value,
            let (user, csrf) = try await service.resumeSession(secret: secret)
        else {
            if request.method == .get {
                let next = request.uri.path
                return Response.redirect(
                    to: "/sign-in?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-"))) ?? "/")")
            }
            return Response.redirect(to: "/sign-in")
        }
        context.user = user
        context.csrfToken = csrf
        return try await next(request, context)
    }
}

/// Signs in API requests from `Authorization: Bearer <token>`; answers 401 with a problem body otherwise.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let service: SafeguardService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            let user = try await service.authenticateToken(secret: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else {
            var response = try Problem.unauthenticated.response()
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        context.user = user
        return try await next(request, context)
    }
}

/// The session cookie's name and attributes: HttpOnly, SameSite=Strict, Secure over TLS.
enum SessionCookie {
    static let name = "sg_session"
    static let preSessionCSRF = "sg_csrf"

    static func make(name: String, value: String, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Whether this request came over TLS (directly or via a proxy that says so), so cookies must be Secure.
    static func isSecure(_ request: Request, configuration: WebConfiguration) -> Bool {
        configuration.secureCookies || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}

/// Constant-time comparison, so a CSRF token cannot be guessed a byte at a time.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<x.count { difference |= x[i] ^ y[i] }
    return difference == 0
}
