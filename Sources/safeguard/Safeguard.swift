import ArgumentParser
import Foundation

/// The `safeguard` command: serve, migrate, demo, user, audit.
@main
struct Safeguard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safeguard",
        abstract: "Safeguard: the information system behind a police force's response to domestic abuse.",
        discussion: "The database is SAFEGUARD_DATABASE_URL (sqlite:///absolute/path.sqlite or postgres://user:pass@host:port/db); default ./safeguard.sqlite.",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, ImportCommand.self, Dedupe.self, UserCommand.self, AreaCommand.self, AuditCommand.self, BackupCommand.self,
            RestoreCommand.self, Bench.self
        ])
}
