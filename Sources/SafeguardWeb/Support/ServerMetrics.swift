import Foundation
import Prometheus
import SafeguardDomain

/// The server's own figures for `/metrics` (Prometheus text format): requests by method, route pattern and status,
/// their latency, and when the clocks last ran. Labels are route patterns (`/api/v1/people/{id}` as registered), never a
/// concrete path or query string: those can carry names and ids, and metrics must hold no personal data.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let lastClockRun = LastClockRun()

    static let latencyBuckets: [Duration] = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000].map { .milliseconds($0) }

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "safeguard", metricName: "http_requests", unitName: "total", helpText: "Requests answered, by method, route pattern and status."),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "safeguard", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer, by method and route pattern."),
            labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// A clock run finished (or failed) now, taking `duration`.
    func clockRan(at: Date, duration: Duration, failed: Bool) {
        lastClockRun.set(at)
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "safeguard", metricName: "clock_run_duration", unitName: "seconds", helpText: "Time each clock run took."),
            labels: [("result", failed ? "failed" : "ok")], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// Sets the gauges read at scrape time and writes everything out.
    func exposition(gauges: ServiceGauges?, now: Date, clockIntervalSeconds: Int) -> String {
        func gauge(_ name: String, _ unit: String, _ help: String, _ value: Double) {
            registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "safeguard", metricName: name, unitName: unit, helpText: help), labels: [])
                .set(value)
        }
        if let gauges {
            gauge("live_calls", "count", "Calls on the control room's live queue.", Double(gauges.liveCalls))
            gauge("cases_awaiting_owner", "count", "Cases waiting on the reallocation queue for an owner.", Double(gauges.casesAwaitingOwner))
            gauge(
                "tasks_overdue_unescalated", "count", "Tasks past due that the clocks have not escalated yet (counted up to 10000).",
                Double(gauges.overdueUnescalatedTasks))
            gauge("database_ping", "seconds", "How long the database took to answer one query at scrape time.", gauges.databaseSeconds)
            gauge("database_connections_in_use", "count", "Database connections held by work at scrape time.", Double(gauges.connections.inUse))
            gauge("database_connections_waiting", "count", "Work queued for a database connection at scrape time.", Double(gauges.connections.waiting))
            gauge("database_connections_capacity", "count", "Connections the pool may open.", Double(gauges.connections.capacity))
        }
        gauge("database_up", "bool", "1 when the database answered at scrape time.", gauges == nil ? 0 : 1)
        // Clock lag: how long since the clocks last ran, beyond their interval. A stuck scheduler shows here first.
        if let last = lastClockRun.get() {
            gauge(
                "clock_lag", "seconds", "Seconds since the task clocks last ran, beyond their interval.",
                max(0, now.timeIntervalSince(last) - Double(clockIntervalSeconds)))
        }
        return registry.emitToString()
    }
}

/// The time of the last clock run, shared between the scheduler and the scrape.
final class LastClockRun: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date?
    func set(_ date: Date) { lock.withLock { value = date } }
    func get() -> Date? { lock.withLock { value } }
}
