import Foundation

/// Offers of an IDVA (append-only: a later offer is a new row; rule 34).
public protocol IdvaRepository: Sendable {
    func create(_ offer: IdvaOffer, byUserID: String) async throws
    /// The case's offers, newest first.
    func offers(caseID: String) async throws -> [IdvaOffer]
    /// Per IDVA: open cases whose newest accepted offer names them, and offers accepted for them since `since`.
    func loads(since: Date) async throws -> [(idvaUserID: String, caseload: Int, referrals: Int)]
    /// Open cases whose newest offer was accepted with no IDVA named.
    func waitingForAnIdva() async throws -> Int
    /// Open high-risk cases, and how many of them have an offer recorded since they were opened.
    func highRiskOffered() async throws -> (open: Int, offered: Int)
    /// Offers recorded from `from` up to (not including) `to`: how many, and how many accepted.
    func offers(from: Date, to: Date) async throws -> (offered: Int, accepted: Int)
}
