import Foundation
import SafeguardDomain
import SQLKit

/// Risk assessments, their reviews and level decisions in SQL; each level also goes to `risk_levels`.
struct SQLRiskAssessmentRepository: RiskAssessmentRepository {
    let db: any SQLDatabase

    func create(_ a: RiskAssessment, byUserID: String) async throws {
        let answers = String(decoding: try JSONEncoder().encode(a.answers), as: UTF8.self)
        let flags = String(decoding: try JSONEncoder().encode(a.flagReasons), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO risk_assessments (id, incident_id, person_id, instrument_id, instrument_version, answers, yes_count, level, rationale,
              flag_reasons, assessed_by, assessed_by_username, assessed_at, current_level, dip_sample)
            VALUES (\(bind: a.id), \(bind: a.incidentID), \(bind: a.personID), \(bind: a.instrumentID), \(bind: Int64(a.instrumentVersion)), \(bind: answers),
              \(bind: Int64(a.yesCount)), \(bind: a.level.rawValue), \(bind: a.rationale), \(bind: flags),
              \(bind: byUserID), \(bind: a.assessedBy), \(bind: a.assessedAt.epoch), \(bind: a.currentLevel.rawValue), \(bind: a.dipSample))
            """
        ).run()
        try await addRiskLevel(id: a.id, a, level: a.level, at: a.assessedAt, source: a.instrumentID, byUserID: byUserID)
    }

    func find(id: String) async throws -> RiskAssessment? {
        guard let row = try await db.raw("SELECT * FROM risk_assessments WHERE id = \(bind: id)").first() else { return nil }
        return try await withDecisions([try Self.assessment(row)]).first
    }

    func newestID(forPerson personID: String) async throws -> String? {
        try await db.raw("SELECT id FROM risk_assessments WHERE person_id = \(bind: personID) ORDER BY assessed_at DESC, id DESC LIMIT 1").first()?.string("id")
    }

    func forIncident(_ incidentID: String) async throws -> [RiskAssessment] {
        try await withDecisions(
            try await db.raw("SELECT * FROM risk_assessments WHERE incident_id = \(bind: incidentID) ORDER BY assessed_at, id").all().map(Self.assessment))
    }

    /// Flagged first, then high risk, then oldest: if the queue is longer than a page, tonight's high-risk
    /// assessments are not the ones left off it.
    func waiting(dipSample: Bool, limit: Int) async throws -> [RiskAssessment] {
        let rows =
            dipSample
            ? try await db.raw(
                """
                SELECT * FROM risk_assessments WHERE dip_sample = \(bind: true) AND dip_reviewed_at IS NULL
                ORDER BY assessed_at, id LIMIT \(unsafeRaw: String(max(1, min(limit, 1000))))
                """
            ).all()
            : try await db.raw(
                """
                SELECT * FROM risk_assessments WHERE reviewed_at IS NULL
                ORDER BY CASE WHEN flag_reasons = '[]' THEN 1 ELSE 0 END, CASE WHEN current_level = 'high' THEN 0 ELSE 1 END, assessed_at, id LIMIT \(unsafeRaw: String(max(1, min(limit, 1000))))
                """
            ).all()
        return try await withDecisions(try rows.map(Self.assessment))
    }

    func saveReview(_ a: RiskAssessment, newDecision: LevelDecision?, byUserID: String) async throws {
        try await db.raw(
            """
            UPDATE risk_assessments SET current_level = \(bind: a.currentLevel.rawValue),
              reviewed_by = \(bind: a.review?.byUsername), reviewed_at = \(bind: a.review?.at.epoch), review_note = \(bind: a.review?.note),
              dip_reviewed_by = \(bind: a.dipReview?.byUsername), dip_reviewed_at = \(bind: a.dipReview?.at.epoch), dip_review_note = \(bind: a.dipReview?.note)
            WHERE id = \(bind: a.id)
            """
        ).run()
        guard let d = newDecision else { return }
        try await db.raw(
            """
            INSERT INTO risk_level_decisions (id, assessment_id, from_level, to_level, reason, explanation, new_information, flagged_for_scrutiny,
              decided_by, decided_by_username, decided_by_role, decided_at, position)
            SELECT \(bind: d.id), \(bind: a.id), \(bind: d.fromLevel.rawValue), \(bind: d.toLevel.rawValue), \(bind: d.reason.rawValue), \(bind: d.explanation),
              \(bind: d.newInformation), \(bind: d.flaggedForScrutiny), \(bind: byUserID), \(bind: d.byUsername), \(bind: d.byRole.rawValue), \(bind: d.at.epoch),
              COALESCE(MAX(position), 0) + 1
            FROM risk_level_decisions WHERE assessment_id = \(bind: a.id)
            """
        ).run()
        try await addRiskLevel(id: d.id, a, level: d.toLevel, at: d.at, source: "review by \(d.byRole.rawValue)", byUserID: byUserID)
    }

    private func addRiskLevel(id: String, _ a: RiskAssessment, level: RiskLevel, at: Date, source: String, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO risk_levels (id, person_id, incident_id, level, assessed_at, source, assessed_by)
            VALUES (\(bind: id), \(bind: a.personID), \(bind: a.incidentID), \(bind: level.rawValue), \(bind: at.epoch), \(bind: source), \(bind: byUserID))
            """
        ).run()
    }

    private func withDecisions(_ assessments: [RiskAssessment]) async throws -> [RiskAssessment] {
        guard !assessments.isEmpty else { return [] }
        var byAssessment: [String: [LevelDecision]] = [:]
        for row in try await db.raw(
            """
            SELECT * FROM risk_level_decisions WHERE assessment_id IN (\(binds: assessments.map(\.id))) ORDER BY assessment_id, position
            """
        ).all() {
            let decision = LevelDecision(
                id: try row.string("id"), assessmentID: try row.string("assessment_id"),
                fromLevel: try row.choice(RiskLevel.self, "from_level", in: "risk_level_decisions"),
                toLevel: try row.choice(RiskLevel.self, "to_level", in: "risk_level_decisions"),
                reason: try row.choice(LevelChangeReason.self, "reason", in: "risk_level_decisions"), explanation: try row.string("explanation"),
                newInformation: try row.optionalString("new_information"), flaggedForScrutiny: try row.bool("flagged_for_scrutiny"),
                byUsername: try row.string("decided_by_username"), byRole: try row.choice(Role.self, "decided_by_role", in: "risk_level_decisions"),
                at: try row.date("decided_at"))
            byAssessment[decision.assessmentID, default: []].append(decision)
        }
        return assessments.map { a in
            var with = a
            with.decisions = byAssessment[a.id] ?? []
            return with
        }
    }

    static func assessment(_ row: any SQLRow) throws -> RiskAssessment {
        var a = RiskAssessment(
            id: try row.string("id"), incidentID: try row.string("incident_id"), personID: try row.string("person_id"),
            instrumentID: try row.string("instrument_id"), instrumentVersion: try row.int("instrument_version"),
            answers: try JSONDecoder().decode([RiskAnswer].self, from: Data(try row.string("answers").utf8)),
            yesCount: try row.int("yes_count"), level: try row.choice(RiskLevel.self, "level", in: "risk_assessments"),
            rationale: try row.string("rationale"),
            flagReasons: try JSONDecoder().decode([String].self, from: Data(try row.string("flag_reasons").utf8)),
            assessedBy: try row.string("assessed_by_username"), assessedAt: try row.date("assessed_at"))
        a.currentLevel = try row.choice(RiskLevel.self, "current_level", in: "risk_assessments")
        a.dipSample = try row.bool("dip_sample")
        if let by = try row.optionalString("reviewed_by"), let at = try row.optionalDate("reviewed_at") {
            a.review = RiskReview(byUsername: by, at: at, note: try row.optionalString("review_note"))
        }
        if let by = try row.optionalString("dip_reviewed_by"), let at = try row.optionalDate("dip_reviewed_at") {
            a.dipReview = RiskReview(byUsername: by, at: at, note: try row.optionalString("dip_review_note"))
        }
        return a
    }
}
