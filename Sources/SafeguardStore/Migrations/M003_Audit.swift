import Foundation
import SafeguardDomain

extension Migration {
    /// The hash-chained audit log. `audit_chain_head` is a single row every writer locks, so links are made one at a time.
    static let m003Audit = Migration(version: 3, name: "audit: hash-chained events") { _ in
        [
            """
            CREATE TABLE audit_events (sequence BIGINT PRIMARY KEY, at_ms BIGINT NOT NULL, user_id TEXT, username TEXT,
              role TEXT, action TEXT NOT NULL, record_type TEXT, record_id TEXT, reason TEXT, detail TEXT,
              previous_hash TEXT NOT NULL, hash TEXT NOT NULL)
            """,
            "CREATE INDEX audit_events_record ON audit_events (record_type, record_id)",
            "CREATE INDEX audit_events_user ON audit_events (user_id)",
            "CREATE TABLE audit_chain_head (id BIGINT PRIMARY KEY, sequence BIGINT NOT NULL, hash TEXT NOT NULL)",
            "INSERT INTO audit_chain_head (id, sequence, hash) VALUES (1, 0, '\(auditGenesisHash)')"
        ]
    }
}
