import ArgumentParser
import Foundation
import Hummingbird
import SafeguardDomain
import SafeguardStore
import SafeguardWeb
import ServiceLifecycle
import SafeguardSynthetic

/// `safeguard serve`: migrate, optionally fill an empty database with a demo force, and serve pages and API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web server (migrating the database first).")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Fill an empty database with a generated synthetic force and one demo account per role.") var demo = false
    @Option(help: "Individuals in the demo force.") var demoPeople = 5_000
    @Option(help: "Years of demo incident history.") var demoYears = 5
    @Option(help: "Seed of the demo force.") var demoSeed: UInt64 = 2014
    @Flag(help: "Mark cookies Secure (when served over TLS or behind a TLS proxy).") var secureCookies = false
    @Option(
        help: "Behind a load balancer: the header carrying the caller's address (X-Forwarded-For); its last entry is used for the per-address sign-in limit.")
    var forwardedForHeader: String?
    @Option(help: "Force policy JSON file.") var policy: String?
    @Option(help: "Seconds to let requests under way finish after SIGTERM or SIGINT, before they are cut off.") var drainSeconds = 10

    func run() async throws {
        do {
            // A missing or broken risk instrument file stops the server here, not on an officer's first assessment.
            _ = try RiskInstruments.loadAll()
            let runtime = try await Runtime.open(policyFile: policy)
            if demo {
                let loader = SyntheticForceLoader(pool: runtime.pool)
                if try await loader.isEmpty() {
                    try await DemoForce.fill(
                        runtime: runtime, people: demoPeople, years: demoYears, seed: demoSeed, endDate: try DemoForce.endDate(nil), quiet: false,
                        recentWeeks: true)
                } else {
                    print("The database already holds people; --demo leaves it as it is.")
                }
                DemoForce.printAccounts()
            }
            // The first calls after a start should not wait on a cold disk: read the matching index in while the
            // server starts listening (lookups are answered meanwhile, only slower).
            let pool = runtime.pool, logger = runtime.logger
            Task {
                let started = ContinuousClock.now
                do {
                    let keys = try await pool.warmMatchIndex()
                    logger.info(
                        "matching index read into memory",
                        metadata: ["keys": .stringConvertible(keys), "took": .string(Progress.seconds(ContinuousClock.now - started))])
                } catch {
                    logger.warning("could not read the matching index ahead", metadata: ["error": .string(String(describing: error))])
                }
            }
            let app = try await buildApplication(
                service: runtime.service,
                configuration: WebConfiguration(
                    host: host, port: port, secureCookies: secureCookies, forwardedForHeader: forwardedForHeader,
                    metricsToken: ProcessInfo.processInfo.environment["SAFEGUARD_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }), logger: runtime.logger)
            print("Safeguard is running at http://\(host):\(port)/ (database: \(runtime.url.redacted))")
            // SIGTERM (systemd, Docker, any process manager) or SIGINT: stop taking requests, let those under way finish
            // for up to `drainSeconds`, stop the clocks, close the database cleanly and exit 0.
            var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            group.maximumGracefulShutdownDuration = .seconds(max(1, drainSeconds))
            group.maximumCancellationDuration = .seconds(5)
            do {
                try await ServiceGroup(configuration: group).run()
            } catch {
                logger.warning("requests still under way were cut off at shutdown", metadata: ["error": .string(String(describing: type(of: error)))])
            }
            try await runtime.close()
            logger.info("stopped")
        } catch {
            Terminal.fail(error)
        }
    }
}

/// `safeguard migrate [--dry-run]`.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")

    @Flag(help: "List what would be applied, change nothing.") var dryRun = false

    func run() async throws {
        do {
            let runtime = try await Runtime.open(policyFile: nil, migrate: false)
            let migrator = Migrator(pool: runtime.pool)
            if dryRun {
                let pending = try await migrator.pending()
                print(pending.isEmpty ? "Nothing to apply." : pending.map { "would apply \($0.version): \($0.name)" }.joined(separator: "\n"))
            } else {
                let applied = try await migrator.migrate(indexRebuild: Runtime.indexRebuildProgress(runtime.logger))
                print(applied.isEmpty ? "Nothing to apply." : applied.map { "applied \($0.version): \($0.name)" }.joined(separator: "\n"))
                let adopted = try await runtime.store.adoptUnkeyedAuditChain()
                if adopted > 0 { print("Signed the audit chain's \(adopted) earlier events with the audit key.") }
            }
            try await runtime.close()
        } catch {
            Terminal.fail(error)
        }
    }
}
