import Foundation
import Hummingbird
import SafeguardDomain

/// Routes open to anyone: health, the OpenAPI document, the stylesheet and the script.
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
