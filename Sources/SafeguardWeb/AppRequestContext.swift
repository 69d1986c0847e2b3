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

    /// The connection's peer address (the load balancer's, behind one: see `WebConfiguration.forwardedForHeader`).
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Forms and JSON bodies are small; anything bigger is refused before it is read.
    public var maxUploadSize: Int { InputLimits.bodyBytes }

    /// The caller's network address for the per-address sign-in limit: the configured forwarding header's last entry
    /// (the one the force's own load balancer added) when set, else the connection's peer.
    var clientAddress: String? { forwardedAddress ?? peerAddress }
    /// Set by `RequestIdentityMiddleware` from the forwarding header, when the configuration names one.
    public var forwardedAddress: String?

    /// The actor for domain calls; middleware guarantees a user on protected routes.
    func actor() throws -> Actor {
        guard let user else { throw DomainError.forbidden("Sign in first.") }
        return Actor(user)
    }
}
