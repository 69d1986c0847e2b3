import Foundation

/// MARAC referrals (append-only: a referral is never edited or deleted; rule 34).
public protocol MaracRepository: Sendable {
    func create(_ referral: MaracReferral, byUserID: String) async throws
    /// Referrals of any of these people (her record and those confirmed as her), newest first.
    func referrals(victimPersonIDs: [String]) async throws -> [MaracReferral]
    /// The newest referrals across the force, newest first.
    func recent(limit: Int) async throws -> [MaracReferral]
    /// Referrals whose repeat window ends between the two moments, soonest first.
    func windowsEnding(after: Date, before: Date, limit: Int) async throws -> [MaracReferral]
}
