import ArgumentParser
import Foundation
import SafeguardDomain
import SafeguardStore

/// `safeguard backup --to FILE`: a consistent copy of the database while it runs (SQLite's online copy; `pg_dump` for
/// PostgreSQL), checked by walking its audit chain before it is called done.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database to a file while it runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump --format=custom).")

    @Option(help: "The backup file to write (must not exist).") var to: String

    func run() async throws {
        do {
            let runtime = try await Runtime.open(policyFile: nil)
            try await DatabaseBackup.backup(runtime.url, pool: runtime.pool, to: to)
            let counts = try await DatabaseBackup.tableCounts(runtime.pool)
            try await runtime.close()
            print("Backed up \(counts.count) tables to \(to): \(counts["people", default: 0]) people, \(counts["audit_events", default: 0]) audit events.")
            print("The audit key is not in the backup: keep it apart (docs/operations.md).")
        } catch {
            Terminal.fail(error)
        }
    }
}

/// `safeguard restore --from FILE [--replace]`: puts a backup in place, migrates it to this version, and walks its audit
/// chain; exits 2 if the chain does not verify with this installation's audit key.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put a backup in place of the database (stop every server first), then check its audit chain.")

    @Option(help: "The backup file.") var from: String
    @Flag(help: "Replace a database that already exists.") var replace = false

    func run() async throws {
        let verification: AuditVerification
        do {
            try await DatabaseBackup.restore(try DatabaseURL.fromEnvironment(), from: from, replace: replace)
            let runtime = try await Runtime.open(policyFile: nil)
            let counts = try await DatabaseBackup.tableCounts(runtime.pool)
            verification = try await runtime.service.verifyAuditChain()
            try await runtime.close()
            print("Restored \(counts.count) tables: \(counts["people", default: 0]) people, \(counts["audit_events", default: 0]) audit events.")
        } catch {
            Terminal.fail(error)
        }
        switch verification {
        case .intact(let events):
            print("Audit chain intact: \(events) events.")
        case .broken(let sequence, let why):
            print("Audit chain BROKEN at event \(sequence): \(why).")
            throw ExitCode(2)
        }
    }
}
