import Foundation

extension Migration {
    /// Issue 24: the audit chain is signed with a key held outside the database. Each event names the key its link
    /// was made with (none for events written before); the head carries a signature, and signed checkpoints let the
    /// auditor's page check only what was written since the last one. The search indexes serve "what did this
    /// account do" and "what happened in this period".
    static let m045KeyedAuditChain = Migration(version: 45, name: "Keyed audit chain and access-log search") { _ in
        [
            "ALTER TABLE audit_events ADD COLUMN key_id TEXT",
            "ALTER TABLE audit_chain_head ADD COLUMN key_id TEXT",
            "ALTER TABLE audit_chain_head ADD COLUMN mac TEXT",
            "CREATE TABLE audit_checkpoints (sequence BIGINT PRIMARY KEY, hash TEXT NOT NULL, key_id TEXT NOT NULL, mac TEXT NOT NULL, at_ms BIGINT NOT NULL)",
            "CREATE INDEX audit_events_user_sequence ON audit_events (user_id, sequence)",
            "CREATE INDEX audit_events_action_sequence ON audit_events (action, sequence)",
            "CREATE INDEX audit_events_at ON audit_events (at_ms)"
        ]
    }
}
