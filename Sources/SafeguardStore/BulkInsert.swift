import Foundation
import SQLKit

/// Multi-row INSERTs, chunked to stay under both engines' limits on bound parameters (SQLite 32,766; PostgreSQL 65,535).
struct BulkInsert {
    let db: any SQLDatabase

    func insert(into table: String, columns: [String], rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + perStatement, rows.count)
            var builder = db.insert(into: table).columns(columns)
            for row in rows[start..<end] { builder = builder.values(row) }
            try await builder.run()
            start = end
        }
    }
}
