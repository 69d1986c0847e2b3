import Foundation
import HTTPTypes

/// The API's addresses and the methods each takes, read from the OpenAPI document the server serves: so a method an
/// address does not take answers 405 with `Allow`, as the document says, rather than 404 as if the address did not exist.
struct APIPaths: Sendable {
    private let routes: [(segments: [String], methods: [String])]

    init(document: Data) {
        let paths = ((try? JSONSerialization.jsonObject(with: document)) as? [String: Any])?["paths"] as? [String: Any] ?? [:]
        routes = paths.map { path, operations in
            let methods = ((operations as? [String: Any]) ?? [:]).keys.filter { ["get", "put", "post", "delete", "patch"].contains($0) }
            return (path.split(separator: "/").map(String.init), methods.map { $0.uppercased() }.sorted())
        }
    }

    /// The methods the document lists for `path` (a `{param}` segment matches any one segment), empty if none.
    func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/").map(String.init)
        for route in routes where route.segments.count == segments.count {
            if zip(route.segments, segments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) { return route.methods }
        }
        return []
    }
}
