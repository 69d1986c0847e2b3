import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rule 31's figures on both databases, against a fixture counted by hand: the nine pieces of data for a year, the
/// repeat definition shared with the call screen, and a correction and an import changing them at once.
@Suite("The force's figures", .serialized)
struct FiguresTests {
    static let line = SampleHistory.line

    /// The year 2025 holds H2–H5; H1 (2024) and H7 (2023) are history before it, H6 the first minute of 2026 in London.
    /// Ruth's two records (Okafor; Adeyemi, her maiden name) are not yet known to be one woman.
    static let history: [String] = [
        line(["type": "person", "record_id": "V1", "first_name": "Ruth", "surname": "Okafor", "sex": "F"]),
        line(["type": "person", "record_id": "V1B", "first_name": "Ruth", "surname": "Adeyemi", "sex": "F", "ethnicity": "B2"]),
        line(["type": "person", "record_id": "V2", "first_name": "Ewa", "surname": "Nowak", "sex": "female", "ethnicity": "W9"]),
        line(["type": "person", "record_id": "V3", "first_name": "Sam", "surname": "Reid", "sex": "M"]),
        line(["type": "person", "record_id": "S1", "first_name": "Dean", "surname": "Okafor", "sex": "M"]),
        line(["type": "person", "record_id": "S2", "first_name": "Marek", "surname": "Nowak", "sex": "M"]),
        line(["type": "incident", "ref": "H1", "at": "2024-11-10T21:00:00Z", "victim": "V1", "suspect": "S1", "crime": "assault_with_injury"]),
        line(["type": "incident", "ref": "H2", "at": "2025-01-15T21:00:00Z", "victim": "V1B", "suspect": "S1", "crime": "assault_with_injury"]),
        line(["type": "arrest", "incident": "H2", "at": "2025-01-15T23:00:00Z"]),
        line(["type": "outcome", "incident": "H2", "outcome": "charge", "at": "2025-01-17T10:00:00Z"]),
        line(["type": "incident", "ref": "H7", "at": "2023-01-01T12:00:00Z", "victim": "V2", "suspect": "S2"]),
        line(["type": "incident", "ref": "H3", "at": "2025-03-01T12:00:00Z", "victim": "V2", "suspect": "S2"]),
        line(["type": "incident", "ref": "H4", "at": "2025-06-01T12:00:00Z", "victim": "V2", "suspect": "S2", "crime": "harassment"]),
        // Arrested in the new year for a crime of 2025: it counts with 2025's crimes.
        line(["type": "arrest", "incident": "H4", "at": "2026-01-02T09:00:00Z"]),
        line(["type": "outcome", "incident": "H4", "outcome": "caution", "at": "2026-01-03T10:00:00Z"]),
        line(["type": "incident", "ref": "H5", "at": "2025-12-31T23:30:00Z", "victim": "V3", "suspect": "S2", "crime": "stalking"]),
        line(["type": "incident", "ref": "H6", "at": "2026-01-01T00:30:00Z", "victim": "V3", "suspect": "S2", "crime": "stalking"])
    ]

    @Test(
        "Rule 31: a year's nine pieces of data counted from the records — incidents and crimes by type, victims by sex and ethnicity, repeat victims under the force's definition across confirmed records, arrests for the year's crimes whenever made, outcomes — and a correction or an import changes them at once",
        arguments: TestEngine.available)
    func rule31FiguresFromTheRecords(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await SampleHistory.run(store, Self.history)
            let analyst = try await store.actor(.analyst)
            let first = try await store.service.figures(analyst, from: "2025-01-01", to: "2026-01-01", area: nil)
            #expect(first.daIncidents == 4 && first.daCrimes == 3)
            #expect(first.crimesByType == ["assault_with_injury": 1, "harassment": 1, "stalking": 1])
            // Ruth's two records are two people until someone confirms them: H2 is not yet a repeat.
            #expect(first.victims == 3 && first.repeatVictimIncidents == 1 && first.repeatVictims == 1)

            let specialist = try await store.actor(.daSpecialist)
            let okafor = try #require(try await store.service.findPeople(specialist, query: PersonSearchQuery(name: "Ruth Okafor")).results.first)
            let adeyemi = try #require(try await store.service.findPeople(specialist, query: PersonSearchQuery(name: "Ruth Adeyemi")).results.first)
            try await store.service.decideLink(
                specialist, personID: okafor.id, otherPersonID: adeyemi.id, decision: .confirm, reason: "Her maiden name: same date of birth and address")

            let year = try await store.service.figures(analyst, from: "2025-01-01", to: "2026-01-01", area: nil)
            #expect(year.from == "2025-01-01" && year.to == "2026-01-01" && year.area == nil)
            #expect(year.daIncidents == 4 && year.daCrimes == 3)
            #expect(year.victims == 3 && year.victimsBySex == ["female": 2, "male": 1, "other": 0, "unknown": 0])
            #expect(year.victimsByEthnicity == ["B2": 1, "W9": 1, "not_stated": 1])
            // H2 (Ruth, 9 weeks after H1 on her other record) and H4 (Ewa, 3 months after H3); H3 is 26 months after H7.
            #expect(year.repeatVictimIncidents == 2 && year.repeatVictimIncidentShare == 0.5 && year.repeatVictims == 2)
            #expect(year.arrests == 2 && year.arrestsPer100Crimes == 66.7)
            #expect(year.outcomes["charge"] == 1 && year.outcomes["caution"] == 1 && year.outcomes.values.reduce(0, +) == 2 && year.positiveOutcomes == 2)
            let load = try await store.service.caseload(analyst, on: "2025-12-31")
            #expect(year.caseload == load)

            // The call screen's definition, the same function: Ewa's status at H4 is a repeat, at H3 not.
            let rules = ForcePolicy()
            let ewa = [FigureRules.startOfDay("2023-01-01")!, FigureRules.startOfDay("2025-03-01")!]
            #expect(VictimStatus.compute(earlierIncidents: ewa, at: FigureRules.startOfDay("2025-06-01")!, person: nil, policy: rules).isRepeat)
            #expect(!VictimStatus.compute(earlierIncidents: ewa, at: FigureRules.startOfDay("2025-03-01")!, person: nil, policy: rules).isRepeat)

            // HMIC's groups: stalking with harassment, coercive control in all crime only.
            #expect(AnnexDReturn.group(.stalking) == "harassment" && AnnexDReturn.group(.coerciveControl) == nil)
            let annex = try await store.service.annexDReturn(analyst, from: "2025-01-01", to: "2026-01-01")
            #expect(
                annex.contains("period_from,2025-01-01\n") && annex.contains("da_crimes_all,fewer than 10\n") && annex.contains("active_cases_on,2025-12-31\n"))

            // An outcome imported later counts at once.
            _ = try await SampleHistory.run(store, [Self.line(["type": "outcome", "incident": "H5", "outcome": "charge", "at": "2026-02-01T10:00:00Z"])])
            let later = try await store.service.figures(analyst, from: "2025-01-01", to: "2026-01-01", area: nil)
            #expect(later.outcomes["charge"] == 2 && later.positiveOutcomes == 3)

            // Bad periods name the field; leaders' fixed periods and suppression come with the oversight work.
            do {
                _ = try await store.service.figures(analyst, from: "2026-01-01", to: "2025-01-01", area: nil)
                Issue.record("a period ending before it starts was answered")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["to"])
            }
            await #expect(throws: DomainError.self) { _ = try await store.service.figures(analyst, from: "2025-01-01", to: "2026-01-01", area: "NOPE") }
            let officer = try await store.actor(.responseOfficer)
            await #expect(throws: DomainError.self) { _ = try await store.service.figures(officer, from: "2025-01-01", to: "2026-01-01", area: nil) }
        }
    }

    @Test(
        "Rule 31: DA crimes' outcomes compared with other victim-based and violent crime — the force's typed-in monthly totals, summed over the period's months, labelled as reference data, the missing months named",
        arguments: TestEngine.available)
    func rule31OutcomesComparedWithOtherCrime(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await SampleHistory.run(store, Self.history)
            let analyst = try await store.actor(.analyst)
            _ = try await store.service.saveReferenceFigures(
                analyst, month: "2025-01", category: "victim_based", crimes: 900, outcomes: ["charge": 90, "caution": 10])
            // Entered again, the month is replaced, not added to.
            _ = try await store.service.saveReferenceFigures(
                analyst, month: "2025-01", category: "victim_based", crimes: 1000, outcomes: ["charge": 100, "caution": 50])
            _ = try await store.service.saveReferenceFigures(analyst, month: "2025-01", category: "violent", crimes: 400, outcomes: ["charge": 80])
            let year = try await store.service.figures(analyst, from: "2025-01-01", to: "2026-01-01", area: nil)
            let c = year.comparison
            #expect(c.domesticAbuse.crimes == 3 && c.domesticAbuse.chargeRate == 0.3333 && c.domesticAbuse.positiveRate == 0.6667)
            #expect(c.victimBased?.crimes == 1000 && c.victimBased?.chargeRate == 0.1 && c.victimBased?.positiveRate == 0.15)
            #expect(c.violent?.crimes == 400 && c.violent?.chargeRate == 0.2)
            #expect(c.monthsSupplied == ["2025-01"] && c.monthsMissing.count == 11 && c.source.contains("typed in"))
            let listed = try await store.service.referenceFigures(analyst, year: 2025)
            #expect(listed.count == 2 && listed.first { $0.category == .victimBased }?.crimes == 1000)
            // A month with none entered has no comparison.
            let later = try await store.service.figures(analyst, from: "2026-01-01", to: "2026-02-01", area: nil)
            #expect(later.comparison.victimBased == nil && later.comparison.monthsMissing == ["2026-01"])

            do {
                _ = try await store.service.saveReferenceFigures(analyst, month: "2025-13", category: "all", crimes: -1, outcomes: ["arrest": 1])
                Issue.record("bad reference totals were accepted")
            } catch DomainError.invalid(let errors) {
                #expect(Set(errors.map(\.field)) == ["month", "category", "crimes", "outcomes"])
            }
            let specialist = try await store.actor(.daSpecialist)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.saveReferenceFigures(specialist, month: "2025-02", category: "violent", crimes: 1, outcomes: [:])
            }
        }
    }
}
