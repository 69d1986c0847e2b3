import Foundation
import SafeguardMatching

/// Policing areas (divisions), which users and, later, records belong to.
public protocol AreaRepository: Sendable {
    func create(_ area: Area) async throws
    func find(code: String) async throws -> Area?
    func find(id: String) async throws -> Area?
    func all() async throws -> [Area]
}
