import Foundation

/// Where the domain gets "now" from, so every rule with a deadline can be tested at a fixed time.
public protocol SafeguardClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The real wall clock, used by `serve` and the CLI.
public struct SystemClock: SafeguardClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still (or moves only when told), for tests.
public final class FixedClock: SafeguardClock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    public init(_ instant: Date) { self.instant = instant }

    public func now() -> Date { lock.withLock { instant } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        lock.withLock { instant = instant.addingTimeInterval(seconds) }
    }
}
