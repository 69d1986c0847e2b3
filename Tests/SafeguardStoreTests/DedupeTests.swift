import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing
import SafeguardSynthetic

@Suite("Batch clean-up (dedupe)", .serialized)
struct DedupeTests {
    static func loadForce(_ store: TestStore, people: Int) async throws {
        let generator = SyntheticForceGenerator(spec: SyntheticForceSpec(people: people, years: 5, seed: 31, endDate: testNow))
        let loader = SyntheticForceLoader(pool: store.pool)
        for batch in generator.generateAll(batchHouseholds: 300) { try await loader.load(batch) }
    }

    @Test("dedupe proposes links between records of one person, never merges them, and proposes each pair once", arguments: TestEngine.available)
    func proposesWithoutMerging(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            try await Self.loadForce(store, people: 3_000)
            let people = try await store.count("SELECT COUNT(*) AS n FROM people")
            // act
            let first = try await store.service.dedupe(batchSize: 500)
            let again = try await store.service.dedupe(batchSize: 500)
            // check
            #expect(first.recordsCompared == people)
            #expect(first.proposals > 10)
            #expect(again.resumed == false)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM match_proposals") == first.proposals)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == people)
            let right = try await store.count(
                """
                SELECT COUNT(*) AS n FROM match_proposals m JOIN synthetic_truth a ON a.record_id = m.person_id
                JOIN synthetic_truth b ON b.record_id = m.other_person_id WHERE a.identity_id = b.identity_id
                """)
            #expect(Double(right) / Double(first.proposals) >= 0.95, "\(right) of \(first.proposals) proposals are the same person")
            #expect(try await store.count("SELECT COUNT(*) AS n FROM match_proposals WHERE status <> 'proposed' OR person_id >= other_person_id") == 0)
        }
    }

    @Test("A stopped run resumes where it stopped", arguments: TestEngine.available)
    func resumes(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: a run that got half-way
            try await Self.loadForce(store, people: 1_000)
            let ids = try await store.repositories.transaction { tx in try await tx.dedupe.personIDs(after: "", limit: 100_000) }
            let halfway = ids[ids.count / 2]
            try await store.repositories.transaction { tx in try await tx.dedupe.setCursor(halfway, at: testNow) }
            // act
            let rest = try await store.service.dedupe(batchSize: 200)
            // check
            #expect(rest.resumed)
            #expect(rest.recordsCompared == ids.count - ids.count / 2 - 1)
        }
    }
}
