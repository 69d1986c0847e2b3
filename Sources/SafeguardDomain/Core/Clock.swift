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
