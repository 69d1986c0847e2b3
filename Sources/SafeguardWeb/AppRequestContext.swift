import Hummingbird
import SafeguardDomain

/// Per-request state: who is signed in (from the session cookie or a bearer token) and the session's CSRF token.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: User?
    public var csrfToken: String?

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
