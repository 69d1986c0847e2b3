import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Issue 24, part 5: the pool says how busy it is, for `/metrics` — work holding a connection counts as in use while
/// it holds it, and nothing stays counted after it ends (or fails).
@Suite("The connection pool's use", .serialized)
struct ConnectionUsageTests {
    @Test("A connection held counts as in use until released, a failed transaction too; capacity covers the readers", arguments: TestEngine.available)
    func usageFollowsTheWork(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let pool = store.pool
            #expect(pool.usage.inUse == 0 && pool.usage.waiting == 0 && pool.usage.capacity >= 1)
            let during = try await pool.withConnection { _ in pool.usage }
            #expect(during.inUse == 1)
            let writing = try await pool.transaction { _ in pool.usage }
            #expect(writing.inUse == 1)
            await #expect(throws: DomainError.self) {
                try await pool.transaction { _ -> Int in throw DomainError.conflict("rolled back") }
            }
            #expect(store.repositories.connectionUsage() == ConnectionUsage(inUse: 0, waiting: 0, capacity: pool.usage.capacity))
        }
    }
}
