import Foundation
import SafeguardDomain

extension Migration {
    /// Roles, users, browser sessions and API tokens. Permissions live in the domain (`Role.permissions`);
    /// the roles table lets the database refuse a user with a role the domain does not know.
    static let m002Accounts = Migration(version: 2, name: "accounts: roles, users, sessions, tokens") { _ in
        ["CREATE TABLE roles (name TEXT PRIMARY KEY, title TEXT NOT NULL)"]
            + Role.allCases.map { "INSERT INTO roles (name, title) VALUES ('\($0.rawValue)', '\($0.title.replacingOccurrences(of: "'", with: "''"))')" }
            + [
                """
                CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
                  role TEXT NOT NULL REFERENCES roles (name), area_id TEXT REFERENCES areas (id), password_hash TEXT NOT NULL,
                  failed_attempts BIGINT NOT NULL DEFAULT 0, locked_until BIGINT, active BOOLEAN NOT NULL DEFAULT TRUE,
                  created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE sessions (digest TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id),
                  csrf_token TEXT NOT NULL, created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE api_tokens (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id), digest TEXT NOT NULL UNIQUE,
                  created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT)
                """,
                "CREATE INDEX api_tokens_user ON api_tokens (user_id)"
            ]
    }
}
