import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rules 31 and 32 on both databases: the figures month by month for the analysts' charts, and the figures leaders
/// see — fixed periods, small numbers suppressed, give-away cells withheld the same way whichever view is asked for.
@Suite("Leaders' figures and the monthly series", .serialized)
struct LeaderFiguresTests {
    static let line = SampleHistory.line

    /// 2025 in two areas. North (PR): 12 harassment crimes in March, 3 assaults with injury in April (2 arrests).
    /// South (LA): 20 stalking crimes in May. Each incident has its own victim, a woman.
    static var history: [String] {
        var lines: [String] = []
        func incident(_ n: Int, at: String, postcode: String, crime: String) {
            lines.append(line(["type": "person", "record_id": "V\(n)", "first_name": "Victim\(n)", "surname": "Sample", "sex": "F"]))
            lines.append(
                line(["type": "incident", "ref": "L\(n)", "at": at, "victim": "V\(n)", "suspect": "S\(n)", "crime": crime, "postcode": postcode]))
            lines.append(line(["type": "person", "record_id": "S\(n)", "first_name": "Suspect\(n)", "surname": "Sample", "sex": "M"]))
        }
        for n in 1...12 { incident(n, at: "2025-03-\(String(format: "%02d", n + 1))T12:00:00Z", postcode: "PR1 1AA", crime: "harassment") }
        for n in 13...15 { incident(n, at: "2025-04-\(n)T12:00:00Z", postcode: "PR2 2BB", crime: "assault_with_injury") }
        for n in 16...35 { incident(n, at: "2025-05-\(String(format: "%02d", n - 14))T12:00:00Z", postcode: "LA1 1AA", crime: "stalking") }
        lines.append(line(["type": "arrest", "incident": "L13", "at": "2025-04-13T14:00:00Z"]))
        lines.append(line(["type": "arrest", "incident": "L14", "at": "2025-04-14T14:00:00Z"]))
        return lines
    }

    @Test(
        "Rule 32: leaders see a fixed period's figures with small numbers shown as 'fewer than 10' and the cells that would give them away withheld — the same whichever period or area is asked first; exact figures stay the analysts'",
        arguments: TestEngine.available)
    func rule32LeadersSeeSuppressedFigures(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            _ = try await store.service.createArea(code: "STH", name: "South", postcodes: ["LA"])
            _ = try await SampleHistory.run(store, Self.history)
            let leader = try await store.actor(.seniorLeader)

            let force = try await store.service.leaderFigures(leader, period: "2025", area: nil)
            #expect(force.period == "2025" && force.from == "2025-01-01" && force.to == "2026-01-01" && force.threshold == 9)
            #expect(force.daIncidents == .count(35) && force.daCrimes == .count(35) && force.victims == .count(35))
            #expect(force.crimesByType["assault_with_injury"] == .fewerThan(10) && force.crimesByType["coercive_control"] == .count(0))
            // Harassment would give the assaults away as 35 − 20 − 12; the second quarter's stalking (20) would give
            // them away from that quarter's 23 crimes, and the year's stalking is that quarter's — all withheld.
            #expect(force.crimesByType["harassment"] == .withheld && force.crimesByType["stalking"] == .withheld)
            #expect(force.arrests == .fewerThan(10) && force.arrestsPer100Crimes == nil && force.victimsBySex["female"] == .count(35))
            #expect(force.months.map(\.daIncidents.text) == ["0", "0", "withheld", "fewer than 10", "withheld", "0", "0", "0", "0", "0", "0", "0"])

            // The North's April (3) is small. Its March (12) would give April away from the year's 15; the South's
            // second quarter (20) would give it away from the force's 23 — and the South's year is its second
            // quarter, so the North's year (15) would give it away from the force's 35. Each is withheld.
            let north = try await store.service.leaderFigures(leader, period: "2025", area: "NTH")
            #expect(north.months.map(\.month).first == "2025-01" && north.months.count == 12)
            #expect(north.months[3].daIncidents == .fewerThan(10) && north.months[2].daIncidents == .withheld && north.months[0].daIncidents == .count(0))
            #expect(north.daIncidents == .withheld && north.crimesByType["assault_with_injury"] == .fewerThan(10))
            let south = try await store.service.leaderFigures(leader, period: "2025", area: "STH")
            #expect(south.daIncidents == .withheld && south.months[4].daIncidents == .withheld && south.victims == .count(20))

            // The subtraction attack: every month and quarter asked for on its own shows exactly what the year's view
            // showed of it — never a cell the other withheld.
            for (area, year) in [("NTH", north), ("STH", south)] {
                for (index, month) in year.months.enumerated() {
                    let alone = try await store.service.leaderFigures(leader, period: month.month, area: area)
                    #expect(alone.daIncidents == year.months[index].daIncidents && alone.daCrimes == year.months[index].daCrimes)
                }
            }
            let firstQuarter = try await store.service.leaderFigures(leader, period: "2025-Q1", area: "NTH")
            #expect(firstQuarter.daIncidents == .withheld && firstQuarter.months.map(\.daIncidents) == Array(north.months[0..<3].map(\.daIncidents)))
            let april = try await store.service.leaderFigures(leader, period: "2025-04", area: "NTH")
            #expect(april.repeatVictimIncidentShare == nil && april.arrestsPer100Crimes == nil)

            // Arbitrary dates are refused, naming the field; the exact figures are not the leader's.
            do {
                _ = try await store.service.leaderFigures(leader, period: "2025-03-01", area: nil)
                Issue.record("a leader's arbitrary date was answered")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["period"])
            }
            await #expect(throws: DomainError.self) { _ = try await store.service.figures(leader, from: "2025-01-01", to: "2026-01-01", area: nil) }
            await #expect(throws: DomainError.self) { _ = try await store.service.figureSeries(leader, from: "2025-01-01", to: "2026-01-01", area: nil) }
            let officer = try await store.actor(.responseOfficer)
            await #expect(throws: DomainError.self) { _ = try await store.service.leaderFigures(officer, period: "2025", area: nil) }

            // The analyst's exact figures beside them.
            let analyst = try await store.actor(.analyst)
            let exact = try await store.service.figures(analyst, from: "2025-01-01", to: "2026-01-01", area: "NTH")
            #expect(exact.crimesByType == ["harassment": 12, "assault_with_injury": 3] && exact.arrests == 2)
        }
    }

    @Test(
        "Rule 31: the figures month by month — each month counted by the same definitions as the period's, the caseload at each month's end",
        arguments: TestEngine.available)
    func rule31MonthlySeries(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
            _ = try await SampleHistory.run(store, Self.history)
            let analyst = try await store.actor(.analyst)
            let months = try await store.service.figureSeries(analyst, from: "2025-01-01", to: "2026-01-01", area: nil)
            #expect(months.map(\.month) == (1...12).map { String(format: "2025-%02d", $0) })
            #expect(months[2].daIncidents == 12 && months[3].daCrimes == 3 && months[4].daIncidents == 20 && months[0].daIncidents == 0)
            #expect(months[3].arrests == 2 && months[3].arrestsPer100Crimes == 66.7 && months[2].arrestsPer100Crimes == 0)
            let year = try await store.service.figures(analyst, from: "2025-01-01", to: "2026-01-01", area: nil)
            #expect(months.map(\.daIncidents).reduce(0, +) == year.daIncidents && months.map(\.arrests).reduce(0, +) == year.arrests)
            let lastOfMay = try await store.service.caseload(analyst, on: "2025-05-31")
            #expect(months[4].caseload == lastOfMay && lastOfMay.total == 35)
            // An area's months; a period cut mid-month cuts its first month.
            let north = try await store.service.figureSeries(analyst, from: "2025-03-05", to: "2025-05-01", area: "NTH")
            #expect(north.map(\.month) == ["2025-03", "2025-04"] && north[0].daIncidents == 9 && north[1].daIncidents == 3)
        }
    }
}
