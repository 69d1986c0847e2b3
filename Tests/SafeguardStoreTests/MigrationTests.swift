import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Migrations and engine settings", .serialized)
struct MigrationTests {
    @Test("Each migration is applied once and recorded; a second run applies nothing", arguments: TestEngine.available)
    func migrationsAreRecordedOnce(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // act
            let again = try await Migrator(pool: store.pool).migrate()
            let pending = try await Migrator(pool: store.pool).pending()
            // check
            #expect(again.isEmpty)
            #expect(pending.isEmpty)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM schema_migrations") == allMigrations.count)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM roles") == Role.allCases.count)
        }
    }

    @Test(
        "A matching index built with other given-name groups or keys is rebuilt when the database is migrated, so callers still find the records",
        arguments: TestEngine.available)
    func staleMatchIndexIsRebuilt(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: her record, then an index as an older release built it (other fingerprint, keys that no longer meet)
            let handler = try await store.actor(.callHandler)
            let her = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Florence", surname: "Ashdown", dateOfBirth: "1973-07-11"))
            let current = try #require(
                try await store.pool.withConnection { db in
                    try await db.raw("SELECT fingerprint FROM match_index_state").first()?.decode(column: "fingerprint", as: String.self)
                })
            try await store.execute("UPDATE match_index_state SET fingerprint = 'keys0-names-older'")
            try await store.execute("DELETE FROM match_keys")
            let heard = HeardProgress()
            // act
            let applied = try await Migrator(pool: store.pool).migrate { done, total in heard.append(done, total) }
            // check
            #expect(applied.isEmpty)
            #expect(heard.steps.first.map { $0 == (0, 1) } == true)  // told it is starting, and of how many
            #expect(heard.steps.last.map { $0 == (1, 1) } == true)  // and when every record is indexed
            #expect(try await store.count("SELECT COUNT(*) AS n FROM match_keys WHERE person_id = '\(her.id)'") > 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM match_index_state WHERE fingerprint = '\(current)'") == 1)
            let found = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Flo", surname: "Ashdown", dateOfBirth: "1973-07-11"))
            #expect(found.first?.person.id == her.id)
            #expect(found.first?.reasons.first == "first name is a short form or nickname of the other (flo / florence)")
        }
    }

    @Test(
        "Issue 20, an address is one place: addresses written before they were shared are keyed when the database is migrated, and two rows of one place become one — incidents, residents and warnings read from the first",
        arguments: TestEngine.available)
    func addressesKeyedAndJoinedOnMigration(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: two calls at two places, then the state an older release left: no keys, and the second row holding
            // another spelling of the first place (each call wrote its own row then).
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Ruth", surname: "Okafor", dateOfBirth: "1985-04-02"))
            var call = sampleCall(victimID: victim.id)
            (call.addressLine1, call.postcode) = ("Flat 3 12 High Street", "AB1 2CD")
            let first = try await store.service.openIncident(handler, draft: call).incident
            store.clock.advance(by: 3600)
            (call.addressLine1, call.postcode) = ("9 Mill Road", "AB1 2CD")
            let second = try await store.service.openIncident(handler, draft: call).incident
            let (firstPlace, secondPlace) = (try #require(first.address?.id), try #require(second.address?.id))
            _ = try await store.service.addWarning(officer, on: .address, id: secondPlace, draft: WarningDraft(kind: "dogs", note: "Two dogs loose"))
            try await store.execute("UPDATE addresses SET line1 = 'flat 3, 12 high st', postcode = 'ab12cd' WHERE id = '\(secondPlace)'")
            try await store.execute("UPDATE addresses SET address_key = NULL")
            // act
            let applied = try await Migrator(pool: store.pool).migrate()
            // check
            #expect(applied.isEmpty)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM addresses WHERE address_key IS NULL") == 0)
            let place = try await store.service.viewAddress(officer, id: firstPlace)
            #expect(Set(place.incidents.map(\.id)) == [first.id, second.id] && place.warnings.map(\.kind) == ["dogs"])
            #expect(try await store.service.viewIncidentRecord(officer, id: second.id).incident.address?.id == firstPlace)
        }
    }

    @Test("SQLite runs in WAL mode with foreign keys enforced")
    func sqliteIsWALWithForeignKeys() async throws {
        try await TestStore.with(.sqlite) { store in
            // act
            let mode = try await store.pool.withConnection { db in
                try await db.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            }
            // check
            #expect(mode == "wal")
            await #expect(throws: (any Error).self) {
                try await store.execute("INSERT INTO incident_parties (incident_id, person_id, role) VALUES ('nope', 'nope', 'victim')")
            }
        }
    }

    @Test("A database URL selects the engine and refuses anything else with a clear message")
    func databaseURLParsing() throws {
        #expect(try DatabaseURL.parse("sqlite:///tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try DatabaseURL.parse("postgres://u:p@localhost:5432/db") == .postgres(url: "postgres://u:p@localhost:5432/db"))
        #expect(throws: DomainError.self) { try DatabaseURL.parse("sqlite://relative.sqlite") }
        #expect(throws: DomainError.self) { try DatabaseURL.parse("mysql://u@h/db") }
        #expect(DatabaseURL.postgres(url: "postgres://u:secret@h:5432/db").redacted.contains("secret") == false)
    }
}

/// What a migration reported of the index rebuild, in order.
private final class HeardProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var heard: [(Int, Int)] = []
    var steps: [(Int, Int)] { lock.withLock { heard } }
    func append(_ done: Int, _ total: Int) { lock.withLock { heard.append((done, total)) } }
}
