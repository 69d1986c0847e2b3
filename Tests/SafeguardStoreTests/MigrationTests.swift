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

    @Test("SQLite runs in WAL mode with foreign keys enforced")
    func sqliteIsWALWithForeignKeys() async throws {
        try await TestStore.with(.sqlite) { store in
            // act
            let mode = try await store.pool.withConnection { db in try await db.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) }
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
