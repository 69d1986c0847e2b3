import Foundation
import SQLKit
import SQLiteKit

/// A value for a bulk insert, in the few shapes our columns take.
enum BulkValue: Sendable {
    case text(String), integer(Int64), bool(Bool), null
}

/// Anything that can go in a bulk-inserted column.
protocol BulkBindable: Sendable { var bulkValue: BulkValue { get } }
extension String: BulkBindable { var bulkValue: BulkValue { .text(self) } }
extension Int64: BulkBindable { var bulkValue: BulkValue { .integer(self) } }
extension Bool: BulkBindable { var bulkValue: BulkValue { .bool(self) } }
extension Optional: BulkBindable where Wrapped: BulkBindable { var bulkValue: BulkValue { self?.bulkValue ?? .null } }

/// Multi-row INSERTs for loading many rows at once, chunked to stay under both engines' limits on bound
/// parameters (SQLite 32,766; PostgreSQL 65,535). On SQLite the values go straight to SQLite: SQLKit's
/// general-purpose encoding of each value cost most of the load time (64 of 74 s for a 100,000-person demo).
struct BulkInsert {
    let connection: BulkConnection

    func insert(into table: String, columns: [String], rows: [[any BulkBindable]]) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + perStatement, rows.count)
            let chunk = rows[start..<end]
            switch connection {
            case .sqlite(let sqlite):
                let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
                let sql = "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES " + Array(repeating: placeholders, count: chunk.count).joined(separator: ",")
                var binds: [SQLiteData] = []
                binds.reserveCapacity(chunk.count * columns.count)
                for row in chunk {
                    for value in row { binds.append(Self.sqlite(value.bulkValue)) }
                }
                _ = try await sqlite.query(sql, binds)
            case .sql(let db):
                var builder = db.insert(into: table).columns(columns)
                for row in chunk { builder = builder.values(row.map { Self.encodable($0.bulkValue) }) }
                try await builder.run()
            }
            start = end
        }
    }

    private static func sqlite(_ value: BulkValue) -> SQLiteData {
        switch value {
        case .text(let text): .text(text)
        case .integer(let number): .integer(Int(number))
        case .bool(let flag): .integer(flag ? 1 : 0)
        case .null: .null
        }
    }

    private static func encodable(_ value: BulkValue) -> any Encodable & Sendable {
        switch value {
        case .text(let text): text
        case .integer(let number): number
        case .bool(let flag): flag
        // Every nullable column we bulk-load is text, and PostgreSQL types a NULL parameter by its bind.
        case .null: String?.none
        }
    }
}
