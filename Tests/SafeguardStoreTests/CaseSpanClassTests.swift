import Foundation
import SafeguardDomain
@testable import SafeguardStore
import SafeguardSynthetic
import SafeguardTestSupport
import Testing

/// The caseload reads spells filed by length; it must count exactly what the plain definition counts.
@Suite("Caseload: spells filed by length", .serialized)
struct CaseSpanClassTests {
    @Test(
        "Rule 31: the caseload on a date counts exactly the spells open then — from an hour to forty years long, ended or running — as the plain definition does",
        arguments: TestEngine.available)
    func rule31SpellsFiledByLengthCountExactly(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: one real case to hang spells on, then spells of every length, ending on the case's own updates
            let handler = try await store.actor(.callHandler)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            _ = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id))
            let caseID = try #require(try await store.repositories.read { tx in try await tx.cases.openCase(forVictims: [victim.id]) }?.id)
            var random = SeededGenerator(seed: 31)
            let base: Int64 = 1_300_000_000
            var moments: [Int64] = []
            let day: Int64 = 86_400
            let lengths: [Int64] = [0, 1, 3_599, 3_600, 3_601, day, 40 * day, 3 * 365 * day, 40 * 365 * day]
            for n in 0..<400 {
                let from = base + Int64.random(in: 0...400_000_000, using: &random)
                let length = lengths[n % lengths.count] + Int64.random(in: 0...100, using: &random)
                let level = ["standard", "medium", "high"][n % 3]
                try await store.execute("INSERT INTO case_spans (case_id, level, from_at, to_at) VALUES ('\(caseID)', '\(level)', \(from), NULL)")
                if n % 5 != 0 {
                    // Ended the way the store ends a spell: its end and its class set together.
                    try await store.execute(
                        "UPDATE case_spans SET to_at = \(from + length), span_class = \(CaseSpanClass.sqlText(end: String(from + length))) WHERE from_at = \(from) AND to_at IS NULL"
                    )
                }
                moments += [from, from + 1, from + length, from + length + 1]
            }
            // act and check: at every boundary, the filed count equals the plain one
            for t in moments.shuffled(using: &random).prefix(120) {
                let filed = try await store.repositories.read { tx in try await tx.cases.openCounts(at: Date(timeIntervalSince1970: TimeInterval(t))) }
                var plain: [RiskLevel?: Int] = [:]
                for level in RiskLevel.allCases.map(Optional.some) + [nil] {
                    let which = level.map { "level = '\($0.rawValue)'" } ?? "level IS NULL"
                    let n = try await store.count(
                        "SELECT COUNT(*) AS n FROM case_spans WHERE \(which) AND from_at < \(t) AND (to_at IS NULL OR to_at >= \(t))")
                    if n > 0 { plain[level] = n }
                }
                #expect(filed.filter { $0.value > 0 } == plain, "at \(t)")
            }
        }
    }
}
