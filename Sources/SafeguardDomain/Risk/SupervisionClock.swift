import Foundation

/// Rule 16's and 17's clocks: a review is a task with a due time, never only a place in a queue, so an assessment no
/// supervisor looks at becomes late and escalates like any other task (the national report's reviews that never happen).
public enum SupervisionClock {
    /// When a sergeant's review of an assessment at `level` is due (policy `assessmentReviewHours`).
    public static func reviewDue(level: RiskLevel, assessedAt: Date, policy: ForcePolicy) -> Date {
        assessedAt.addingTimeInterval(Double(policy.assessmentReviewHours[level.rawValue] ?? 24) * 3600)
    }

    /// When a DA specialist's dip sample of an assessment is due (policy `dipSampleReviewDays`).
    public static func dipSampleDue(assessedAt: Date, policy: ForcePolicy) -> Date {
        assessedAt.addingTimeInterval(Double(policy.dipSampleReviewDays) * 86_400)
    }

    /// What a review task names as its source, so the review that does the work also closes the task.
    public static func source(assessmentID: String) -> String { "assessment:\(assessmentID)" }
}

extension SafeguardService {
    /// Sets the review clocks of a new assessment: the sergeant of the assessing officer's team (or the next supervisor
    /// up who is here, or any sergeant here) reviews it within the policy's hours for its level; one chosen for the dip
    /// sample is also given to a DA specialist who is here, within the policy's days.
    func setReviewClocks(
        _ tx: any RepositoryTransaction, _ actor: Actor, assessment: RiskAssessment, caseID: String?, reference: String, at now: Date
    ) async throws {
        let users = try await usersByID(tx)
        let assessor = users[actor.user.id] ?? actor.user
        // Never the assessor, who may not review their own assessment, unless nobody at all can (then it stays, late, in view).
        let sergeant =
            CaseAllocationRules.cover(for: assessor, users: users)
            ?? users.values.filter { $0.role == .daSpecialist && $0.canTakeWork && $0.id != assessor.id }.min { $0.username < $1.username } ?? assessor
        let source = SupervisionClock.source(assessmentID: assessment.id)
        try await createTask(
            tx,
            CaseTask(
                id: Self.newID(at: now), caseID: caseID, incidentID: assessment.incidentID, kind: .reviewAssessment,
                // No name in a title: a task list is read by roles that may not see a restricted victim (rule 33).
                title: "Review \(assessor.displayName)'s \(assessment.level.rawValue)-risk assessment on \(reference)",
                owner: CaseUser(sergeant), dueAt: SupervisionClock.reviewDue(level: assessment.level, assessedAt: now, policy: policy), createdAt: now,
                source: source), actor: actor, at: now)
        // Only a specialist's review closes a dip sample; with none here, it waits on the dip-sample queue.
        guard assessment.dipSample,
            let specialist = users.values.filter({ $0.role == .daSpecialist && $0.canTakeWork && $0.id != actor.user.id }).min(by: { $0.username < $1.username }
            )
        else { return }
        try await createTask(
            tx,
            CaseTask(
                id: Self.newID(at: now), caseID: caseID, incidentID: assessment.incidentID, kind: .dipSampleReview,
                title: "Dip-sample the standard-risk assessment on \(reference)", owner: CaseUser(specialist),
                dueAt: SupervisionClock.dipSampleDue(assessedAt: now, policy: policy), createdAt: now, source: source), actor: actor, at: now)
    }

    /// The review done closes its clock: the sergeant's review task, or the specialist's dip-sample task.
    func stopReviewClock(_ tx: any RepositoryTransaction, _ actor: Actor, assessmentID: String, kind: CaseTask.Kind, outcome: String, at now: Date) async throws
    {
        for task in try await tx.tasks.open(source: SupervisionClock.source(assessmentID: assessmentID)) where task.kind == kind {
            _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: outcome)
        }
    }
}
