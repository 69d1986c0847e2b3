import Foundation

/// Failed sign-ins counted per network address as well as per account (issue 24): someone trying one password
/// against many usernames never locks an account, so the address is slowed too. Held in each server's memory — the
/// account lockout (in the database) is the one every server shares; this one is per process, and a force behind a
/// load balancer says which header carries the caller's address (docs/operations.md).
public final class AddressThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    /// Addresses remembered at most; the oldest are forgotten first (a flood of addresses must not fill memory).
    static let capacity = 100_000

    public init() {}

    /// When `address` may try again, if it has failed `policy.addressFailureLimit` times within the window; nil when
    /// it may try now.
    public func blockedUntil(_ address: String, now: Date, policy: ForcePolicy) -> Date? {
        lock.withLock {
            let recent = Self.recent(failures[address] ?? [], now: now, policy: policy)
            failures[address] = recent.isEmpty ? nil : recent
            guard recent.count >= policy.addressFailureLimit, let oldest = recent.first else { return nil }
            return oldest.addingTimeInterval(TimeInterval(policy.addressWindowMinutes * 60))
        }
    }

    /// Counts a failed sign-in from `address`.
    public func recordFailure(_ address: String, at now: Date, policy: ForcePolicy) {
        lock.withLock {
            if failures.count >= Self.capacity, failures[address] == nil {
                let stale = failures.filter { Self.recent($0.value, now: now, policy: policy).isEmpty }.map(\.key)
                for key in stale { failures[key] = nil }
                if failures.count >= Self.capacity, let any = failures.keys.first { failures[any] = nil }
            }
            failures[address, default: []].append(now)
        }
    }

    private static func recent(_ times: [Date], now: Date, policy: ForcePolicy) -> [Date] {
        let since = now.addingTimeInterval(-TimeInterval(policy.addressWindowMinutes * 60))
        return times.filter { $0 > since }
    }
}
