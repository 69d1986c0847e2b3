import Foundation

/// Case shares with partner agencies (append-only: a share ends on its date; a new one is a new row).
public protocol ShareRepository: Sendable {
    func create(_ share: CaseShare, byUserID: String) async throws
    /// The case's shares, newest first.
    func forCase(_ caseID: String) async throws -> [CaseShare]
    /// Shares with `agency` in force on `day`, newest first.
    func inForce(agency: Agency, on day: String, limit: Int) async throws -> [CaseShare]
}
