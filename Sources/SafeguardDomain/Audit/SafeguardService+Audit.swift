import Foundation

/// What the auditor's home page shows: whether the chain holds, and the latest events.
public struct AuditOverview: Sendable {
    public var verification: AuditVerification
    public var recent: [AuditEvent]
}

extension SafeguardService {
    /// Checks the audit chain and lists the latest events. Looking at the log is itself logged.
    public func auditOverview(_ actor: Actor, limit: Int = 20) async throws -> AuditOverview {
        try actor.require(.viewAudit)
        let verification = try await repositories.verifyAuditChain()
        let now = clock.now()
        let recent = try await repositories.transaction { tx in
            let events = try await tx.audit.recent(limit: limit)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewAudit, recordType: "audit_log"))
            return events
        }
        return AuditOverview(verification: verification, recent: recent)
    }

    /// Checks every link of the audit chain (`safeguard audit verify`); reports the first broken one.
    public func verifyAuditChain() async throws -> AuditVerification {
        try await repositories.verifyAuditChain()
    }
}
