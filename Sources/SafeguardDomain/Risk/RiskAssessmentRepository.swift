import Foundation
import SafeguardMatching

/// Completed risk assessments (append-only: a new assessment is a new row, never an edit of an old one).
public protocol RiskAssessmentRepository: Sendable {
    /// Stores the assessment and its level in `risk_levels`, so the briefing and the person's history show it.
    func create(_ assessment: RiskAssessment, byUserID: String) async throws
    func forIncident(_ incidentID: String) async throws -> [RiskAssessment]
    func find(id: String) async throws -> RiskAssessment?
    /// The id of the most recent assessment of this person (by when it was made).
    func newestID(forPerson personID: String) async throws -> String?
    /// Saves the current level, the reviews and the dip-sample flag, and appends any new decision.
    func saveReview(_ assessment: RiskAssessment, newDecision: LevelDecision?, byUserID: String) async throws
    /// Assessments waiting for the sergeant's review (flagged first, then oldest), or the specialist's dip sample.
    func waiting(dipSample: Bool, limit: Int) async throws -> [RiskAssessment]
}
