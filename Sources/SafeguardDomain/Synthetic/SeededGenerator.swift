import Foundation

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

    /// A generator for one numbered part of a larger job, so that part comes out the same however the job is sliced.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: Self.mix(seed ^ Self.mix(stream &+ 0x5AFE_6A4D)))
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

    /// An element favouring the front of the list (index ∝ u^1.5), for lists ordered from common to rare.
    public mutating func pickCommon<T>(_ items: [T]) -> T {
        let u = unit()
        return items[min(items.count - 1, Int(Double(items.count) * u * u.squareRoot()))]
    }

    /// An index chosen in proportion to `weights`.
    public mutating func index(weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
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

/// Deterministic ids shaped like lowercase version-4 UUIDs (`8-4-4-4-12` hex), so generated records fit every column
/// and URL that takes a real id, yet the same seed always gives the same ids.
public enum DeterministicID {
    /// The id of item `index` in `stream` (one stream per kind of thing: people, addresses, incidents…).
    /// Distinct (stream, index) pairs always give distinct ids: the low 62 bits are a bijection of them.
    public static func make(seed: UInt64, stream: UInt64, index: Int) -> String {
        precondition(index >= 0 && index < 1 << 40 && stream < 1 << 22, "id counter out of range")
        let mask62: UInt64 = (1 << 62) - 1
        let salt = SeededGenerator.mix(seed ^ 0x1D5_0F_5AFE) & mask62
        var low = ((stream << 40) | UInt64(index)) ^ salt
        low ^= low >> 31
        low = (low &* 0x7FB5_D329_728E_A185) & mask62
        low ^= low >> 27
        low = (low &* 0x81DA_DEF4_BC2D_D44D) & mask62
        low ^= low >> 33
        low |= 0x8000_0000_0000_0000  // RFC 4122 variant bits "10"
        var high = SeededGenerator.mix(seed &+ SeededGenerator.mix(stream << 40 | UInt64(index)))
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000  // version 4
        return hex(high, low)
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func hex(_ high: UInt64, _ low: UInt64) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        for shift in stride(from: 60, through: 0, by: -4) {
            if shift == 28 || shift == 12 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(digits[Int((high >> UInt64(shift)) & 0xF)])
        }
        for shift in stride(from: 60, through: 0, by: -4) {
            if shift == 44 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(digits[Int((low >> UInt64(shift)) & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
