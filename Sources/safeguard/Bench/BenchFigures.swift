import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardStore
import SQLKit

/// `safeguard bench figures`: the force's figures (rules 31 and 32) over a ten-year force, timed against a hand-written
/// SQL aggregate over the same tables in the same run (issue 23).
struct BenchFigures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Time the nine pieces of data for a year and for ten years, the monthly series, Annex D and leaders' figures on a ten-year force.",
        discussion: """
            Loads a force as `bench perpetrators` does (or measures again one it kept, --reuse), then times: the figures for \
            the last full year and for the whole history (p50/p99), beside a hand-written SQL aggregate over the same tables \
            (incidents, crimes, victims, arrests, outcomes and repeat-victim incidents counted in the database) and their \
            ratio; the figures month by month over ten years and the caseload alone at each month's end; the Annex D CSV for \
            a year; and leaders' suppressed figures for a year. The counts the two ways share are compared. The last line is JSON.
            """)

    @Option(help: "Legacy person rows to write.") var people = 200_000
    @Option(help: "Incidents of history over ten years.") var incidents = 1_000_000
    @Option(help: "Seed of the force.") var seed: UInt64 = 2014
    @Option(help: "Database to use: must be empty. Default: a new SQLite file in a temporary folder.") var databaseURL: String?
    @Option(help: "Measure again on a force an earlier run of this bench or `bench perpetrators` kept: its folder.") var reuse: String?
    @Option(help: "Times each figure is read.") var repeats = 5

    func run() async throws {
        do {
            let folder =
                reuse.map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("safeguard-figures-\(UUID().uuidString)")
            let url = try databaseURL.map(DatabaseURL.parse) ?? .sqlite(path: folder.appendingPathComponent("bench.sqlite").path)
            if reuse == nil { _ = try await BenchMigrate.loadForce(people: people, incidents: incidents, seed: seed, url: url, folder: folder) }
            print("The force is kept in \(folder.path) (measure it again with --reuse).")
            let runtime = try await Runtime.open(policyFile: nil, url: url)
            do {
                let service = runtime.service
                if reuse == nil { try await BenchPerpetrators.createAreas(service) }
                let suffix = String(UInt64.random(in: 0..<1_000_000))
                let analyst = Actor(
                    try await service.createUser(
                        username: "bench-an-\(suffix)", displayName: "Bench Analyst", role: .analyst, password: "bench-password-\(suffix)"))
                let incidentCount = Int(try await BenchServer.count(runtime, "SELECT COUNT(*) AS n FROM incidents"))
                let last = try await runtime.pool.withConnection { db in
                    try await db.raw("SELECT MIN(occurred_at) AS first, MAX(occurred_at) AS last FROM incidents").first().map {
                        (Double(try $0.decode(column: "first", as: Int64.self)), Double(try $0.decode(column: "last", as: Int64.self)))
                    }
                }
                guard let (first, lastAt) = last else { throw DomainError.conflict("The force has no incidents to count.") }
                // Years on the force's (London) calendar.
                func yearOf(_ epoch: Double) -> Int { Int(CalendarDate.string(Date(timeIntervalSince1970: epoch)).prefix(4)) ?? 2000 }
                let lastYear = yearOf(lastAt) - 1
                let firstYear = yearOf(first)
                let year = (from: "\(lastYear)-01-01", to: "\(lastYear + 1)-01-01")
                let decade = (from: "\(firstYear)-01-01", to: "\(lastYear + 2)-01-01")
                print("\(incidentCount) incidents from \(firstYear) to \(lastYear + 1); a year is \(lastYear), ten years \(decade.from) to \(decade.to)")

                func time(_ label: String, _ times: Int, _ body: () async throws -> Void) async throws -> (p50: Double, p99: Double) {
                    var samples: [Double] = []
                    for _ in 0..<times {
                        let started = ContinuousClock.now
                        try await body()
                        samples.append(BenchMatch.milliseconds(ContinuousClock.now - started))
                    }
                    samples.sort()
                    let result = (BenchMatch.percentile(samples, 0.5), BenchMatch.percentile(samples, 0.99))
                    print(String(format: "%@: p50 %.0f ms, p99 %.0f ms", label, result.0, result.1))
                    return result
                }
                var yearFigures: ForceFigures?
                let yearTimes = try await time("Figures for \(lastYear)", repeats) {
                    yearFigures = try await service.figures(analyst, from: year.from, to: year.to, area: nil)
                }
                var yearSQL: Aggregate?
                let yearSQLTimes = try await time("Hand-written SQL aggregate for \(lastYear)", repeats) {
                    yearSQL = try await Self.aggregate(runtime.pool, from: year.from, to: year.to, policy: service.policy)
                }
                var decadeFigures: ForceFigures?
                let decadeTimes = try await time("Figures for ten years", max(1, repeats / 2)) {
                    decadeFigures = try await service.figures(analyst, from: decade.from, to: decade.to, area: nil)
                }
                var decadeSQL: Aggregate?
                let decadeSQLTimes = try await time("Hand-written SQL aggregate for ten years", max(1, repeats / 2)) {
                    decadeSQL = try await Self.aggregate(runtime.pool, from: decade.from, to: decade.to, policy: service.policy)
                }
                var months = 0
                let seriesTimes = try await time("Figures month by month over ten years", max(1, repeats / 2)) {
                    months = try await service.figureSeries(analyst, from: decade.from, to: decade.to, area: nil).count
                }
                let caseloadTimes = try await time("The caseload alone at each of those \(months) months' ends", max(1, repeats / 2)) {
                    let span = (FigureRules.startOfDay(decade.from) ?? .distantPast, FigureRules.startOfDay(decade.to) ?? .distantPast)
                    for month in FigureRules.months(from: span.0, to: span.1) {
                        _ = try await service.caseload(analyst, on: CalendarDate.string(month.end.addingTimeInterval(-12 * 3600)))
                    }
                }
                let annexTimes = try await time("Annex D CSV for \(lastYear)", repeats) {
                    _ = try await service.annexDReturn(analyst, from: year.from, to: year.to)
                }
                let leaderTimes = try await time("Leaders' figures for \(lastYear), suppressed", repeats) {
                    _ = try await service.leaderFigures(analyst, period: String(lastYear), area: nil)
                }
                guard let yearFigures, let decadeFigures, let yearSQL, let decadeSQL else { throw DomainError.conflict("Nothing was counted.") }
                for (label, figures, sql) in [("year", yearFigures, yearSQL), ("ten years", decadeFigures, decadeSQL)] {
                    print(
                        "Counts (\(label)), domain vs SQL: incidents \(figures.daIncidents)/\(sql.incidents), crimes \(figures.daCrimes)/\(sql.crimes), victims \(figures.victims)/\(sql.victims), arrests \(figures.arrests)/\(sql.arrests), outcomes \(figures.outcomes.values.reduce(0, +))/\(sql.outcomes), repeat-victim incidents \(figures.repeatVictimIncidents)/\(sql.repeatIncidents) (SQL's window is 365 days, the domain's calendar months)"
                    )
                }
                let json: [String: Any] = [
                    "database": { if case .postgres = url { "postgres" } else { "sqlite" } }(), "incidents": incidentCount,
                    "year_p50_ms": BenchMatch.round(yearTimes.p50), "year_p99_ms": BenchMatch.round(yearTimes.p99),
                    "year_sql_p50_ms": BenchMatch.round(yearSQLTimes.p50), "year_ratio": BenchMatch.round(yearTimes.p50 / max(yearSQLTimes.p50, 0.001)),
                    "ten_years_p50_ms": BenchMatch.round(decadeTimes.p50), "ten_years_p99_ms": BenchMatch.round(decadeTimes.p99),
                    "ten_years_sql_p50_ms": BenchMatch.round(decadeSQLTimes.p50),
                    "ten_years_ratio": BenchMatch.round(decadeTimes.p50 / max(decadeSQLTimes.p50, 0.001)),
                    "monthly_series_ten_years_ms": BenchMatch.round(seriesTimes.p50), "caseload_series_ten_years_ms": BenchMatch.round(caseloadTimes.p50),
                    "annex_d_year_ms": BenchMatch.round(annexTimes.p50), "leaders_year_ms": BenchMatch.round(leaderTimes.p50),
                    "counts_agree": yearFigures.daIncidents == yearSQL.incidents && yearFigures.daCrimes == yearSQL.crimes
                        && yearFigures.victims == yearSQL.victims
                        && yearFigures.arrests == yearSQL.arrests
                ]
                print(String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
                try await runtime.close()
            } catch {
                try? await runtime.close()
                throw error
            }
        } catch {
            Terminal.fail(error)
        }
    }

    struct Aggregate {
        var incidents = 0, crimes = 0, victims = 0, arrests = 0, outcomes = 0, repeatIncidents = 0
    }

    /// The same counts written by hand in SQL, counted in the database: the yardstick the domain's figures are timed
    /// against. A repeat-victim incident here is one whose victim was a victim in the 365 days before it.
    static func aggregate(_ pool: DatabasePool, from: String, to: String, policy: ForcePolicy) async throws -> Aggregate {
        guard let start = FigureRules.startOfDay(from).map({ Int64($0.timeIntervalSince1970) }),
            let end = FigureRules.startOfDay(to).map({ Int64($0.timeIntervalSince1970) })
        else {
            throw DomainError.invalid([FieldError("from", "not a day")])
        }
        let window = Int64((policy.repeatVictimWindowMonths ?? 1200) * 365 / 12) * 86_400
        return try await pool.withConnection { db in
            func count(_ sql: SQLQueryString) async throws -> Int {
                Int(try await db.raw(sql).first()?.decode(column: "n", as: Int64.self) ?? 0)
            }
            let period: SQLQueryString = "i.occurred_at >= \(bind: start) AND i.occurred_at < \(bind: end)"
            return Aggregate(
                incidents: try await count("SELECT COUNT(*) AS n FROM incidents i WHERE \(period)"),
                crimes: try await count("SELECT COUNT(*) AS n FROM incidents i WHERE \(period) AND i.is_crime"),
                victims: try await count(
                    "SELECT COUNT(DISTINCT ip.person_id) AS n FROM incidents i JOIN incident_parties ip ON ip.incident_id = i.id WHERE \(period) AND ip.role = 'victim'"
                ),
                arrests: try await count(
                    "SELECT COUNT(*) AS n FROM incidents i JOIN custody_events c ON c.incident_id = i.id WHERE \(period) AND i.is_crime AND c.kind = 'arrest'"),
                outcomes: try await count(
                    "SELECT COUNT(*) AS n FROM incidents i JOIN crime_outcomes o ON o.incident_id = i.id WHERE \(period) AND i.is_crime"),
                repeatIncidents: try await count(
                    """
                    SELECT COUNT(DISTINCT i.id) AS n FROM incidents i JOIN incident_parties ip ON ip.incident_id = i.id AND ip.role = 'victim'
                    WHERE \(period) AND EXISTS (
                      SELECT 1 FROM incident_parties ep JOIN incidents e ON e.id = ep.incident_id
                      WHERE ep.person_id = ip.person_id AND ep.role = 'victim' AND e.id <> i.id
                        AND e.occurred_at < i.occurred_at AND e.occurred_at >= i.occurred_at - \(bind: window))
                    """))
        }
    }
}
