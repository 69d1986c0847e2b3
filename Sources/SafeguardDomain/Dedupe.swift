import Foundation
import SafeguardMatching

/// A link the matcher proposes between two person records; a person confirms or rejects it.
public struct MatchProposal: Sendable, Equatable {
    /// The smaller of the two ids, so each pair is stored once.
    public var personID: String
    public var otherPersonID: String
    public var probability: Double
    public var reasons: [String]

    public init(_ a: String, _ b: String, probability: Double, reasons: [String]) {
        personID = min(a, b)
        otherPersonID = max(a, b)
        self.probability = probability
        self.reasons = reasons
    }
}

/// Storage for the batch clean-up.
public protocol DedupeRepository: Sendable {
    /// The next person ids after `after`, in id order.
    func personIDs(after: String, limit: Int) async throws -> [String]
    /// Comparable records of these people.
    func matchRecords(ids: [String]) async throws -> [MatchRecord]
    /// For each key, the people filed under it (at most `perKey`).
    func members(ofKeys keys: [String], perKey: Int) async throws -> [String: [String]]
    /// Stores proposals (a pair already proposed, confirmed or rejected is left as it is).
    func propose(_ proposals: [MatchProposal], at: Date) async throws
    /// Where the last run stopped ("" when it finished or never ran).
    func cursor() async throws -> String
    func setCursor(_ personID: String, at: Date) async throws
}

/// What one batch clean-up run did.
public struct DedupeSummary: Sendable, Equatable {
    public var recordsCompared: Int
    public var pairsScored: Int
    public var proposals: Int
    /// Whether the run continued from where an earlier one stopped.
    public var resumed: Bool
}

extension SafeguardService {
    /// Proposes links across the whole database (the legacy clean-up): every record is compared with the records that
    /// share a strong blocking key (not the broad, postcode- or initial-based ones), and pairs at or above the proposal threshold are stored for a person to review.
    /// Resumable: progress is saved with each batch, in the same transaction as its proposals.
    public func dedupe(batchSize: Int = 2_000, progress: (@Sendable (Int) -> Void)? = nil) async throws -> DedupeSummary {
        let scorer = MatchScorer()
        let keys = BlockingKeys()
        let threshold = policy.dedupeProposeThreshold
        let start = try await repositories.transaction { tx in try await tx.dedupe.cursor() }
        var summary = DedupeSummary(recordsCompared: 0, pairsScored: 0, proposals: 0, resumed: !start.isEmpty)
        var cursor = start
        while true {
            let now = clock.now()
            let after = cursor
            let outcome: (last: String?, compared: Int, scored: Int, proposed: Int) = try await repositories.transaction { tx in
                let ids = try await tx.dedupe.personIDs(after: after, limit: batchSize)
                guard let last = ids.last else {
                    try await tx.dedupe.setCursor("", at: now)
                    return (nil, 0, 0, 0)
                }
                let records = try await tx.dedupe.matchRecords(ids: ids)
                let keysOf = records.map { keys.keys(for: $0).filter { !BlockingKeys.isBroad($0) } }
                let members = try await tx.dedupe.members(ofKeys: Array(Set(keysOf.joined())), perKey: 200)
                var candidateIDs = Set<String>()
                for list in members.values { candidateIDs.formUnion(list) }
                var known: [String: MatchRecord] = [:]
                for record in records { known[record.personID] = record }
                let missing = candidateIDs.filter { known[$0] == nil }
                for record in try await tx.dedupe.matchRecords(ids: Array(missing)) { known[record.personID] = record }

                var proposals: [MatchProposal] = []
                var scored = 0
                for (record, recordKeys) in zip(records, keysOf) {
                    var others = Set<String>()
                    for key in recordKeys { others.formUnion(members[key] ?? []) }
                    // Each pair once: from the record with the smaller id.
                    for other in others where other > record.personID {
                        guard let candidate = known[other] else { continue }
                        scored += 1
                        let score = scorer.score(record, against: candidate)
                        if score.probability >= threshold {
                            proposals.append(MatchProposal(record.personID, other, probability: score.probability, reasons: score.reasons))
                        }
                    }
                }
                try await tx.dedupe.propose(proposals, at: now)
                try await tx.dedupe.setCursor(last, at: now)
                return (last, ids.count, scored, proposals.count)
            }
            guard let last = outcome.last else { break }
            cursor = last
            summary.recordsCompared += outcome.compared
            summary.pairsScored += outcome.scored
            summary.proposals += outcome.proposed
            progress?(summary.recordsCompared)
        }
        return summary
    }
}
