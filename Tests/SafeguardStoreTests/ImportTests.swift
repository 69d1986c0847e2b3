import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Importing legacy person records", .serialized)
struct ImportTests {
    static func row(_ cells: [String: String]) throws -> (sourceID: String, person: ValidPersonDraft) {
        try PersonImportRow(cells: cells).validated(now: testNow).get()
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

    @Test("A bad row is refused with every reason and nothing of it is loaded")
    func badRowsAreRefusedWithReasons() {
        let result = PersonImportRow(cells: ["record_id": "", "surname": "X", "date_of_birth": "1986-02-30", "phone": "nope"]).validated(now: testNow)
        guard case .failure(.invalid(let errors)) = result else { Issue.record("accepted a bad row"); return }
        #expect(errors.map(\.field) == ["record_id", "date_of_birth", "phone"])
    }
}
