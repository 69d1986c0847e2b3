import Foundation

/// How the web tier is served.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies Secure (set when served over TLS, directly or behind a proxy that terminates it).
    public var secureCookies: Bool
    /// Behind a load balancer: the header it puts the caller's address in (`X-Forwarded-For`), whose last entry is
    /// believed for the per-address sign-in limit. Unset, the connection's peer is the address (a header a caller can
    /// write must not be believed when nothing in front of Safeguard sets it).
    public var forwardedForHeader: String?
    /// When set, `/metrics` answers only a request bearing it (`Authorization: Bearer …`); unset, anyone who can reach
    /// the port may read it (it holds no personal data: counts, route patterns and timings).
    public var metricsToken: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, forwardedForHeader: String? = nil, metricsToken: String? = nil
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.forwardedForHeader = forwardedForHeader
        self.metricsToken = metricsToken
    }
}
