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

    func run() async throws {
        let interval = Duration.seconds(service.policy.clockIntervalSeconds)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let run = try await service.runClocks()
                if run != ClockRun() { logger.info("clocks fired", metadata: ["escalated": "\(run.escalated)", "reassigned": "\(run.reassigned)"]) }
            } catch {
                logger.error("clock run failed; will retry", metadata: ["error": "\(type(of: error))"])
            }
            // A stop (SIGTERM) ends the wait at once; a clock run already under way finishes first.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
