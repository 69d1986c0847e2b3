import Foundation
import SafeguardMatching

/// The append-only, hash-chained audit log.
public protocol AuditRepository: Sendable {
    /// Appends an entry to the end of the chain (serialised against other writers).
    @discardableResult
    func append(_ entry: AuditEntry) async throws -> AuditEvent
    func recent(limit: Int) async throws -> [AuditEvent]
    /// Events matching every part of `filter`, newest first, at most `filter.limit`.
    func search(_ filter: AuditFilter) async throws -> [AuditEvent]
}
