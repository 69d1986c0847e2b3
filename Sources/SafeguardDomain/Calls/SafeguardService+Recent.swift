import Foundation

extension SafeguardService {
    /// The latest incidents (references, times and postcodes only: no names), for roles that work incidents.
    public func recentIncidents(_ actor: Actor, limit: Int = 10) async throws -> [IncidentSummary] {
        try actor.require(.viewIncident)
        return try await repositories.read { tx in try await tx.incidents.recent(limit: limit) }.map(Visibility(actor.role).incidentSummary)
    }
}
