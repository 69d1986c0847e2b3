import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import SafeguardDomain
import SafeguardWeb
import SQLKit
import ServiceLifecycle

/// The real server, built as `serve` builds it (clocks off: a bench runs them itself, or not at all), on a loopback
/// port, with an HTTP client for it. The benches drive the API through this, over real HTTP.
struct BenchServer {
    let base: String
    let client: HTTPClient
    private let services: ServiceGroup
    private let running: Task<Void, any Error>

    static func start(_ runtime: Runtime, port: Int) async throws -> BenchServer {
        let listening = AsyncStream<Int>.makeStream()
        let app = try await buildApplication(
            service: runtime.service, configuration: WebConfiguration(host: "127.0.0.1", port: port),
            logger: runtime.logger, clocks: false, onServerRunning: { listening.continuation.yield($0) })
        let services = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: runtime.logger)
        let running = Task { try await services.run() }
        var ports = listening.stream.makeAsyncIterator()
        guard let boundPort = await ports.next() else { throw DomainError.conflict("The server did not start.") }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(30))))
        return BenchServer(base: "http://127.0.0.1:\(boundPort)/api/v1", client: client, services: services, running: running)
    }

    func stop() async throws {
        try await client.shutdown()
        await services.triggerGracefulShutdown()
        _ = await running.result
    }

    /// One API request with a bearer token and a JSON body; the status and the JSON object that came back.
    func send(_ method: HTTPMethod, _ path: String, token: String, body: [String: Any]?) async throws -> (status: Int, json: [String: Any], text: String) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]) ?? [:]
        return (Int(response.status.code), json, String(buffer: bytes))
    }

    /// A page, signed in with a session (as a browser would be): the status and the HTML.
    func page(_ path: String, session: String) async throws -> (status: Int, text: String) {
        var request = HTTPClientRequest(url: base.replacingOccurrences(of: "/api/v1", with: "") + path)
        request.headers.add(name: "Cookie", value: "sg_session=\(session)")
        let response = try await client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 8 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    /// A bench's "if a figure is wrong, exit 2" rule's count of open cases whose owner is missing, switched off or away.
    static func casesWithoutOwner(_ runtime: Runtime) async throws -> Int64 {
        try await runtime.pool.withConnection { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM cases c LEFT JOIN users u ON u.id = c.owner_user_id
                WHERE c.status = 'open' AND (u.id IS NULL OR u.active = FALSE OR u.available = FALSE)
                """
            ).first()?.decode(column: "n", as: Int64.self) ?? -1
        }
    }

    /// One number from the bench database.
    static func count(_ runtime: Runtime, _ sql: String) async throws -> Int64 {
        try await runtime.pool.withConnection { db in try await db.raw(SQLQueryString(sql)).first()?.decode(column: "n", as: Int64.self) ?? -1 }
    }
}

/// Reads a nested value from decoded JSON: keys for objects, integers for arrays.
func jsonField(_ object: [String: Any], _ path: Any...) throws -> String {
    var current: Any = object
    for key in path {
        if let name = key as? String, let dictionary = current as? [String: Any], let value = dictionary[name] { current = value; continue }
        if let position = key as? Int, let array = current as? [Any], array.indices.contains(position) { current = array[position]; continue }
        throw JourneyError("missing \(path.map { "\($0)" }.joined(separator: "."))")
    }
    guard let text = current as? String else { throw JourneyError("\(path.map { "\($0)" }.joined(separator: ".")) is not text") }
    return text
}

/// A bench whose `measure` prints its figures and may end with an exit status of its own (2: a figure is wrong);
/// any other error is reported as every command reports one.
protocol MeasuringBench: AsyncParsableCommand {
    func measure() async throws
}

extension MeasuringBench {
    func run() async throws {
        do {
            try await measure()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.fail(error)
        }
    }
}
