import Foundation

/// What the auditor's home page shows: whether the chain holds, and the latest events.
public struct AuditOverview: Sendable {
    public var verification: AuditVerification
    public var recent: [AuditEvent]
}

extension SafeguardService {
    /// The latest incidents (references, times and postcodes only: no names), for roles that work incidents.
    public func recentIncidents(_ actor: Actor, limit: Int = 10) async throws -> [IncidentSummary] {
        try actor.require(.viewIncident)
        return try await repositories.transaction { tx in try await tx.incidents.recent(limit: limit) }.map(Visibility(actor.role).incidentSummary)
    }

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

    /// The signed-in user's area, for their home page.
    public func area(of user: User) async throws -> Area? {
        guard let id = user.areaID else { return nil }
        return try await repositories.transaction { tx in try await tx.areas.find(id: id) }
    }

    /// Every account, for administrators.
    public func listUsers(_ actor: Actor) async throws -> [User] {
        try actor.require(.manageUsers)
        return try await repositories.transaction { tx in try await tx.users.all() }
    }
}
