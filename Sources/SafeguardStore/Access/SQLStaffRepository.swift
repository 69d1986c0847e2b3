import Foundation
import SafeguardDomain
import SQLKit

/// The force's staff list in SQL, and the restriction of the records that match it.
struct SQLStaffRepository: StaffRepository {
    let db: any SQLDatabase

    func replaceAll(_ members: [StaffMember], at: Date) async throws {
        try await db.raw("DELETE FROM staff_members").run()
        for member in members {
            try await db.raw(
                """
                INSERT INTO staff_members (staff_number, first_name, surname, date_of_birth, match_key, loaded_at)
                VALUES (\(bind: member.staffNumber), \(bind: member.firstName), \(bind: member.surname), \(bind: member.dateOfBirth),
                  \(bind: member.key), \(bind: at.epoch))
                """
            ).run()
        }
    }

    func contains(key: String) async throws -> Bool {
        try await db.raw("SELECT 1 AS found FROM staff_members WHERE match_key = \(bind: key) LIMIT 1").first() != nil
    }

    func members(bornOn dates: [String]) async throws -> [StaffMember] {
        guard !dates.isEmpty else { return [] }
        return try await db.raw(
            "SELECT staff_number, first_name, surname, date_of_birth FROM staff_members WHERE date_of_birth IN (\(binds: dates)) ORDER BY staff_number"
        ).all().map {
            StaffMember(
                staffNumber: try $0.decode(column: "staff_number", as: String.self), firstName: try $0.decode(column: "first_name", as: String.self),
                surname: try $0.decode(column: "surname", as: String.self), dateOfBirth: try $0.decode(column: "date_of_birth", as: String.self))
        }
    }

    func peopleBorn(on dates: [String]) async throws -> [(id: String, firstName: String, surname: String, dateOfBirth: String, restricted: Bool)] {
        guard !dates.isEmpty else { return [] }
        return try await db.raw(
            "SELECT id, first_name, surname, date_of_birth, restricted FROM people WHERE date_of_birth IN (\(binds: dates)) ORDER BY id"
        ).all().map {
            (
                id: try $0.decode(column: "id", as: String.self), firstName: try $0.decode(column: "first_name", as: String.self),
                surname: try $0.decode(column: "surname", as: String.self), dateOfBirth: try $0.decode(column: "date_of_birth", as: String.self),
                restricted: try $0.decode(column: "restricted", as: Bool.self)
            )
        }
    }

    func restrict(personID: String, at: Date) async throws {
        // The record as it was goes to its history, as with any edit, under the staff list's name.
        let people = SQLPeopleRepository(db: db)
        guard let current = try await people.find(id: personID) else { throw DomainError.notFound(kind: "person", id: personID) }
        try await db.raw(
            "UPDATE people SET restricted = \(bind: true), version = version + 1, updated_at = \(bind: at.epoch) WHERE id = \(bind: personID)"
        ).run()
        try await people.keepHistory(of: current, changedBy: "staff-list", at: at)
    }
}
