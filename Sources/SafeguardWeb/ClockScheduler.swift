import Foundation
import Hummingbird
import Logging
import SafeguardDomain
import ServiceLifecycle

/// Runs the task clocks (`SafeguardService.runClocks`) every `clockIntervalSeconds` while the server is up. Each run's
/// changes are conditional updates, so any number of servers may run this against one PostgreSQL database and a
/// task is still escalated or moved only once. A failed run is logged (without personal data) and retried next time.
struct ClockScheduler: Service {
    let service: SafeguardService
    let logger: Logger
    let metrics: ServerMetrics

    func run() async throws {
        let interval = Duration.seconds(service.policy.clockIntervalSeconds)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let start = ContinuousClock.now
            do {
                let run = try await service.runClocks()
                metrics.clockRan(at: Date(), duration: ContinuousClock.now - start, failed: false)
                if run != ClockRun() { logger.info("clocks fired", metadata: ["escalated": "\(run.escalated)", "reassigned": "\(run.reassigned)"]) }
            } catch {
                metrics.clockRan(at: Date(), duration: ContinuousClock.now - start, failed: true)
                logger.error("clock run failed; will retry", metadata: ["error": "\(type(of: error))"])
            }
            // A stop (SIGTERM) ends the wait at once; a clock run already under way finishes first.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
