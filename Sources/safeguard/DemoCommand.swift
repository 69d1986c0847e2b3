import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardSynthetic

/// `safeguard demo`: generate a deterministic synthetic force into the database.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate a synthetic force (people, households, incidents, record noise) and demo accounts.")

    @Option(help: "Distinct individuals to generate.") var people = 10_000
    @Option(help: "Years of incident history.") var years = 5
    @Option(help: "Seed: the same seed gives the same force.") var seed: UInt64 = 2014
    @Option(help: "Last day of the history, YYYY-MM-DD (default today): the same seed and end date give the same force.") var endDate: String?
    @Flag(help: "Print no progress.") var quiet = false
    @Option(help: "Write the force's person records as a legacy CSV for `safeguard import people` instead of loading a database.") var csv: String?

    func run() async throws {
        do {
            guard people > 0, (1...30).contains(years) else {
                throw DomainError.invalid(
                    [FieldError("people", "must be positive"), FieldError("years", "must be 1 to 30")].filter {
                        $0.field == "people" ? people <= 0 : !(1...30).contains(years)
                    })
            }
            if let csv {
                let generator = SyntheticForceGenerator(
                    spec: SyntheticForceSpec(people: people, years: years, seed: seed, endDate: try DemoForce.endDate(endDate)))
                let rows = try await LegacyCSV.write(generator, to: csv) { progress in
                    if !quiet { Progress.bar(progress.individualsSoFar, of: people, label: "individuals") }
                }
                if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
                print("Wrote \(rows) person records to \(csv).")
                return
            }
            let runtime = try await Runtime.open(policyFile: nil)
            guard try await SyntheticForceLoader(pool: runtime.pool).isEmpty() else {
                throw DomainError.conflict("The database already holds people. Generate into an empty database (a new SAFEGUARD_DATABASE_URL).")
            }
            try await DemoForce.fill(
                runtime: runtime, people: people, years: years, seed: seed, endDate: try DemoForce.endDate(endDate), quiet: quiet, recentWeeks: true)
            DemoForce.printAccounts()
            try await runtime.close()
        } catch {
            Terminal.fail(error)
        }
    }
}

/// Generating the demo force and its accounts, shared by `demo` and `serve --demo`.
enum DemoForce {
    /// One account per role: username and the documented demo password `<username>-demo-2026`.
    static let accounts: [(username: String, name: String, role: Role)] = [
        ("handler", "Demo Call Handler", .callHandler), ("crsupervisor", "Demo Control Room Supervisor", .controlRoomSupervisor),
        ("officer", "Demo Response Officer", .responseOfficer), ("sergeant", "Demo Sergeant", .sergeant),
        ("specialist", "Demo DA Specialist", .daSpecialist), ("investigator", "Demo Investigator", .investigator),
        ("marac", "Demo MARAC Coordinator", .maracCoordinator), ("partner", "Demo IDVA", .partnerAgency),
        ("neighbourhood", "Demo Neighbourhood Officer", .neighbourhoodOfficer), ("analyst", "Demo Analyst", .analyst),
        ("leader", "Demo Senior Leader", .seniorLeader), ("auditor", "Demo Auditor", .auditor), ("admin", "Demo Administrator", .administrator),
        // Disposal is proposed by one auditor and approved by another (rule 34).
        ("auditor2", "Demo Second Auditor", .auditor)
    ]

    static func password(for username: String) -> String { "\(username)-demo-2026" }

    /// Who reports to whom in the demo force: late or orphaned work escalates to the sergeant (rule 20).
    static let supervisors: [(username: String, supervisor: String)] = [
        ("officer", "sergeant"), ("specialist", "sergeant"), ("investigator", "sergeant"), ("handler", "crsupervisor")
    ]

    static func assignSupervisors(_ runtime: Runtime) async throws {
        let users = Dictionary(uniqueKeysWithValues: try await runtime.service.accounts().map { ($0.username, $0) })
        for (username, supervisor) in supervisors {
            guard let user = users[username], let boss = users[supervisor], user.supervisorID == nil else { continue }
            try await runtime.service.setSupervisor(userID: user.id, supervisorID: boss.id, by: nil)
        }
    }

    /// The history's last day: the given date, or the start of today (UTC), so a force made twice in a day is the same.
    static func endDate(_ text: String?) throws -> Date {
        guard let text else { return CalendarDate.date(CalendarDate.string(Date()))! }
        guard let canonical = CalendarDate.normalise(text), let date = CalendarDate.date(canonical) else {
            throw DomainError.invalid([FieldError("end-date", "must be a real date like 2026-11-22.")])
        }
        return date
    }

    /// `observe` sees each batch after it is written (the benchmark keeps its ground truth and samples from it).
    static func fill(
        runtime: Runtime, people: Int, years: Int, seed: UInt64, endDate: Date, quiet: Bool, recentWeeks: Bool = false,
        observe: ((SyntheticBatch) -> Void)? = nil
    ) async throws {
        let started = ContinuousClock.now
        let loader = SyntheticForceLoader(pool: runtime.pool)
        let generator = SyntheticForceGenerator(spec: SyntheticForceSpec(people: people, years: years, seed: seed, endDate: endDate))
        var records = 0, incidents = 0
        try await loader.load(generator) { batch, progress in
            records += batch.people.count
            incidents += batch.incidents.count
            observe?(batch)
            if !quiet { Progress.bar(progress.individualsSoFar, of: people, label: "individuals, \(records) records, \(incidents) incidents") }
        }
        if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        for (index, (code, name)) in areas.enumerated() where try await !hasArea(runtime, code) {
            _ = try await runtime.service.createArea(code: code, name: name, postcodes: demoPostcodes(area: index))
        }
        for (index, account) in accounts.enumerated() where try await !hasUser(runtime, account.username) {
            _ = try await runtime.service.createUser(
                username: account.username, displayName: account.name, role: account.role,
                password: password(for: account.username), areaCode: areas[index % areas.count].code,
                agency: account.role == .partnerAgency ? Agency.idva.rawValue : nil)
        }
        try await assignSupervisors(runtime)
        if recentWeeks {
            // A slice of the force's old records comes in as a migration would: through the history import, leaving
            // years of cases to count and the open ones on the sergeant's reallocation queue.
            // At least twelve years of it, so some records are past their review period and the retention queue is worked.
            let history = try await importHistory(runtime: runtime, incidents: max(50, people / 20), years: max(years, 12), seed: seed, endDate: endDate)
            print(
                "Imported \(history.incidents) incidents of earlier history through the history import: \(history.cases) cases, the open ones waiting for an owner."
            )
            let calls = try await DemoRecentWeeks.play(runtime: runtime, seed: seed)
            print("Played the last \(DemoRecentWeeks.days) days through the system: \(calls) calls, with their assessments, reviews, releases and an order.")
        }
        let elapsed = ContinuousClock.now - started
        print(
            "Generated \(people) individuals (\(records) person records, \(incidents) incidents) over \(years) years with seed \(seed) and wrote them to the database in \(Progress.seconds(elapsed))."
        )
    }

    /// Imports a synthetic slice of history (its own people, `DEMO-` record ids) through `HistoryImporter`.
    static func importHistory(runtime: Runtime, incidents: Int, years: Int, seed: UInt64, endDate: Date) async throws -> HistoryImportSummary {
        var lines: [String] = []
        _ = try SyntheticHistory(incidents: incidents, years: years, seed: seed, endDate: endDate, people: .invent(prefix: "DEMO-")).write { lines.append($0) }
        return try await HistoryImporter(service: runtime.service, owner: nil).run(lines: lines)
    }

    /// The demo force's policing areas.
    static let areas: [(code: String, name: String)] = [("NTH", "Northern division"), ("CEN", "Central division"), ("STH", "Southern division")]

    /// The postcode areas of the synthetic force's towns, dealt out in turn to the demo's areas, so every generated
    /// address falls in one of them.
    static func demoPostcodes(area index: Int) -> [String] {
        var seen: [String] = []
        for town in SyntheticNames.towns where !seen.contains(town.postcodeArea) { seen.append(town.postcodeArea) }
        return seen.enumerated().filter { $0.offset % areas.count == index }.map(\.element)
    }

    private static func hasArea(_ runtime: Runtime, _ code: String) async throws -> Bool {
        try await runtime.service.areaExists(code: code)
    }

    private static func hasUser(_ runtime: Runtime, _ username: String) async throws -> Bool {
        try await runtime.service.account(username: username) != nil
    }

    static func printAccounts() {
        print("Demo sign-ins (username / password):")
        for account in accounts {
            print("  \(account.username.padding(toLength: 14, withPad: " ", startingAt: 0)) \(password(for: account.username))   \(account.role.title)")
        }
    }
}

/// The synthetic force's person records in the legacy CSV layout `safeguard import people` reads, written as they
/// are generated (never all held at once), so the import can be tried at a million rows.
enum LegacyCSV {
    static let header = "record_id,first_name,surname,date_of_birth,sex,phone,postcode,address_line,email"

    static func write(_ generator: SyntheticForceGenerator, to path: String, progress: (SyntheticProgress) -> Void) async throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw DomainError.invalid([FieldError("csv", "Cannot write \(path).")])
        }
        defer { try? file.close() }
        try file.write(contentsOf: Data((header + "\n").utf8))
        var rows = 0
        try await generator.generate { batch, state in
            var text = ""
            for person in batch.people {
                text += cells(of: person).map(cell).joined(separator: ",") + "\n"
            }
            rows += batch.people.count
            try file.write(contentsOf: Data(text.utf8))
            progress(state)
        }
        return rows
    }

    /// A person record's cells in the order of `header`.
    static func cells(of person: Person) -> [String] {
        let address = person.currentAddress
        return [
            person.sourceID ?? person.id, person.firstName, person.surname, person.dateOfBirth ?? "", person.sex.rawValue,
            person.phones.first ?? "", address?.postcode ?? "", address?.line1 ?? "", person.emails.first ?? ""
        ]
    }

    /// Quotes a cell that holds a comma, quote or line break (RFC 4180).
    static func cell(_ text: String) -> String { CSVText.cell(text) }
}
