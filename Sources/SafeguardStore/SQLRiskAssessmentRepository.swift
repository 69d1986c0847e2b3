import Foundation
import SafeguardDomain
import SQLKit

/// Risk assessments in SQL; each also records its level in `risk_levels`.
struct SQLRiskAssessmentRepository: RiskAssessmentRepository {
    let db: any SQLDatabase

    func create(_ a: RiskAssessment, byUserID: String) async throws {
        let answers = String(decoding: try JSONEncoder().encode(a.answers), as: UTF8.self)
        let flags = String(decoding: try JSONEncoder().encode(a.flagReasons), as: UTF8.self)
        try await db.raw("""
            INSERT INTO risk_assessments (id, incident_id, person_id, instrument_id, instrument_version, answers, yes_count, level, rationale,
              below_threshold_rationale, flag_reasons, assessed_by, assessed_by_username, assessed_at)
            VALUES (\(bind: a.id), \(bind: a.incidentID), \(bind: a.personID), \(bind: a.instrumentID), \(bind: Int64(a.instrumentVersion)), \(bind: answers),
              \(bind: Int64(a.yesCount)), \(bind: a.level.rawValue), \(bind: a.rationale), \(bind: a.belowThresholdRationale), \(bind: flags),
              \(bind: byUserID), \(bind: a.assessedBy), \(bind: a.assessedAt.epoch))
            """).run()
        try await db.raw("""
            INSERT INTO risk_levels (id, person_id, incident_id, level, assessed_at, source, assessed_by)
            VALUES (\(bind: a.id), \(bind: a.personID), \(bind: a.incidentID), \(bind: a.level.rawValue), \(bind: a.assessedAt.epoch), \(bind: a.instrumentID), \(bind: byUserID))
            """).run()
    }

    func forIncident(_ incidentID: String) async throws -> [RiskAssessment] {
        try await db.raw("SELECT * FROM risk_assessments WHERE incident_id = \(bind: incidentID) ORDER BY assessed_at, id").all().map { row in
            RiskAssessment(
                id: try row.string("id"), incidentID: try row.string("incident_id"), personID: try row.string("person_id"),
                instrumentID: try row.string("instrument_id"), instrumentVersion: try row.int("instrument_version"),
                answers: try JSONDecoder().decode([RiskAnswer].self, from: Data(try row.string("answers").utf8)),
                yesCount: try row.int("yes_count"), level: RiskLevel(rawValue: try row.string("level")) ?? .high,
                rationale: try row.string("rationale"), belowThresholdRationale: try row.optionalString("below_threshold_rationale"),
                flagReasons: try JSONDecoder().decode([String].self, from: Data(try row.string("flag_reasons").utf8)),
                assessedBy: try row.string("assessed_by_username"), assessedAt: try row.date("assessed_at"))
        }
    }
}
