import Foundation
import SafeguardDomain
import SafeguardMatching
import Testing
import SafeguardSynthetic

/// Matching measured against the generator's ground truth, in memory: every record with a duplicate should find it
/// first, and what is proposed should be the same person.
@Suite("Matching accuracy on a generated force")
struct MatchingAccuracyTests {
    struct Outcome {
        var proposals = 0, correctProposals = 0, withDuplicates = 0, duplicatesFoundFirst = 0
        var precision: Double { proposals == 0 ? 1 : Double(correctProposals) / Double(proposals) }
        var recall: Double { withDuplicates == 0 ? 1 : Double(duplicatesFoundFirst) / Double(withDuplicates) }
    }

    static func measure(people: Int, seed: UInt64) -> Outcome {
        let batches = SyntheticForceGenerator(
            spec: SyntheticForceSpec(people: people, years: 5, seed: seed, endDate: Date(timeIntervalSince1970: 1_790_000_000))
        ).generateAll()
        let records = batches.flatMap(\.people).map(MatchRecord.init(person:))
        var identity: [String: String] = [:]
        for batch in batches { for (record, person) in batch.truth { identity[record] = person } }
        var recordsOf: [String: Int] = [:]
        for id in identity.values { recordsOf[id, default: 0] += 1 }

        let keys = BlockingKeys()
        var index: [String: [Int]] = [:]
        for (i, record) in records.enumerated() { for key in keys.keys(for: record) { index[key, default: []].append(i) } }
        let scorer = MatchScorer()
        var outcome = Outcome()
        for (i, record) in records.enumerated() {
            var candidates = Set<Int>()
            for key in keys.queryKeys(for: record) { candidates.formUnion(index[key, default: []].prefix(BlockingKeys.perKey(key))) }
            candidates.remove(i)
            let best = candidates.map { scorer.score(record, against: records[$0]) }.max { $0.logOdds < $1.logOdds }
            let me = identity[record.personID]
            let hasDuplicate = (recordsOf[me ?? ""] ?? 0) > 1
            if hasDuplicate { outcome.withDuplicates += 1 }
            guard let best, best.probability >= ForcePolicy().matchProposeThreshold else {
                if hasDuplicate, ProcessInfo.processInfo.environment["SAFEGUARD_DEBUG_MATCHING"] != nil {
                    let twin = records.first { $0.personID != record.personID && identity[$0.personID] == me }!
                    let s = scorer.score(record, against: twin)
                    print(
                        "MISS", record.firstNames, record.surnames, record.dateOfBirth ?? "-", record.phones, record.postcodes, "|", twin.firstNames,
                        twin.surnames, twin.dateOfBirth ?? "-", twin.phones, twin.postcodes, "|", s.reasons, s.probability,
                        candidates.contains { records[$0].personID == twin.personID })
                }
                continue
            }
            outcome.proposals += 1
            if identity[best.personID] == me {
                outcome.correctProposals += 1
                if hasDuplicate { outcome.duplicatesFoundFirst += 1 }
            } else if ProcessInfo.processInfo.environment["SAFEGUARD_DEBUG_MATCHING"] != nil {
                let other = records.first { $0.personID == best.personID }!
                print(
                    "FALSE", record.firstNames, record.surnames, record.dateOfBirth ?? "-", record.phones, record.postcodes, "|", other.firstNames,
                    other.surnames, other.dateOfBirth ?? "-", other.phones, other.postcodes, "|", best.reasons, best.probability)
            }
        }
        return outcome
    }

    @Test("Proposed matches are the same person (precision ≥ 0.97) and most duplicates are found first (recall ≥ 0.85)")
    func precisionAndRecallFloors() {
        // act
        let outcome = Self.measure(people: 6_000, seed: 11)
        // check
        if ProcessInfo.processInfo.environment["SAFEGUARD_DEBUG_MATCHING"] != nil {
            print(
                "precision \(outcome.precision) (\(outcome.proposals) proposals), recall \(outcome.recall) (\(outcome.withDuplicates) records with duplicates)")
        }
        #expect(outcome.withDuplicates > 50)
        #expect(outcome.precision >= 0.97, "precision \(outcome.precision) from \(outcome.proposals) proposals")
        #expect(outcome.recall >= 0.85, "recall \(outcome.recall) of \(outcome.withDuplicates) records with duplicates")
    }
}
