import Foundation
import Hummingbird
import Logging
import SafeguardDomain

/// Everything a route needs, built once at start-up.
struct WebDependencies: Sendable {
    let service: SafeguardService
    let templates: Templates
    let configuration: WebConfiguration
    let openAPIDocument: ByteBuffer
    let stylesheet: ByteBuffer
    let script: ByteBuffer
    let metrics: ServerMetrics
}

/// Builds the Hummingbird application: pages, JSON API, health, OpenAPI document — and, unless `clocks` is false,
/// the scheduler that fires the task clocks.
/// `onServerRunning` hears the port actually bound (useful with port 0).
public func buildApplication(
    service: SafeguardService, configuration: WebConfiguration, logger: Logger, clocks: Bool = true,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let metrics = ServerMetrics()
    let router = try await buildRouter(service: service, configuration: configuration, logger: logger, metrics: metrics)
    var app = Application(
        router: router, configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Safeguard"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) }, logger: logger)
    if clocks { app.addServices(ClockScheduler(service: service, logger: logger, metrics: metrics)) }
    return app
}

/// The router on its own, for in-process tests.
public func buildRouter(service: SafeguardService, configuration: WebConfiguration, logger: Logger) async throws -> Router<AppRequestContext> {
    try await buildRouter(service: service, configuration: configuration, logger: logger, metrics: ServerMetrics())
}

func buildRouter(service: SafeguardService, configuration: WebConfiguration, logger: Logger, metrics: ServerMetrics) async throws
    -> Router<AppRequestContext>
{
    let dependencies = WebDependencies(
        service: service, templates: try await Templates.load(), configuration: configuration,
        openAPIDocument: try resourceBuffer("openapi.json"), stylesheet: try resourceBuffer("assets/app.css"),
        script: try resourceBuffer("assets/app.js"), metrics: metrics)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIdentityMiddleware(configuration: configuration))
    router.add(
        middleware: ErrorResponseMiddleware(
            dependencies: dependencies, logger: logger, apiPaths: APIPaths(document: Data(buffer: dependencies.openAPIDocument))))
    router.add(middleware: RequestLogMiddleware(logger: logger, metrics: metrics))
    PublicRoutes(dependencies: dependencies).register(on: router)
    SignInRoutes(dependencies: dependencies).register(on: router)

    let pages = router.group().add(middleware: SessionAuthMiddleware(service: service))
    HomePage(dependencies: dependencies).register(on: pages)
    PeoplePages(dependencies: dependencies).register(on: pages)
    IncidentPages(dependencies: dependencies).register(on: pages)
    CallPages(dependencies: dependencies).register(on: pages)
    ControlRoomPages(dependencies: dependencies).register(on: pages)
    RiskAssessmentPages(dependencies: dependencies).register(on: pages)
    ReviewPages(dependencies: dependencies).register(on: pages)
    LinkReviewPages(dependencies: dependencies).register(on: pages)
    CasePages(dependencies: dependencies).register(on: pages)
    ScenePages(dependencies: dependencies).register(on: pages)
    CustodyPages(dependencies: dependencies).register(on: pages)
    WarningPages(dependencies: dependencies).register(on: pages)
    HouseholdPages(dependencies: dependencies).register(on: pages)
    MaracPages(dependencies: dependencies).register(on: pages)
    MaracMeetingPages(dependencies: dependencies).register(on: pages)
    IdvaPages(dependencies: dependencies).register(on: pages)
    SharedPages(dependencies: dependencies).register(on: pages)
    OrderPages(dependencies: dependencies).register(on: pages)
    ContactPages(dependencies: dependencies).register(on: pages)
    OutcomePages(dependencies: dependencies).register(on: pages)
    AccountPages(dependencies: dependencies).register(on: pages)
    FiguresPages(dependencies: dependencies).register(on: pages)
    PerpetratorPages(dependencies: dependencies).register(on: pages)
    AreaBriefingPages(dependencies: dependencies).register(on: pages)
    DisclosurePages(dependencies: dependencies).register(on: pages)
    HomicideReviewPages(dependencies: dependencies).register(on: pages)
    RetentionPages(dependencies: dependencies).register(on: pages)
    InformationRequestPages(dependencies: dependencies).register(on: pages)
    SurveyPages(dependencies: dependencies).register(on: pages)
    QualityPages(dependencies: dependencies).register(on: pages)
    AuditPages(dependencies: dependencies).register(on: pages)

    let api = router.group("api/v1").add(middleware: BearerAuthMiddleware(service: service))
    PeopleAPI(dependencies: dependencies).register(on: api)
    IncidentAPI(dependencies: dependencies).register(on: api)
    HouseholdAPI(dependencies: dependencies).register(on: api)
    MaracAPI(dependencies: dependencies).register(on: api)
    PerpetratorAPI(dependencies: dependencies).register(on: api)
    DisclosureAPI(dependencies: dependencies).register(on: api)
    HomicideReviewAPI(dependencies: dependencies).register(on: api)
    RetentionAPI(dependencies: dependencies).register(on: api)
    SurveyAPI(dependencies: dependencies).register(on: api)
    QualityAPI(dependencies: dependencies).register(on: api)
    AuditAPI(dependencies: dependencies).register(on: api)
    SharingAPI(dependencies: dependencies).register(on: api)
    RiskAPI(dependencies: dependencies).register(on: api)
    SceneAPI(dependencies: dependencies).register(on: api)
    CaseAPI(dependencies: dependencies).register(on: api)
    FiguresAPI(dependencies: dependencies).register(on: api)
    CustodyAPI(dependencies: dependencies).register(on: api)
    OrdersAPI(dependencies: dependencies).register(on: api)
    ContactsAPI(dependencies: dependencies).register(on: api)
    WarningsAPI(dependencies: dependencies).register(on: api)
    AccountPages(dependencies: dependencies).registerAPI(on: api)
    return router
}

private func resourceBuffer(_ relativePath: String) throws -> ByteBuffer {
    ByteBuffer(bytes: try Data(contentsOf: try WebResources.url(relativePath)))
}

/// Files copied from `Sources/SafeguardWeb/Resources` into the bundle.
enum WebResources {
    /// The copied folder: Foundation on Linux reports the bundle's resource URL one level deeper than on macOS.
    static func url(_ relativePath: String) throws -> URL {
        let candidates = [Bundle.module.bundleURL.appendingPathComponent("Resources"), Bundle.module.resourceURL, Bundle.module.bundleURL].compactMap { $0 }
        for root in candidates {
            let url = root.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw DomainError.notFound(kind: "resource", id: relativePath)
    }
}
