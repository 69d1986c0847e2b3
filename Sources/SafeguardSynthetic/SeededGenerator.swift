import Foundation
import SafeguardDomain
import SafeguardMatching

/// A seedable random number generator (xoshiro256**, seeded through SplitMix64) that gives the same numbers on every
/// platform and Swift version, so a synthetic force and every test built on one can be reproduced from its seed.
/// The bounded helpers below are our own rather than `Int.random(in:using:)`, whose algorithm the standard library may change.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole output is fixed by `seed`.
    public init(seed: UInt64) {
        var state = seed
        s0 = Self.splitMix(&state)
        s1 = Self.splitMix(&state)
        s2 = Self.splitMix(&state)
        s3 = Self.splitMix(&state)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = Self.rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotate(s3, 45)
        return result
    }

    /// A number in `0..<bound` (multiply-high; the bias is below 2⁻⁴⁰ for the bounds a generator uses).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in a closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// A number in `[0, 1)` with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Any element, all equally likely.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(below: items.count)]
    }

    /// Shuffles in place (Fisher–Yates, from the end), so the same seed gives the same order on every platform.
    public mutating func shuffle<T>(_ items: inout [T]) {
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, int(below: i + 1)) }
    }

    /// An element favouring the front of the list (index ∝ u^1.5), for lists ordered from common to rare.
    public mutating func pickCommon<T>(_ items: [T]) -> T {
        let u = unit()
        return items[min(items.count - 1, Int(Double(items.count) * u * u.squareRoot()))]
    }

    /// An index chosen in proportion to `weights`.
    public mutating func index(weights: [Double]) -> Int {
        let u = unit()
        // A plain loop over the buffer: iterators cost a lot in debug builds, and this runs for every choice.
        return weights.withUnsafeBufferPointer { w in
            var total = 0.0
            var i = 0
            while i < w.count { total += w[i]; i += 1 }
            var target = u * total
            i = 0
            while i < w.count - 1 {
                if target < w[i] { return i }
                target -= w[i]
                i += 1
            }
            return w.count - 1
        }
    }

    /// SplitMix64's output function: a bijective scramble of 64 bits, also used to derive seeds and ids.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    private static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// Deterministic ids shaped like lowercase UUIDs (`8-4-4-4-12` hex), so generated records fit every column
/// and URL that takes a real id, yet the same seed always gives the same ids.
///
/// Ids sort in the order records are made (seed, then stream, then index), like the time-ordered UUIDv7 ids of
/// records made in the app: each insert lands at the end of an index instead of at a random page, which made
/// loading a 100,000-person force on SQLite markedly faster than random ids did.
public enum DeterministicID {
    /// The id of item `index` in `stream` (one stream per kind of thing: people, addresses, incidents…).
    /// Distinct (stream, index) pairs always give distinct ids.
    public static func make(seed: UInt64, stream: UInt64, index: Int) -> String {
        precondition(index >= 0 && index < 1 << 48 && stream < 1 << 16, "id counter out of range")
        // seed hash (32 bits) · stream (16) · version nibble 4 and 12 zero bits · variant "10" and 14 zero bits · index (48)
        let seedHash = SeededGenerator.mix(seed ^ 0x1D5_0F_5AFE) >> 32
        let high = (seedHash << 32) | (stream << 16) | 0x4000
        let low = 0x8000_0000_0000_0000 | UInt64(index)
        return hex(high, low)
    }

    /// Writes the 36 characters straight into the string's storage: this runs for every record, and a debug build
    /// pays dearly for arrays, tuples, iterators and bounds checks in a loop.
    private static func hex(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let out = buffer.baseAddress!
            // Dashes fall before hex digits 8 and 12 of the high half and digits 0 and 4 of the low half (8-4-4-4-12).
            var position = write(high, dashesAt: 28, 12, to: out, at: 0)
            position = write(low, dashesAt: 60, 44, to: out, at: position)
            return position
        }
    }

    private static func write(_ value: UInt64, dashesAt first: UInt64, _ second: UInt64, to out: UnsafeMutablePointer<UInt8>, at start: Int) -> Int {
        var position = start
        var shift: UInt64 = 60
        while true {
            if shift == first || shift == second {
                out[position] = 0x2D
                position += 1
            }
            let nibble = UInt8(truncatingIfNeeded: (value >> shift) & 0xF)
            out[position] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            position += 1
            if shift == 0 { return position }
            shift -= 4
        }
    }
}
