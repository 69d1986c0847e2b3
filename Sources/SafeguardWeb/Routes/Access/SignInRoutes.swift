import Foundation
import Hummingbird
import SafeguardDomain

/// Sign in and sign out. The sign-in form is protected by a double-submit CSRF cookie (there is no session yet).
struct SignInRoutes {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: Router<AppRequestContext>) {
        router.get("sign-in") { request, context -> Response in
            form(request: request, context: context, username: "", next: request.queryFields["next"] ?? "/", errors: [])
        }

        router.post("sign-in") { request, context -> Response in
            let body = try await FormBody.read(request, context: context)
            let next = Self.safeNext(body["next"])
            let username = body["username"] ?? ""
            guard let sent = body["_csrf"], let expected = request.cookies[SessionCookie.preSessionCSRF]?.value, constantTimeEquals(sent, expected) else {
                return form(
                    request: request, context: context, username: username, next: next,
                    errors: [FieldError("username", "Your sign-in form had expired. Please sign in again.")], status: .forbidden)
            }
            do {
                let session = try await service.signIn(username: username, password: body["password"] ?? "", from: context.clientAddress)
                var response = Response.redirect(to: next, type: .normal)
                let secure = SessionCookie.isSecure(request, configuration: dependencies.configuration)
                response.setCookie(SessionCookie.make(name: SessionCookie.name, value: session.sessionSecret, secure: secure))
                response.setCookie(SessionCookie.make(name: SessionCookie.preSessionCSRF, value: "", secure: secure, maxAge: 0))
                return response
            } catch DomainError.tooManyAttempts(let until) {
                var response = form(
                    request: request, context: context, username: username, next: next,
                    errors: [FieldError("username", DomainError.tooManyAttempts(until: until).message)], status: .tooManyRequests)
                response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSince(service.clock.now()).rounded(.up))))
                return response
            } catch let error as DomainError {
                let errors: [FieldError] = if case .invalid(let fields) = error { fields } else { [FieldError("username", error.message)] }
                return form(request: request, context: context, username: username, next: next, errors: errors, status: .unauthorized)
            }
        }

        router.post("sign-out") { request, context -> Response in
            if let secret = request.cookies[SessionCookie.name]?.value, let (user, csrf) = try await service.resumeSession(secret: secret) {
                // Only the session's own form may end it: another site's form (no token) changes nothing, not even the cookie.
                let body = try await FormBody.read(request, context: context)
                guard let sent = body["_csrf"], constantTimeEquals(sent, csrf) else {
                    var signedIn = context
                    signedIn.user = user
                    signedIn.csrfToken = csrf
                    return dependencies.errorPage(.forbidden("This sign-out did not come from a Safeguard page. Use the Sign out button."), context: signedIn)
                }
                try await service.signOut(secret: secret)
            }
            var response = Response.redirect(to: "/sign-in", type: .normal)
            response.setCookie(
                SessionCookie.make(
                    name: SessionCookie.name, value: "", secure: SessionCookie.isSecure(request, configuration: dependencies.configuration), maxAge: 0))
            return response
        }
    }

    private func form(request: Request, context: AppRequestContext, username: String, next: String, errors: [FieldError], status: HTTPResponse.Status = .ok)
        -> Response
    {
        let token = SignInRules.newSecret()
        var values = FormErrors(errors: errors).context
        values["formCSRF"] = token
        values["username"] = username
        values["next"] = Self.safeNext(next)
        var response = dependencies.templates.page("sign-in", title: "Sign in", context: values, request: context, status: status)
        response.setCookie(
            SessionCookie.make(
                name: SessionCookie.preSessionCSRF, value: token, secure: SessionCookie.isSecure(request, configuration: dependencies.configuration)))
        return response
    }

    /// Only paths on this site: never another host (an open redirect would help phishing).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }
}
