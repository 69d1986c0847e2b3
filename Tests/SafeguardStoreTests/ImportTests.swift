import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Importing legacy person records", .serialized)
struct ImportTests {
    static func row(_ cells: [String: String], line: Int = 2) throws -> LegacyPerson {
        guard case .load(let sourceID, let person, let issues) = LegacyPersonRules.read(PersonImportRow(cells: cells), line: line, now: testNow) else {
            throw DomainError.invalid([FieldError("row", "refused")])
        }
        return LegacyPerson(sourceID: sourceID, person: person, issues: issues)
    }

    @Test("Imported records keep their source id, can be matched, and a re-run loads nothing twice", arguments: TestEngine.available)
    func importIsIdempotentAndMatchable(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let rows = [
                try Self.row([
                    "record_id": "L1", "first_name": "Katherine", "surname": "Okafor", "date_of_birth": "1986-04-12", "sex": "female", "phone": "07700 900123",
                    "postcode": "NB1 4XY"
                ]),
                try Self.row(["record_id": "L2", "first_name": "Kate", "surname": "O'Kafor", "phone": "+44 7700 900123"])
            ]
            // act
            let first = try await store.service.importPeople(rows, by: nil)
            let again = try await store.service.importPeople(rows, by: nil)
            let handler = try await store.actor(.callHandler)
            let found = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Kathy", surname: "Okafor", phone: "07700900123"))
            // check
            #expect(first == 2)
            #expect(again == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == 2)
            #expect(Set(found.prefix(2).flatMap(\.sourceRecordIDs)) == ["L1", "L2"])
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'import_people'") == 2)
        }
    }

    @Test("Rule 1's clean-up loses nobody: legacy dirt loads, each unusable value kept as given and listed, on both databases", arguments: TestEngine.available)
    func legacyDirtLoads(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: the dirt a real export has
            let rows = [
                try Self.row(["record_id": "D1", "first_name": "Ann", "surname": "Ashworth", "sex": "F", "address_line": "3 Mill Lane"]),
                try Self.row(["record_id": "D2", "first_name": "Bea", "sex": "Not known", "postcode": "HD6 6G", "date_of_birth": "2091-01-01"]),
                try Self.row(["record_id": "D3", "surname": "Croft", "date_of_birth": "31/02/1980", "phone": "0770090", "sex": "m"])
            ]
            // act
            let loaded = try await store.service.importPeople(rows, by: nil)
            // check: everyone loads; unusable values are kept beside the record, out of matching
            #expect(loaded == 3)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people WHERE sex = 'female' AND source_id = 'D1'") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people WHERE sex = 'male' AND source_id = 'D3' AND date_of_birth IS NULL") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM person_data_quality") == 4)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM person_data_quality WHERE field = 'postcode' AND value = 'HD6 6G'") == 1)
            let handler = try await store.actor(.callHandler)
            let d2 = try #require(try await store.service.searchPeople(handler, query: PersonSearchQuery(name: "Bea")).first)
            let view = try await store.service.viewPerson(handler, id: d2.id)
            #expect(view.dataQuality.map(\.field).sorted() == ["date_of_birth", "postcode"])
            #expect(view.person.dateOfBirth == nil)
        }
    }

    @Test("Rule 1: a legacy row is refused only when it holds nothing that could identify anyone; codings and gaps are read as a force writes them")
    func legacyRowRules() {
        func read(_ cells: [String: String]) -> LegacyRowOutcome { LegacyPersonRules.read(PersonImportRow(cells: cells), line: 7, now: testNow) }
        guard case .refuse(let why) = read(["record_id": "E1", "sex": "F"]) else { Issue.record("a row naming no one was loaded"); return }
        #expect(why.contains("nothing that could identify"))
        for (coding, sex) in [
            ("F", Sex.female), ("female", .female), ("M", .male), ("Male", .male), ("U", .unknown), ("X", .other), ("Not known", .unknown), ("", .unknown)
        ] {
            #expect(LegacyPersonRules.sex(coding).0 == sex, "\(coding)")
            #expect(LegacyPersonRules.sex(coding).1 == nil, "\(coding)")
        }
        #expect(LegacyPersonRules.sex("zebra").1?.field == "sex")
        guard
            case .load(let sourceID, let person, let issues) = read([
                "first_name": "Cara", "address_line": "Flat 2, 9 High St", "date_of_birth": "1986-02-30", "phone": "nope"
            ])
        else {
            Issue.record("a row with a name was refused"); return
        }
        #expect(sourceID == "line-7")
        #expect(person.surname.isEmpty && person.firstName == "Cara")
        #expect(person.address?.line1 == "Flat 2, 9 High St" && person.address?.postcode == "")
        #expect(issues.map(\.field) == ["record_id", "date_of_birth", "phone"])
    }
}
