import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// A small force's past as JSON lines: three women, their cases opening, changing level, closing and reopening,
/// with arrests and outcomes — and a few lines no import could use.
enum SampleHistory {
    static func line(_ fields: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }

    static let good: [String] = [
        line(["type": "person", "record_id": "V1", "first_name": "Ruth", "surname": "Okafor", "sex": "F", "date_of_birth": "1985-04-02", "ethnicity": "B2"]),
        line(["type": "person", "record_id": "V2", "first_name": "Ewa", "surname": "Nowak", "sex": "female", "ethnicity": "Any other White background"]),
        line(["type": "person", "record_id": "V3", "first_name": "Sian", "surname": "Price", "sex": "U", "postcode": "CF10 1A"]),
        line(["type": "person", "record_id": "S1", "first_name": "Dean", "surname": "Okafor", "sex": "M"]),
        line(["type": "person", "record_id": "S2", "first_name": "Marek", "surname": "Nowak", "sex": "m"]),
        // V1: opened 2017, high from March, closed September, reopened by an incident in 2018 (within 12 months).
        line([
            "type": "incident", "ref": "H-1", "at": "2017-02-10T21:30:00Z", "victim": "V1", "suspect": "S1", "channel": "999",
            "relationship": "intimate_partner", "crime": "assault_with_injury", "abuse_types": ["physical"], "address_line": "4 Mill Lane",
            "postcode": "cf10 1ab"
        ]),
        line(["type": "arrest", "incident": "H-1", "at": "2017-02-10T23:00:00Z"]),
        line(["type": "outcome", "incident": "H-1", "outcome": "charge", "at": "2017-02-12T10:00:00Z"]),
        line(["type": "risk_level", "victim": "V1", "level": "high", "at": "2017-03-01T09:00:00Z"]),
        line(["type": "case_closed", "victim": "V1", "at": "2017-09-01T09:00:00+01:00", "reason": "Moved away; IDVA support ended"]),
        line(["type": "incident", "ref": "H-2", "at": "2018-05-01T20:00:00Z", "victim": "V1", "suspect": "S1", "crime": "harassment"]),
        // V2: opened 2016, medium, closed; a new incident three years later opens a new case, still open.
        line(["type": "incident", "ref": "H-3", "at": "2016-06-01T12:00:00Z", "victim": "V2", "suspect": "S2", "relationship": "ex_partner"]),
        line(["type": "risk_level", "victim": "V2", "level": "medium", "at": "2016-06-02T12:00:00Z"]),
        line(["type": "case_closed", "victim": "V2", "at": "2016-12-01T12:00:00Z"]),
        line(["type": "incident", "ref": "H-4", "at": "2019-12-24T23:00:00Z", "victim": "V2", "suspect": "S2", "crime": "stalking"]),
        line(["type": "risk_level", "victim": "V2", "level": "standard", "at": "2019-12-26T10:00:00Z"]),
        // V3: one non-crime incident, closed.
        line(["type": "incident", "ref": "H-5", "at": "2020-03-03T03:03:00Z", "victim": "V3"]),
        line(["type": "case_closed", "victim": "V3", "at": "2020-04-03T10:00:00Z", "reason": "No further concerns"])
    ]

    static let bad: [String] = [
        line(["type": "incident", "ref": "H-9", "at": "2019-01-01T10:00:00Z", "victim": "NOBODY"]),
        line(["type": "arrest", "incident": "H-404", "at": "2019-01-01T10:00:00Z"]),
        line(["type": "incident", "ref": "H-10", "at": "2019-01-01T10:00:00Z", "victim": "V3", "crime": "burglary"]),
        line(["type": "outcome", "incident": "H-5", "outcome": "charge", "at": "2019-01-01T10:00:00"]),
        line(["type": "person", "first_name": "No", "surname": "Id"]),
        "{not json"
    ]

    /// Runs the importer over `lines` as if they were a file.
    static func run(_ store: TestStore, _ lines: [String], owner: User? = nil) async throws -> (HistoryImportSummary, [(Int, String)]) {
        var reported: [(Int, String)] = []
        let summary = try await HistoryImporter(service: store.service, owner: owner, chunk: 4).run(lines: lines) { reported.append(($0, $1)) }
        return (summary, reported)
    }

    /// The figures that must not depend on the file's order: the caseload on dates across the years, and the records made.
    static func figures(_ store: TestStore) async throws -> [String] {
        let analyst = try await store.actor(.analyst, username: "an-\(UUID().uuidString.prefix(6).lowercased())")
        var figures: [String] = []
        for day in ["2016-06-01", "2016-07-01", "2017-02-10", "2017-04-01", "2017-10-01", "2018-05-02", "2019-12-25", "2020-01-01", "2020-03-04", "2026-01-01"]
        {
            let load = try await store.service.caseload(analyst, on: day)
            figures.append("\(day): \(load.high)/\(load.medium)/\(load.standard)")
        }
        for table in ["cases", "incidents", "case_spans", "custody_events", "crime_outcomes", "case_incidents", "tasks", "triggers_fired"] {
            figures.append("\(table)=\(try await store.count("SELECT COUNT(*) AS n FROM \(table)"))")
        }
        return figures
    }
}

@Suite("History import", .serialized)
struct HistoryImportTests {
    @Test(
        "Rule 31: a force's history loads whole; in shuffled order it gives the same cases and caseload on every date; a re-run loads nothing twice; the past sets no task",
        arguments: TestEngine.available)
    func shuffledOrderSameFigures(engine: TestEngine) async throws {
        let inOrder = try await TestStore.with(engine) { store in
            let (summary, reported) = try await SampleHistory.run(store, SampleHistory.good)
            #expect(reported.allSatisfy { $0.1.contains("kept as given") }, "\(reported)")
            #expect(summary.peopleLoaded == 5)
            #expect(summary.incidents == 5)
            let figures = try await SampleHistory.figures(store)
            // Re-run: nothing new.
            let (again, _) = try await SampleHistory.run(store, SampleHistory.good)
            #expect(again.peopleLoaded == 0 && again.staged == 0 && again.incidents == 0)
            #expect(try await SampleHistory.figures(store) == figures)
            return figures
        }
        var generator = SeededLines(seed: 7)
        let shuffled = try await TestStore.with(engine) { store in
            _ = try await SampleHistory.run(store, SampleHistory.good.shuffled(using: &generator))
            return try await SampleHistory.figures(store)
        }
        #expect(inOrder == shuffled)
        // The figures themselves: V2 medium in mid-2016; V1 high in April 2017 and closed by October; V1 reopened at her
        // level in May 2018; V1 (high) and V2 (standard) open at Christmas 2019; no task or trigger from the past.
        #expect(inOrder.contains("2016-07-01: 0/1/0"))
        #expect(inOrder.contains("2017-04-01: 1/0/0"))
        #expect(inOrder.contains("2017-10-01: 0/0/0"))
        #expect(inOrder.contains("2018-05-02: 1/0/0"))
        #expect(inOrder.contains("2020-01-01: 1/0/1"))
        #expect(inOrder.contains("2020-03-04: 1/0/2"))
        #expect(inOrder.contains("cases=4"))
        #expect(inOrder.contains("tasks=0"))
        #expect(inOrder.contains("triggers_fired=0"))
        #expect(inOrder.contains("custody_events=1") && inOrder.contains("crime_outcomes=1"))
    }

    @Test("Lines the import cannot use are reported with their line and why, and the rest loads", arguments: TestEngine.available)
    func badLinesReported(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let (summary, reported) = try await SampleHistory.run(store, SampleHistory.good + SampleHistory.bad)
            let problems = reported.filter { !$0.1.contains("kept as given") }
            #expect(problems.count == SampleHistory.bad.count, "\(problems)")
            #expect(problems.contains { $0.1.contains("record_id NOBODY") })
            #expect(problems.contains { $0.1.contains("no incident with ref H-404") })
            #expect(problems.contains { $0.1.contains("\"crime\" is \"burglary\"") })
            #expect(problems.contains { $0.1.contains("not an ISO 8601 time with a zone") })
            #expect(problems.contains { $0.1.contains("record_id") && $0.0 == SampleHistory.good.count + 5 })
            #expect(problems.contains { $0.1 == "not a JSON object" })
            #expect(summary.incidents == 5)
            // The person's values a force's system held wrongly are kept and named.
            #expect(reported.contains { $0.1.contains("postcode \"CF10 1A\"") })
        }
    }

    @Test(
        "Rule 15: imported cases still open wait, owned, on the reallocation queue until a sergeant gives each an owner; --owner gives them to a named person",
        arguments: TestEngine.available)
    func openCasesAwaitAnOwner(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await SampleHistory.run(store, SampleHistory.good)
            let sergeant = try await store.actor(.sergeant, username: "sgt")
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let queue = try await store.service.awaitingOwner(sergeant)
            #expect(queue.total == 2)
            #expect(queue.cases.first?.riskLevel == .high)
            #expect(queue.cases.allSatisfy { $0.owner.displayName.contains("Awaiting an owner") })
            #expect(queue.choices.contains { $0.id == officer.user.id } && !queue.choices.contains { $0.displayName.contains("Awaiting") })
            // Only supervisors work the queue; the import's account never signs in.
            await #expect(throws: DomainError.self) { _ = try await store.service.awaitingOwner(officer) }
            await #expect(throws: DomainError.self) { _ = try await store.service.signIn(username: HistoryImportAccount.username, password: "!") }
            let first = try #require(queue.cases.first)
            await #expect(throws: DomainError.self) { _ = try await store.service.allocateCase(sergeant, caseID: first.id, ownerID: "nobody") }
            let allocated = try await store.service.allocateCase(sergeant, caseID: first.id, ownerID: officer.user.id)
            #expect(allocated.owner.id == officer.user.id && !allocated.needsReallocation)
            #expect(try await store.service.awaitingOwner(sergeant).total == 1)
            #expect(try await store.service.myWork(officer).cases.map(\.id) == [first.id])
        }
        try await TestStore.with(engine) { store in
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let owner = try await store.service.historyOwner(username: "pc")
            _ = try await SampleHistory.run(store, SampleHistory.good, owner: owner)
            #expect(try await store.service.myWork(officer).cases.count == 2)
            let sergeant = try await store.actor(.sergeant, username: "sgt")
            #expect(try await store.service.awaitingOwner(sergeant).total == 0)
            await #expect(throws: DomainError.self) { _ = try await store.service.historyOwner(username: "nobody") }
        }
    }

    @Test(
        "Imported incidents show their crime classification and legacy ref; imported people keep their ethnicity for those who may see it",
        arguments: TestEngine.available)
    func importedDetailsShow(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            _ = try await SampleHistory.run(store, SampleHistory.good)
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let id = try #require(try await store.repositories.transaction { tx in try await tx.history.incidents(refs: ["H-1"]) }["H-1"]?.id)
            let record = try await store.service.viewIncidentRecord(officer, id: id)
            #expect(record.incident.reference == "H-1")
            #expect(record.incident.crimeClassification == .assaultWithInjury && record.incident.isCrime)
            #expect(record.outcomes.map(\.kind) == [.charge])
            let victim = try #require(record.incident.victims.first)
            #expect(try await store.service.viewPerson(officer, id: victim.personID).person.ethnicity == "B2")
            let marac = try await store.actor(.maracCoordinator, username: "marac-coordinator")
            #expect(try await store.service.viewPerson(marac, id: victim.personID, reason: "Research for the MARAC").person.ethnicity == nil)
        }
    }

    @Test(
        "Rule 3 from the past: warnings import on a person and on a place — the place an incident there made, typed differently; a kind the force does not use and an unknown person are reported, the rest loads",
        arguments: TestEngine.available)
    func warningsImported(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let lines =
                SampleHistory.good + [
                    SampleHistory.line([
                        "type": "warning", "person": "S1", "kind": "firearms", "note": "Shotgun certificate holder", "at": "2019-03-01T10:00:00Z"
                    ]),
                    SampleHistory.line([
                        "type": "warning", "address_line": "4 MILL LN", "postcode": "CF101AB", "kind": "dogs", "note": "Two dogs loose in the yard",
                        "at": "2018-01-01T10:00:00Z"
                    ]),
                    SampleHistory.line(["type": "warning", "person": "S1", "kind": "unicorns", "note": "Sees unicorns", "at": "2019-03-01T10:00:00Z"]),
                    SampleHistory.line(["type": "warning", "person": "NOBODY", "kind": "dogs", "note": "Two dogs", "at": "2019-03-01T10:00:00Z"]),
                    SampleHistory.line(["type": "warning", "kind": "dogs", "note": "Two dogs", "at": "2019-03-01T10:00:00Z"])
                ]
            let (summary, reported) = try await SampleHistory.run(store, lines)
            #expect(summary.warnings == 2)
            #expect(reported.map(\.0).filter { $0 > SampleHistory.good.count }.sorted() == [lines.count - 2, lines.count - 1, lines.count])
            #expect(reported.contains { $0.1.contains("unicorns") } && reported.contains { $0.1.contains("NOBODY") })

            let officer = try await store.actor(.responseOfficer, username: "pc")
            let id = try #require(try await store.repositories.transaction { tx in try await tx.history.incidents(refs: ["H-1"]) }["H-1"]?.id)
            let incident = try await store.service.viewIncidentRecord(officer, id: id).incident
            let place = try await store.service.viewAddress(officer, id: try #require(incident.address?.id))
            #expect(place.warnings.map(\.kind) == ["dogs"] && place.warnings.first?.addedBy == HistoryImportAccount.username)
            let suspect = try #require(incident.suspects.first)
            #expect(try await store.service.viewPerson(officer, id: suspect.personID).warnings.map(\.kind) == ["firearms"])

            // A re-run sets nothing twice.
            let (again, _) = try await SampleHistory.run(store, lines)
            let stored = try await store.count("SELECT COUNT(*) AS n FROM warnings")
            #expect(again.warnings == 0 && stored == 2)
        }
    }
}

/// A reproducible shuffle.
struct SeededLines: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
