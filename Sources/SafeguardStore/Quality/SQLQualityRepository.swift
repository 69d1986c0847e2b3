import Foundation
import SafeguardDomain
import SQLKit

/// Dip samples in `quality_samples` (findings as a JSON object by measure); the work they are drawn from read from
/// `incident_calls` and `scene_records`.
struct SQLQualityRepository: QualityRepository {
    let db: any SQLDatabase

    func create(_ s: QualitySample, reviewerID: String) async throws {
        try await db.raw(
            """
            INSERT INTO quality_samples (id, kind, incident_id, reference, worker, team, drawn_at, drawn_by, reviewer, reviewer_user_id, due_at)
            VALUES (\(bind: s.id), \(bind: s.kind.rawValue), \(bind: s.incidentID), \(bind: s.reference), \(bind: s.worker), \(bind: s.team),
              \(bind: s.drawnAt.epoch), \(bind: s.drawnBy), \(bind: s.reviewer), \(bind: reviewerID), \(bind: s.dueAt.epoch))
            """
        ).run()
    }

    func find(id: String) async throws -> QualitySample? {
        try await db.raw("SELECT * FROM quality_samples WHERE id = \(bind: id)").first().map(Self.sample)
    }

    func saveFindings(id: String, answers: [String: QualityAnswer], note: String?, at: Date) async throws -> Bool {
        let json = String(decoding: try JSONEncoder().encode(answers.mapValues(\.rawValue)), as: UTF8.self)
        return try await db.raw(
            """
            UPDATE quality_samples SET answers = \(bind: json), note = \(bind: note), reviewed_at = \(bind: at.epoch)
            WHERE id = \(bind: id) AND reviewed_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    func drawn(from: Date, to: Date) async throws -> [QualitySample] {
        try await db.raw(
            "SELECT * FROM quality_samples WHERE drawn_at >= \(bind: from.epoch) AND drawn_at < \(bind: to.epoch) ORDER BY drawn_at DESC, id"
        ).all().map(Self.sample)
    }

    func sampledIncidents(kind: QualitySampleKind) async throws -> Set<String> {
        Set(try await db.raw("SELECT incident_id FROM quality_samples WHERE kind = \(bind: kind.rawValue)").all().map { try $0.string("incident_id") })
    }

    func calls(from: Date, to: Date) async throws -> [QualityCandidate] {
        try await db.raw(
            """
            SELECT c.incident_id, i.reference, c.recorded_by, c.recorded_at FROM incident_calls c JOIN incidents i ON i.id = c.incident_id
            WHERE c.recorded_at >= \(bind: from.epoch) AND c.recorded_at < \(bind: to.epoch)
            """
        ).all().map { row in
            QualityCandidate(
                incidentID: try row.string("incident_id"), reference: try row.string("reference"), workerID: try row.string("recorded_by"),
                at: try row.date("recorded_at"), arrested: nil, hasRationale: false, crimeRecorded: false)
        }
    }

    func scenes(from: Date, to: Date) async throws -> [QualityCandidate] {
        try await db.raw(
            """
            SELECT s.incident_id, i.reference, s.recorded_by, s.recorded_at, s.arrested, s.no_arrest_rationale, s.crime_recorded
            FROM scene_records s JOIN incidents i ON i.id = s.incident_id
            WHERE s.recorded_at >= \(bind: from.epoch) AND s.recorded_at < \(bind: to.epoch)
            """
        ).all().map { row in
            QualityCandidate(
                incidentID: try row.string("incident_id"), reference: try row.string("reference"), workerID: try row.string("recorded_by"),
                at: try row.date("recorded_at"), arrested: try row.bool("arrested"), hasRationale: try row.optionalString("no_arrest_rationale") != nil,
                crimeRecorded: try row.bool("crime_recorded"))
        }
    }

    private static func sample(_ row: any SQLRow) throws -> QualitySample {
        let raw = (try? JSONDecoder().decode([String: String].self, from: Data(try row.string("answers").utf8))) ?? [:]
        return QualitySample(
            id: try row.string("id"), kind: try row.choice(QualitySampleKind.self, "kind", in: "quality_samples"), incidentID: try row.string("incident_id"),
            reference: try row.string("reference"), worker: try row.string("worker"), team: try row.string("team"), drawnAt: try row.date("drawn_at"),
            drawnBy: try row.string("drawn_by"), reviewer: try row.string("reviewer"), dueAt: try row.date("due_at"),
            reviewedAt: try row.decode(column: "reviewed_at", as: Int64?.self).map { Date(timeIntervalSince1970: Double($0)) },
            answers: raw.compactMapValues(QualityAnswer.init(rawValue:)), note: try row.optionalString("note"))
    }
}
