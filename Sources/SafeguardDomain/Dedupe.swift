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
    /// share a blocking key (see `DedupeBlocks`), and pairs at or above the proposal threshold are stored for a person
    /// to review.
    ///
    /// The comparable form of every record is read once and blocked in memory (about 1 KB a record, so a million
    /// records fit well inside the 3 GB the clean-up may use), then scored on every core. Proposals and the resume
    /// cursor are written together, a group of batches at a time, so a run that stops resumes where it stopped.
    public func dedupe(batchSize: Int = 2_000, progress: (@Sendable (Int) -> Void)? = nil) async throws -> DedupeSummary {
        let threshold = policy.dedupeProposeThreshold
        let start = try await repositories.transaction { tx in try await tx.dedupe.cursor() }
        let records = try await allMatchRecords()
        let index = DedupeBlocks(records)
        var summary = DedupeSummary(recordsCompared: 0, pairsScored: 0, proposals: 0, resumed: !start.isEmpty)
        // Records at or before the cursor were compared by an earlier run; they still take part as candidates.
        var next = records.firstIndex { $0.personID > start } ?? records.count
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        while next < records.count {
            let group = (0..<width).map { k in min(records.count, next + k * batchSize)..<min(records.count, next + (k + 1) * batchSize) }.filter { !$0.isEmpty }
            let results = try await withThrowingTaskGroup(of: (Int, [MatchProposal], Int).self) { tasks in
                for (k, range) in group.enumerated() {
                    tasks.addTask { let (found, scored) = index.proposals(for: range, threshold: threshold); return (k, found, scored) }
                }
                var results: [(Int, [MatchProposal], Int)] = []
                for try await result in tasks { results.append(result) }
                return results.sorted { $0.0 < $1.0 }
            }
            let proposals = results.flatMap(\.1)
            let last = records[group.last!.upperBound - 1].personID
            let now = clock.now()
            try await repositories.transaction { tx in
                try await tx.dedupe.propose(proposals, at: now)
                try await tx.dedupe.setCursor(last, at: now)
            }
            next = group.last!.upperBound
            summary.recordsCompared += group.map(\.count).reduce(0, +)
            summary.pairsScored += results.map(\.2).reduce(0, +)
            summary.proposals += proposals.count
            progress?(summary.recordsCompared)
        }
        let finished = clock.now()
        try await repositories.transaction { tx in try await tx.dedupe.setCursor("", at: finished) }
        return summary
    }

    /// Walks every pair the clean-up would score (each once), for fitting the weights against a generated force's
    /// truth (`safeguard bench match --fit-weights`); proposes nothing.
    public func forEachBlockedPair(_ body: (MatchRecord, MatchRecord) -> Void) async throws {
        let index = DedupeBlocks(try await allMatchRecords())
        var others = Set<Int32>()
        for i in index.records.indices {
            others.removeAll(keepingCapacity: true)
            for k in index.keysOf[i] { for j in index.members[k] where Int(j) > i { others.insert(j) } }
            for j in others { body(index.records[i], index.records[Int(j)]) }
        }
    }

    /// Every record's comparable form, in id order, read a page at a time.
    private func allMatchRecords() async throws -> [MatchRecord] {
        var records: [MatchRecord] = []
        var after = ""
        while true {
            let from = after
            let page = try await repositories.transaction { tx -> [MatchRecord] in
                let ids = try await tx.dedupe.personIDs(after: from, limit: 20_000)
                return ids.isEmpty ? [] : try await tx.dedupe.matchRecords(ids: ids)
            }
            guard !page.isEmpty else { break }
            records += page.sorted { $0.personID < $1.personID }
            after = records.last!.personID
        }
        return records
    }
}

/// The clean-up's blocks, in memory: for each blocking key but the surname-and-initial one (too wide without a
/// postcode or date to narrow it), the records filed under it; keys shared by more than `perKey` are dropped.
/// The postcode keys are small (a household or a street) and find the duplicates whose names were both mistyped
/// (at 100,000 records they lifted recall from 0.889 to 0.900 at the same precision).
struct DedupeBlocks: Sendable {
    let records: [MatchRecord]
    let keysOf: [[Int]]
    let members: [[Int32]]
    let scorer = MatchScorer()
    let frequency: NameFrequency

    init(_ records: [MatchRecord], perKey: Int = 100) {
        self.records = records
        let blocking = BlockingKeys()
        var keyIndex: [String: Int] = [:]
        var members: [[Int32]] = []
        var keysOf: [[Int]] = []
        keysOf.reserveCapacity(records.count)
        for (i, record) in records.enumerated() {
            var mine: [Int] = []
            for key in blocking.keys(for: record) where !key.hasPrefix("t:") {
                let k: Int
                if let known = keyIndex[key] { k = known } else {
                    k = members.count
                    keyIndex[key] = k
                    members.append([])
                }
                members[k].append(Int32(i))
                mine.append(k)
            }
            keysOf.append(mine)
        }
        // A key shared by more than `perKey` records is too common to say anything (a common name and a birth
        // year): its pairs would be most of the work and almost none of the links, and the other keys of a true
        // pair still bring it together.
        for k in members.indices where members[k].count > perKey { members[k] = [] }
        self.keysOf = keysOf
        self.members = members
        frequency = NameFrequency(records)
    }

    /// Scores each record in `range` against the later records it shares a key with (each pair once). Most pairs
    /// fall short, so each is first scored without words; the name-frequency adjustment is worked out only for pairs
    /// it could still carry over the line (`NameFrequency.range`), and the reasons only for pairs proposed.
    func proposals(for range: Range<Int>, threshold: Double) -> (proposals: [MatchProposal], scored: Int) {
        var found: [MatchProposal] = []
        var scored = 0
        var others = Set<Int32>()
        let line = log2(threshold / (1 - threshold))
        return records.withUnsafeBufferPointer { records in
            for i in range {
                others.removeAll(keepingCapacity: true)
                for k in keysOf[i] { for j in members[k] where Int(j) > i { others.insert(j) } }
                for j in others {
                    scored += 1
                    let base = scorer.logOdds(records[i], against: records[Int(j)])
                    guard base + NameFrequency.range.upperBound >= line else { continue }
                    // Common names count for less (`NameFrequency`).
                    let logOdds = base + frequency.adjustment(records[i], records[Int(j)])
                    guard logOdds >= line else { continue }
                    let score = scorer.score(records[i], against: records[Int(j)])
                    found.append(MatchProposal(records[i].personID, records[Int(j)].personID, probability: 1 / (1 + pow(2, -logOdds)), reasons: score.reasons))
                }
            }
            return (found, scored)
        }
    }
}
