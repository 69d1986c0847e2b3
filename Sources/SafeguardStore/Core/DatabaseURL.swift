import Foundation
import SafeguardDomain

/// Which database to use, read from `SAFEGUARD_DATABASE_URL`: `sqlite:///absolute/path.sqlite` or `postgres://user:pass@host:port/db`.
public enum DatabaseURL: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// The embedded default: `./safeguard.sqlite` in the working directory.
    public static var defaultSQLite: DatabaseURL {
        .sqlite(path: FileManager.default.currentDirectoryPath + "/safeguard.sqlite")
    }

    /// Parses a database URL, saying what is wrong when it cannot.
    public static func parse(_ text: String) throws -> DatabaseURL {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard path.hasPrefix("/"), path.count > 1 else {
                throw DomainError.invalid([
                    FieldError("SAFEGUARD_DATABASE_URL", "A SQLite URL needs an absolute path, like sqlite:///var/lib/safeguard/safeguard.sqlite.")
                ])
            }
            return .sqlite(path: path)
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: text), components.host?.isEmpty == false, components.user != nil else {
                throw DomainError.invalid([FieldError("SAFEGUARD_DATABASE_URL", "A PostgreSQL URL looks like postgres://user:password@host:5432/database.")])
            }
            return .postgres(url: text)
        }
        throw DomainError.invalid([FieldError("SAFEGUARD_DATABASE_URL", "Use sqlite:///absolute/path.sqlite or postgres://user:password@host:port/database.")])
    }

    /// From the environment, or the embedded default.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseURL {
        guard let text = environment["SAFEGUARD_DATABASE_URL"], !text.isEmpty else { return .defaultSQLite }
        return try parse(text)
    }

    /// The URL as `SAFEGUARD_DATABASE_URL` takes it (password and all: for handing to a child process, never for logs).
    public var text: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let url): url
        }
    }

    /// A description safe for logs (no password).
    public var redacted: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let url):
            guard var c = URLComponents(string: url) else { return "postgres://…" }
            if c.password != nil { c.password = "***" }
            return c.string ?? "postgres://…"
        }
    }
}
