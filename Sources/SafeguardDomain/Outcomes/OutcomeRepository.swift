import Foundation
import SafeguardMatching

/// Crime outcomes (rule 27).
public protocol OutcomeRepository: Sendable {
    func create(_ outcome: CrimeOutcome, byUserID: String) async throws
    func forIncidents(_ ids: [String]) async throws -> [CrimeOutcome]
}
