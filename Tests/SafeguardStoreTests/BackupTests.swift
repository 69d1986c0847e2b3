import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Issue 24, part 4: a backup taken while the database is in use, restored elsewhere, holds identical records and an
/// audit chain that still verifies with the force's key.
@Suite("Backup and restore", .serialized)
struct BackupTests {
    @Test("A backup restored elsewhere has every table's rows and an audit chain that verifies", arguments: TestEngine.available)
    func backupRoundTrip(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: a case worked and closed touches most tables
            let closed = try await store.closedCase(name: "Amina", safe: nil)
            let original = try await DatabaseBackup.tableCounts(store.pool)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-backup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("backup").path
            // act
            try await DatabaseBackup.backup(store.url, pool: store.pool, to: file)
            await #expect(throws: BackupError.self) { try await DatabaseBackup.backup(store.url, pool: store.pool, to: file) }
            let check: @Sendable (DatabasePool) async throws -> Void = { restored in
                #expect(try await DatabaseBackup.tableCounts(restored) == original)
                let repositories = SQLRepositories(pool: restored, auditKeys: testAuditKeys)
                #expect(try await repositories.verifyAuditChain() == .intact(events: Int64(original["audit_events"] ?? 0)))
                let service = SafeguardService(
                    repositories: repositories, hasher: BcryptCredentialHasher(cost: 4), clock: store.clock, policy: store.service.policy)
                let auditor = Actor(
                    try await service.createUser(username: "aud-restored", displayName: "Auditor", role: .auditor, password: "aud-restored-password"))
                #expect(try await service.viewCase(auditor, caseID: closed.caseID, reason: "Checking the restore").safeguardingCase.status == .closed)
            }
            switch store.url {
            case .sqlite:
                let target = folder.appendingPathComponent("restored.sqlite").path
                try await DatabaseBackup.restore(.sqlite(path: target), from: file, replace: false)
                await #expect(throws: BackupError.self) { try await DatabaseBackup.restore(.sqlite(path: target), from: file, replace: false) }
                let restored = try await DatabasePool(.sqlite(path: target), maxConnections: 1)
                do { try await check(restored) } catch { Issue.record(error) }
                try await restored.shutdown()
            case .postgres:
                let target = try await TestStore.make(engine)
                do {
                    try await DatabaseBackup.restore(target.url, from: file, replace: true)
                    try await check(target.pool)
                } catch { Issue.record(error) }
                try await target.close()
            }
        }
    }
}
