import Foundation

/// Storage of retention reviews and disposals (rule 34). Facts in, facts out: the rules are `RetentionRules`'.
public protocol RetentionRepository: Sendable {
    /// People not disposed of, made before `quietSince`, with no incident and no case opened or closed since then, no
    /// case open, and no review set for after `today`: those who may be due (the rules decide which are), and every
    /// record marked for disposal; oldest first, at most `limit`.
    func candidates(quietSince: Date, today: String, limit: Int) async throws -> [String]
    /// The facts the rules read for each of `personIDs`.
    func facts(personIDs: [String]) async throws -> [RetentionFacts]
    func addDecision(_ decision: RetentionDecision, byUserID: String) async throws
    /// Removes what identifies the person (names, date of birth, phones, emails, addresses, markers, safe contact,
    /// the match index and the earlier versions of her record) and marks the record disposed. What counts her in the
    /// figures (sex, ethnicity, her parts in incidents, her cases) stays, no longer naming her; the audit log is not
    /// touched. Returns false when the record was already disposed of.
    func dispose(personID: String, at: Date) async throws -> Bool
}

/// Storage of subject access and disclosure requests (rule 34).
public protocol InformationRequestRepository: Sendable {
    func create(_ request: InformationRequest, byUserID: String) async throws
    /// Records the answer, if the request is still open; false when someone answered it first.
    func answer(_ request: InformationRequest) async throws -> Bool
    func find(id: String) async throws -> InformationRequest?
    /// Newest first; `personID` narrows to one person's.
    func all(personID: String?) async throws -> [InformationRequest]
}
