import Foundation
import SafeguardMatching

/// What the officer recorded at the scene: one record per incident, never edited.
public protocol SceneRepository: Sendable {
    func create(_ scene: SceneRecord, byUserID: String) async throws
    func find(incidentID: String) async throws -> SceneRecord?
    /// Stores the scene's evidence as it now stands and keeps `change` (with what it replaced) in its history.
    func updateEvidence(_ scene: SceneRecord, change: EvidenceChange, byUserID: String) async throws
    /// Scene records of these incidents, by incident id (for the case's evidence view).
    func forIncidents(_ ids: [String]) async throws -> [String: SceneRecord]
}
