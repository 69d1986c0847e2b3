import Foundation
import SafeguardDomain
import SQLKit

/// Officer-safety warnings in `warnings`, one table for people, addresses and phones; ending one sets its end
/// columns, nothing is deleted.
struct SQLWarningRepository: WarningRepository {
    let db: any SQLDatabase

    static let columns = "id, subject_kind, subject_id, kind, note, expires_on, added_by, added_at, ended_at, ended_by, end_reason"

    func create(_ w: Marker) async throws {
        try await db.raw(
            """
            INSERT INTO warnings (id, subject_kind, subject_id, kind, note, expires_on, added_by, added_at)
            VALUES (\(bind: w.id), \(bind: w.subjectKind.rawValue), \(bind: w.subjectID), \(bind: w.kind), \(bind: w.detail), \(bind: w.expiresOn),
              \(bind: w.addedBy), \(bind: (w.addedAt ?? Date(epoch: 0)).epoch))
            """
        ).run()
    }

    func find(id: String) async throws -> Marker? {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM warnings WHERE id = \(bind: id)").first().map(Self.warning)
    }

    func end(id: String, at: Date, by username: String, reason: String) async throws -> Bool {
        let rows = try await db.raw(
            """
            UPDATE warnings SET ended_at = \(bind: at.epoch), ended_by = \(bind: username), end_reason = \(bind: reason)
            WHERE id = \(bind: id) AND ended_at IS NULL RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    func on(_ kind: WarningSubjectKind, ids: [String]) async throws -> [Marker] {
        try await Self.read(db, kind, ids: ids, endedToo: true)
    }

    /// The warnings still in force (not ended) on these subjects, by subject: what a person or address read carries.
    static func current(_ db: any SQLDatabase, _ kind: WarningSubjectKind, ids: [String]) async throws -> [String: [Marker]] {
        Dictionary(grouping: try await read(db, kind, ids: ids, endedToo: false), by: \.subjectID)
    }

    private static func read(_ db: any SQLDatabase, _ kind: WarningSubjectKind, ids: [String], endedToo: Bool) async throws -> [Marker] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT \(unsafeRaw: columns) FROM warnings WHERE subject_kind = \(bind: kind.rawValue)
              AND subject_id IN (\(binds: ids))\(unsafeRaw: endedToo ? "" : " AND ended_at IS NULL") ORDER BY added_at, id
            """
        ).all().map(warning)
    }

    static func warning(_ row: any SQLRow) throws -> Marker {
        var w = Marker(
            id: try row.string("id"), subjectKind: try row.choice(WarningSubjectKind.self, "subject_kind", in: "warnings"),
            subjectID: try row.string("subject_id"), kind: try row.string("kind"), detail: try row.string("note"),
            addedBy: try row.optionalString("added_by"), addedAt: try row.date("added_at"), expiresOn: try row.optionalString("expires_on"))
        w.endedAt = try row.optionalDate("ended_at")
        w.endedBy = try row.optionalString("ended_by")
        w.endReason = try row.optionalString("end_reason")
        return w
    }
}
