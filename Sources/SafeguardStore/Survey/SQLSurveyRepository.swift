import Foundation
import SafeguardDomain
import SQLKit

/// Satisfaction surveys in `satisfaction_surveys` (her answers as a JSON object by question key), the calls made in
/// `survey_attempts`.
struct SQLSurveyRepository: SurveyRepository {
    let db: any SQLDatabase

    func create(_ s: SatisfactionSurvey) async throws {
        try await db.raw(
            """
            INSERT INTO satisfaction_surveys (id, case_id, case_reference, person_id, offered_at, status, answers)
            VALUES (\(bind: s.id), \(bind: s.caseID), \(bind: s.caseReference), \(bind: s.personID), \(bind: s.offeredAt.epoch), \(bind: s.status.rawValue),
              \(bind: try Self.encode(s.answers)))
            """
        ).run()
    }

    func find(id: String) async throws -> SatisfactionSurvey? {
        try await withAttempts(try await db.raw("SELECT * FROM satisfaction_surveys WHERE id = \(bind: id)").all().map(Self.survey)).first
    }

    func addAttempt(
        _ a: SurveyAttempt, surveyID: String, status: SatisfactionSurvey.Status, answers: [String: SatisfactionAnswer], expected: SatisfactionSurvey.Status
    ) async throws -> Bool {
        let changed = try await db.raw(
            """
            UPDATE satisfaction_surveys SET status = \(bind: status.rawValue), answers = \(bind: try Self.encode(answers))
            WHERE id = \(bind: surveyID) AND status = \(bind: expected.rawValue) RETURNING id
            """
        ).first()
        guard changed != nil else { return false }
        try await db.raw(
            """
            INSERT INTO survey_attempts (id, survey_id, at, by_username, outcome, left_message, note)
            VALUES (\(bind: a.id), \(bind: surveyID), \(bind: a.at.epoch), \(bind: a.by), \(bind: a.outcome.rawValue), \(bind: a.leftMessage), \(bind: a.note))
            """
        ).run()
        return true
    }

    func withStatus(_ status: SatisfactionSurvey.Status, limit: Int) async throws -> [SatisfactionSurvey] {
        try await withAttempts(
            try await db.raw(
                "SELECT * FROM satisfaction_surveys WHERE status = \(bind: status.rawValue) ORDER BY offered_at, id LIMIT \(bind: limit)"
            ).all().map(Self.survey))
    }

    func offered(from: Date, to: Date) async throws -> [SatisfactionSurvey] {
        try await db.raw(
            "SELECT * FROM satisfaction_surveys WHERE offered_at >= \(bind: from.epoch) AND offered_at < \(bind: to.epoch) ORDER BY offered_at, id"
        ).all().map(Self.survey)
    }

    func setWaiting(caseID: String, to status: SatisfactionSurvey.Status) async throws {
        try await db.raw(
            "UPDATE satisfaction_surveys SET status = \(bind: status.rawValue) WHERE case_id = \(bind: caseID) AND status = \(bind: SatisfactionSurvey.Status.waiting.rawValue)"
        ).run()
    }

    private static func encode(_ answers: [String: SatisfactionAnswer]) throws -> String {
        String(decoding: try JSONEncoder().encode(answers.mapValues(\.rawValue)), as: UTF8.self)
    }

    private static func survey(_ row: any SQLRow) throws -> SatisfactionSurvey {
        let raw = (try? JSONDecoder().decode([String: String].self, from: Data(try row.string("answers").utf8))) ?? [:]
        return SatisfactionSurvey(
            id: try row.string("id"), caseID: try row.string("case_id"), caseReference: try row.string("case_reference"), personID: try row.string("person_id"),
            offeredAt: try row.date("offered_at"), status: try row.choice(SatisfactionSurvey.Status.self, "status", in: "satisfaction_surveys"),
            answers: raw.compactMapValues(SatisfactionAnswer.init(rawValue:)))
    }

    private func withAttempts(_ surveys: [SatisfactionSurvey]) async throws -> [SatisfactionSurvey] {
        guard !surveys.isEmpty else { return [] }
        var byID: [String: [SurveyAttempt]] = [:]
        for row in try await db.raw("SELECT * FROM survey_attempts WHERE survey_id IN (\(binds: surveys.map(\.id))) ORDER BY at, id").all() {
            byID[try row.string("survey_id"), default: []].append(
                SurveyAttempt(
                    id: try row.string("id"), at: try row.date("at"), by: try row.string("by_username"),
                    outcome: try row.choice(SurveyAttempt.Outcome.self, "outcome", in: "survey_attempts"), leftMessage: try row.bool("left_message"),
                    note: try row.optionalString("note")))
        }
        return surveys.map {
            var s = $0
            s.attempts = byID[s.id] ?? []
            return s
        }
    }
}
