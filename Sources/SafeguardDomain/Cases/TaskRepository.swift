import Foundation
import SafeguardMatching

/// The task engine's storage. Changes that clocks make (escalate, reassign) are conditional updates that report
/// whether they happened, so two servers running the clocks at once never fire one task twice.
public protocol TaskRepository: Sendable {
    func create(_ task: CaseTask, byUserID: String?) async throws
    func find(id: String) async throws -> CaseTask?
    func forCase(_ caseID: String) async throws -> [CaseTask]
    /// Open tasks a user owns, or that were escalated to them, soonest due first.
    func open(for userID: String) async throws -> [CaseTask]
    /// Open tasks of one kind, soonest due first (the no-arrest reviews a sergeant works through).
    func open(kind: CaseTask.Kind, limit: Int) async throws -> [CaseTask]
    /// Open tasks set by this source (`assessment:<id>`, …).
    func open(source: String) async throws -> [CaseTask]
    /// Open tasks past due and not yet escalated, oldest first.
    func overdueUnescalated(at now: Date, limit: Int) async throws -> [CaseTask]
    /// Open tasks owned by users who cannot take work (away or inactive).
    func ownedByUnavailable(limit: Int) async throws -> [CaseTask]
    /// Marks the task complete if it is still open; false if someone completed it first.
    func complete(id: String, at: Date, by username: String, outcome: String) async throws -> Bool
    /// Escalates if not yet escalated; false if another run got there first.
    func escalate(id: String, to userID: String, at: Date) async throws -> Bool
    /// Moves an open task from `fromUserID` to `toUserID`; false if it had already moved or closed.
    func reassign(id: String, from fromUserID: String, to toUserID: String) async throws -> Bool
    /// Moves an escalation from `fromUserID` (now away) to `toUserID`; false if it had already moved or the task closed.
    func reescalate(id: String, from fromUserID: String, to toUserID: String) async throws -> Bool
    /// Open tasks escalated to users who cannot take work.
    func escalatedToUnavailable(limit: Int) async throws -> [CaseTask]
    /// Open tasks escalated at or before `before` and still not done, oldest escalation first.
    func escalatedAndStillOpen(before: Date, limit: Int) async throws -> [CaseTask]
    /// Escalates again, from `fromUserID` to `toUserID`, restarting the escalation clock; false if another run moved it
    /// first or it was done.
    func escalateFurther(id: String, from fromUserID: String, to toUserID: String, at: Date) async throws -> Bool
    /// Brings an open task's due time forward (never back).
    func bringForward(id: String, to dueAt: Date) async throws
}
