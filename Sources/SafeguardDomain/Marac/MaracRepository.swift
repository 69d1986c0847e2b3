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
    /// Referrals made from `from` up to (not including) `to`, oldest first.
    func referrals(from: Date, to: Date) async throws -> [MaracReferral]

    func createMeeting(_ meeting: MaracMeeting, byUserID: String) async throws
    func meeting(id: String) async throws -> MaracMeeting?
    /// Newest first.
    func meetings(limit: Int) async throws -> [MaracMeeting]
    /// Referrals made by `before` that no meeting has heard yet, oldest first.
    func waitingReferrals(before: Date) async throws -> [MaracReferral]
    /// Puts these referrals, those still waiting, on a meeting's agenda; how many.
    func placeOnAgenda(meetingID: String, referralIDs: [String]) async throws -> Int
    /// The referrals a meeting hears, oldest first.
    func agenda(meetingID: String) async throws -> [MaracReferral]
    func setMinutesSent(meetingID: String, at: Date) async throws -> Bool
    func recordOutcome(meetingID: String, caseID: String, summary: String, by: String, at: Date) async throws
    /// What the meeting said of each case it heard, by case id.
    func outcomes(meetingID: String) async throws -> [String: String]

    func addAction(_ action: MaracAction, byUserID: String) async throws
    func action(id: String) async throws -> MaracAction?
    func actions(meetingID: String) async throws -> [MaracAction]
    /// Open actions of meetings held before `day`, for the cases named (every case when nil), oldest due first.
    func openActions(heldBefore day: String, caseIDs: [String]?) async throws -> [MaracAction]
    func updateAction(_ action: MaracAction) async throws
    /// Open actions nobody has chased yet whose due day is before `day`, earliest due first. Which of them are overdue
    /// is `MaracAction.overdue(on:)`'s to say; this only fetches.
    func unchasedOpenActions(dueBefore day: String, limit: Int) async throws -> [MaracAction]
    func markChased(actionID: String, at: Date) async throws -> Bool

    func addResearch(_ note: MaracResearchNote, byUserID: String) async throws
    func research(meetingID: String) async throws -> [MaracResearchNote]
    /// Records (or replaces) an agency's attendance at a meeting.
    func setAttendance(meetingID: String, _ attendance: MaracAttendance) async throws
    func attendance(meetingID: String) async throws -> [MaracAttendance]
}
