import Foundation
import Hummingbird
import SafeguardDomain

/// Routes open to anyone: health, metrics (unless a token is configured), the OpenAPI document, the stylesheet and
/// the script.
struct PublicRoutes {
    let dependencies: WebDependencies

    struct Health: Encodable {
        let status: String
        let database: String
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("health") { _, _ -> Response in
            do {
                try await dependencies.service.health()
                return try APIJSON.response(Health(status: "ok", database: "ok"))
            } catch {
                return try APIJSON.response(Health(status: "unavailable", database: "unreachable"), status: .serviceUnavailable)
            }
        }
        router.get("metrics") { request, _ -> Response in
            if let token = dependencies.configuration.metricsToken {
                let sent = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
                guard constantTimeEquals(sent, token) else { return Response(status: .unauthorized) }
            }
            let service = dependencies.service
            let gauges = try? await service.serviceGauges()
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            let text = dependencies.metrics.exposition(gauges: gauges, now: service.clock.now(), clockIntervalSeconds: service.policy.clockIntervalSeconds)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("api/openapi.json") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: dependencies.openAPIDocument))
        }
        router.get("assets/app.css") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: dependencies.stylesheet))
        }
        router.get("assets/app.js") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            headers[.cacheControl] = "max-age=3600"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: dependencies.script))
        }
    }
}
