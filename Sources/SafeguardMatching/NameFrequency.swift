import Foundation

/// Term-frequency adjustment (as Splink does): agreeing on a common name is weaker evidence than agreeing on a rare
/// one. Two records both "Smith" share a name one person in a hundred has; two both "Okonkwo-Hale" almost certainly
/// are the same family or the same person. The scorer's name weights assume a typical name; this adds to the log
/// odds what the actual name's frequency says when it is common, and the current names agree exactly.
public struct NameFrequency: Sendable {
    /// How often a typical exact agreement happens by chance, implied by the weights (m ≈ 0.9 over 2^weight).
    let typicalSurnameChance: Double
    let typicalFirstNameChance: Double
    let surnames: [String: Int]
    let firstNames: [String: Int]
    let total: Double
    /// Bounds on the adjustment in bits: a common name costs; a rare one earns nothing, because families share
    /// rare surnames (at 300,000 records, +2 bits for rare names dropped precision from 0.98 to 0.92).
    public static let range: ClosedRange<Double> = -4.0...0.0

    /// Counts the current names of every record (the batch clean-up has them all in memory).
    public init(_ records: [MatchRecord], weights: MatchWeights = MatchWeights()) {
        var surnames: [String: Int] = [:], firstNames: [String: Int] = [:]
        for record in records {
            if let s = record.surnames.first { surnames[s, default: 0] += 1 }
            if let f = record.firstNames.first { firstNames[f, default: 0] += 1 }
        }
        self.surnames = surnames
        self.firstNames = firstNames
        total = Double(max(1, records.count))
        typicalSurnameChance = 0.9 / pow(2, weights.surname[.exact] ?? 8.5)
        typicalFirstNameChance = 0.9 / pow(2, weights.firstName[.exact] ?? 5.5)
    }

    /// Bits to add to a pair's log odds.
    public func adjustment(_ a: MatchRecord, _ b: MatchRecord) -> Double {
        var bits = 0.0
        if let s = a.surnames.first, s == b.surnames.first, let n = surnames[s] {
            bits += Self.range.clamp(log2(typicalSurnameChance / (Double(n) / total)))
        }
        if let f = a.firstNames.first, f == b.firstNames.first, let n = firstNames[f] {
            bits += Self.range.clamp(log2(typicalFirstNameChance / (Double(n) / total)))
        }
        return bits
    }
}

extension ClosedRange where Bound == Double {
    func clamp(_ value: Double) -> Double { Swift.min(upperBound, Swift.max(lowerBound, value)) }
}
