import Foundation
import SafeguardMatching

/// Custody and court events.
public protocol CustodyRepository: Sendable {
    func create(_ event: CustodyEvent, byUserID: String) async throws
    func find(id: String) async throws -> CustodyEvent?
    /// Events about any of these records, newest first.
    func forSuspects(_ personIDs: [String]) async throws -> [CustodyEvent]
}
