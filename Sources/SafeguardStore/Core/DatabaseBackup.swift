import Foundation
import SafeguardDomain
import SQLKit

/// Backups a force can restore (issue 24): SQLite's own online copy (`VACUUM INTO`, a consistent snapshot taken while
/// the server runs), PostgreSQL's `pg_dump` in its custom format; restore puts one back. The audit chain travels with
/// the records, and still verifies after a restore — the audit key does not travel (docs/operations.md).
public enum DatabaseBackup {
    /// Writes a backup of the database at `url` to `path` (which must not exist yet).
    public static func backup(_ url: DatabaseURL, pool: DatabasePool, to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError("\(path) already exists; name a new file") }
        switch url {
        case .sqlite:
            try await pool.withConnection { db in try await db.raw("VACUUM INTO \(bind: path)").run() }
        case .postgres(let text):
            try run(try tool("pg_dump"), ["--format=custom", "--no-owner", "--file", path, "--dbname", text])
        }
    }

    /// Puts the backup at `path` in place of the database at `url`. SQLite: the file is copied into place (the server
    /// must be stopped); PostgreSQL: `pg_restore --clean` into the named database. `replace` must be set when the
    /// database already holds records.
    public static func restore(_ url: DatabaseURL, from path: String, replace: Bool) async throws {
        guard FileManager.default.fileExists(atPath: path) else { throw BackupError("there is no backup at \(path)") }
        switch url {
        case .sqlite(let target):
            let manager = FileManager.default
            if manager.fileExists(atPath: target) {
                guard replace else { throw BackupError("\(target) exists; pass --replace to put the backup in its place (stop every server first)") }
                for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: target + suffix) { try manager.removeItem(atPath: target + suffix) }
            }
            try manager.copyItem(atPath: path, toPath: target)
        case .postgres(let text):
            var arguments = ["--no-owner", "--exit-on-error", "--dbname", text, path]
            if replace { arguments.insert(contentsOf: ["--clean", "--if-exists"], at: 0) }
            try run(try tool("pg_restore"), arguments)
        }
    }

    /// Rows in each of the database's tables, by name: what a restore must bring back identically.
    public static func tableCounts(_ pool: DatabasePool) async throws -> [String: Int] {
        try await pool.withConnection { db in
            let names: [String] =
                switch pool.engine {
                case .sqlite:
                    try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all().map { try $0.string("name") }
                case .postgres:
                    try await db.raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()").all().map { try $0.string("name") }
                }
            var counts: [String: Int] = [:]
            for name in names {
                let row = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: name)").first()
                counts[name] = Int(try row?.decode(column: "n", as: Int64.self) ?? 0)
            }
            return counts
        }
    }

    /// A PostgreSQL client tool: on the PATH, else the newest of Debian's installed versions.
    static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        let debian = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in debian.sorted(by: { $0.compare($1, options: .numeric) == .orderedDescending }) {
            let candidate = "/usr/lib/postgresql/\(version)/bin/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BackupError("\(name) is not installed (PostgreSQL's client tools: apt-get install postgresql-client)")
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            // The tool's words, which name the problem; the URL (with its password) is never in them.
            throw BackupError("\((executable as NSString).lastPathComponent) failed: \(String(decoding: said, as: UTF8.self).prefix(500))")
        }
    }
}

/// Why a backup or restore could not be made, in words the operator can act on.
public struct BackupError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
