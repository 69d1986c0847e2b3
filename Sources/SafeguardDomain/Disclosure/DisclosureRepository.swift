import Foundation

/// Storage of Clare's Law applications and their steps.
public protocol DisclosureRepository: Sendable {
    func create(_ application: DisclosureApplication, byUserID: String) async throws
    /// The application with its steps, oldest first.
    func find(id: String) async throws -> DisclosureApplication?
    func addStep(_ step: DisclosureStep, applicationID: String, byUserID: String) async throws
    /// Applications, open before closed, newest first, at most `limit`.
    func list(limit: Int) async throws -> [DisclosureApplication]
    /// Applications received from `from` up to `to` (excluded), with their steps.
    func received(from: Date, to: Date) async throws -> [DisclosureApplication]
}
