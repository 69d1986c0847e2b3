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
            let group = (0..<width).map { k in min(records.count, next + k * batchSize)..<min(records.count, next + (k + 1) * batchSize) }.filter {
                !$0.isEmpty
            }
            let results = try await withThrowingTaskGroup(of: (Int, [MatchProposal], Int).self) { tasks in
                for (k, range) in group.enumerated() {
                    tasks.addTask {
                        let (found, scored) = index.proposals(for: range, threshold: threshold); return (k, found, scored)
                    }
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

    /// Walks every pair the clean-up would score (each once), with the name-frequency adjustment the clean-up would add,
    /// for fitting the weights against a generated force's truth (`safeguard bench match --fit-weights`); proposes nothing.
    public func forEachBlockedPair(_ body: (MatchRecord, MatchRecord, Double) -> Void) async throws {
        let index = DedupeBlocks(try await allMatchRecords())
        var others = Set<Int32>()
        for i in index.records.indices {
            index.laterNeighbours(of: i, into: &others)
            for j in others { body(index.records[i], index.records[Int(j)], index.frequency.adjustment(index.records[i], index.records[Int(j)])) }
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
///
/// Held flat, as offsets into one array each way (key → records, record → keys), with each key known only by a
/// 64-bit hash of its text: at a million records an array per key and a dictionary of key strings took about a
/// gigabyte on their own. Two keys sharing a hash (odds about one in a million at ten million keys) would only
/// bring a few more pairs to be scored.
struct DedupeBlocks: Sendable {
    let records: [MatchRecord]
    /// Records of key k: `members[memberStart[k]..<memberStart[k + 1]]` (empty for a key shared too widely).
    private let memberStart: [Int32]
    private let members: [Int32]
    /// Keys of record i: `keys[keyStart[i]..<keyStart[i + 1]]`.
    private let keyStart: [Int32]
    private let keys: [Int32]
    let scorer = MatchScorer()
    let frequency: NameFrequency

    init(_ records: [MatchRecord], perKey: Int = 100) {
        self.records = records
        let blocking = BlockingKeys()
        var keyIndex: [Int: Int32] = [:]
        var keyStart: [Int32] = [0]
        var keys: [Int32] = []
        keyStart.reserveCapacity(records.count + 1)
        keys.reserveCapacity(records.count * 10)
        for record in records {
            for key in blocking.keys(for: record) where !key.hasPrefix("t:") {
                let hash = key.hashValue
                let k: Int32
                if let known = keyIndex[hash] {
                    k = known
                } else {
                    k = Int32(keyIndex.count)
                    keyIndex[hash] = k
                }
                keys.append(k)
            }
            keyStart.append(Int32(keys.count))
        }
        let keyCount = keyIndex.count
        keyIndex = [:]
        // Count the records under each key, then place them: records go in in order, so each key's list is sorted.
        var count = [Int32](repeating: 0, count: keyCount)
        for k in keys { count[Int(k)] += 1 }
        // A key shared by more than `perKey` records is too common to say anything (a common name and a birth
        // year): its pairs would be most of the work and almost none of the links, and the other keys of a true
        // pair still bring it together.
        for k in count.indices where count[k] > perKey { count[k] = 0 }
        var memberStart = [Int32](repeating: 0, count: keyCount + 1)
        for k in 0..<keyCount { memberStart[k + 1] = memberStart[k] + count[k] }
        var members = [Int32](repeating: 0, count: Int(memberStart[keyCount]))
        var filled = memberStart
        for i in records.indices {
            for at in Int(keyStart[i])..<Int(keyStart[i + 1]) {
                let k = Int(keys[at])
                guard count[k] > 0 else { continue }
                members[Int(filled[k])] = Int32(i)
                filled[k] += 1
            }
        }
        self.keyStart = keyStart
        self.keys = keys
        self.memberStart = memberStart
        self.members = members
        frequency = NameFrequency(records)
    }

    /// The later records that share a key with record `i`, each once, into `others` (emptied first).
    func laterNeighbours(of i: Int, into others: inout Set<Int32>) {
        others.removeAll(keepingCapacity: true)
        for at in Int(keyStart[i])..<Int(keyStart[i + 1]) {
            let k = Int(keys[at])
            // Each key's records are in order, so the later ones are a suffix: walk it from the end.
            var m = Int(memberStart[k + 1]) - 1
            while m >= Int(memberStart[k]) && Int(members[m]) > i {
                others.insert(members[m])
                m -= 1
            }
        }
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
                laterNeighbours(of: i, into: &others)
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
