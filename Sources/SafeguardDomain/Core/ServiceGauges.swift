import Foundation

/// What the force's monitoring watches beside request rates (`/metrics`): work waiting that someone must pick up.
/// Counts only — no person, no id — so nothing here is personal data and the read is not audited.
public struct ServiceGauges: Sendable, Equatable {
    /// Calls on the control room's live queue (dispatched or waiting, not yet closed).
    public var liveCalls: Int
    /// Cases waiting on the reallocation queue for an owner.
    public var casesAwaitingOwner: Int
    /// Tasks past their due time that the clocks have not yet escalated (should stay near 0 when clocks run).
    public var overdueUnescalatedTasks: Int
    /// How long the database took to answer one query, in seconds.
    public var databaseSeconds: Double
    /// The database connections in use and the work waiting for one, at the moment of reading.
    public var connections = ConnectionUsage(inUse: 0, waiting: 0, capacity: 0)
}

/// How busy the store's connection pool is: work holding a connection, work queued for one, and how many it may open.
/// A pool that stays full with work waiting is the first sign the database, not the server, is the bottleneck.
public struct ConnectionUsage: Sendable, Equatable {
    public var inUse: Int
    public var waiting: Int
    public var capacity: Int

    public init(inUse: Int, waiting: Int, capacity: Int) {
        self.inUse = inUse
        self.waiting = waiting
        self.capacity = capacity
    }
}

extension SafeguardService {
    /// The gauges, read in one snapshot. Overdue tasks are counted up to `cap` (a number that high is alarm enough).
    public func serviceGauges(cap: Int = 10_000) async throws -> ServiceGauges {
        let now = clock.now()
        let start = ContinuousClock.now
        try await repositories.ping()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var gauges = try await repositories.read { tx in
            ServiceGauges(
                liveCalls: try await tx.incidents.openResponses().count, casesAwaitingOwner: try await tx.cases.awaitingOwnerCount(),
                overdueUnescalatedTasks: try await tx.tasks.overdueUnescalated(at: now, limit: cap).count, databaseSeconds: seconds)
        }
        gauges.connections = repositories.connectionUsage()
        return gauges
    }
}
