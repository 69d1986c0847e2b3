import Hummingbird
import SafeguardDomain

/// Per-request state: who is signed in (from the session cookie or a bearer token) and the session's CSRF token.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: User?
    public var csrfToken: String?
    /// This request's id: on the response (`X-Request-Id`) and every log line about it, so a user's report of a
    /// failure can be found in the logs without anything personal in them.
    public var requestID = ""

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Forms and JSON bodies are small; anything bigger is refused before it is read.
    public var maxUploadSize: Int { InputLimits.bodyBytes }

    /// The actor for domain calls; middleware guarantees a user on protected routes.
    func actor() throws -> Actor {
        guard let user else { throw DomainError.forbidden("Sign in first.") }
        return Actor(user)
    }
}
