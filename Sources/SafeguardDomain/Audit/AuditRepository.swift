import Foundation
import SafeguardMatching

/// The append-only, hash-chained audit log.
public protocol AuditRepository: Sendable {
    /// Appends an entry to the end of the chain (serialised against other writers).
    @discardableResult
    func append(_ entry: AuditEntry) async throws -> AuditEvent
    func recent(limit: Int) async throws -> [AuditEvent]
}
