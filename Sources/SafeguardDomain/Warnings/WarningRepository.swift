import Foundation

/// Officer-safety warnings on people, addresses and phones: added and ended, never deleted.
public protocol WarningRepository: Sendable {
    func create(_ warning: Marker) async throws
    func find(id: String) async throws -> Marker?
    /// Ends a warning not yet ended; false when it was already ended (two people ending it at once).
    func end(id: String, at: Date, by username: String, reason: String) async throws -> Bool
    /// Every warning on these subjects, ended ones included, oldest first.
    func on(_ kind: WarningSubjectKind, ids: [String]) async throws -> [Marker]
}
