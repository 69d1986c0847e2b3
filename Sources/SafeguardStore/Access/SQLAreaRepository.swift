import Foundation
import SafeguardDomain
import SQLKit

/// Policing areas in SQL.
struct SQLAreaRepository: AreaRepository {
    let db: any SQLDatabase

    func create(_ area: Area) async throws {
        try await db.raw(
            "INSERT INTO areas (id, code, name, postcodes) VALUES (\(bind: area.id), \(bind: area.code), \(bind: area.name), \(bind: area.postcodes.joined(separator: ",")))"
        ).run()
    }

    func find(code: String) async throws -> Area? {
        try await db.raw("SELECT * FROM areas WHERE code = \(bind: code)").first().map(Self.area)
    }

    func find(id: String) async throws -> Area? {
        try await db.raw("SELECT * FROM areas WHERE id = \(bind: id)").first().map(Self.area)
    }

    func all() async throws -> [Area] {
        try await db.raw("SELECT * FROM areas ORDER BY code").all().map(Self.area)
    }

    static func area(_ row: any SQLRow) throws -> Area {
        Area(
            id: try row.string("id"), code: try row.string("code"), name: try row.string("name"),
            postcodes: try row.string("postcodes").split(separator: ",").map(String.init))
    }
}
