import Foundation
import SafeguardDomain

/// A clock that stands still, or moves only when told: for tests, and for benches that replay a simulated year a
/// day at a time. Not part of the shipped domain, which runs on `SystemClock`.
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
