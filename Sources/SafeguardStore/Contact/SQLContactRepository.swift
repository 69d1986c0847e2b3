import Foundation
import SafeguardDomain
import SQLKit

/// Safe-contact details and the contact log in SQL.
struct SQLContactRepository: ContactRepository {
    let db: any SQLDatabase

    func safeContact(forPeople ids: [String]) async throws -> SafeContact? {
        guard !ids.isEmpty else { return nil }
        return try await db.raw("SELECT * FROM safe_contacts WHERE person_id IN (\(binds: ids)) ORDER BY updated_at DESC LIMIT 1").first().map { row in
            SafeContact(
                personID: try row.string("person_id"), safeNumber: try row.optionalString("safe_number"), safeTimes: try row.optionalString("safe_times"),
                mayLeaveMessage: try row.bool("may_leave_message"), language: try row.optionalString("language"),
                viaIDVAOnly: try row.bool("via_idva_only"), notes: try row.optionalString("notes"),
                updatedBy: try row.string("updated_by_username"), updatedAt: try row.date("updated_at"))
        }
    }

    func saveSafeContact(_ s: SafeContact) async throws {
        // Rule 34: the version this replaces is kept first (nothing, the first time).
        try await db.raw(
            """
            INSERT INTO safe_contact_history (id, person_id, safe_number, safe_times, may_leave_message, language, via_idva_only, notes,
              updated_by_username, updated_at, replaced_at)
            SELECT \(bind: SafeguardService.newID(at: s.updatedAt)), person_id, safe_number, safe_times, may_leave_message, language, via_idva_only, notes,
              updated_by_username, updated_at, \(bind: s.updatedAt.epoch)
            FROM safe_contacts WHERE person_id = \(bind: s.personID)
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO safe_contacts (person_id, safe_number, safe_times, may_leave_message, language, via_idva_only, notes, updated_by_username, updated_at)
            VALUES (\(bind: s.personID), \(bind: s.safeNumber), \(bind: s.safeTimes), \(bind: s.mayLeaveMessage), \(bind: s.language), \(bind: s.viaIDVAOnly),
              \(bind: s.notes), \(bind: s.updatedBy), \(bind: s.updatedAt.epoch))
            ON CONFLICT (person_id) DO UPDATE SET safe_number = excluded.safe_number, safe_times = excluded.safe_times,
              may_leave_message = excluded.may_leave_message, language = excluded.language, via_idva_only = excluded.via_idva_only,
              notes = excluded.notes, updated_by_username = excluded.updated_by_username, updated_at = excluded.updated_at
            """
        ).run()
    }

    func add(_ e: ContactEntry, byUserID: String, at recordedAt: Date) async throws {
        try await db.raw(
            """
            INSERT INTO contacts (id, person_id, case_id, at, team, method, reached, summary, task_id, made_by, recorded_by, recorded_at)
            VALUES (\(bind: e.id), \(bind: e.personID), \(bind: e.caseID), \(bind: e.at.epoch), \(bind: e.team.rawValue), \(bind: e.method.rawValue),
              \(bind: e.reached), \(bind: e.summary), \(bind: e.taskID), \(bind: e.madeBy), \(bind: byUserID), \(bind: recordedAt.epoch))
            """
        ).run()
    }

    func log(forPeople ids: [String], limit: Int) async throws -> [ContactEntry] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw("SELECT * FROM contacts WHERE person_id IN (\(binds: ids)) ORDER BY at DESC, id DESC LIMIT \(bind: limit)").all().map { row in
            ContactEntry(
                id: try row.string("id"), personID: try row.string("person_id"), caseID: try row.optionalString("case_id"), at: try row.date("at"),
                team: try row.choice(ContactEntry.Team.self, "team", in: "contacts"),
                method: try row.choice(ContactEntry.Method.self, "method", in: "contacts"),
                reached: try row.bool("reached"), summary: try row.string("summary"), taskID: try row.optionalString("task_id"),
                madeBy: try row.string("made_by"))
        }
    }
}
