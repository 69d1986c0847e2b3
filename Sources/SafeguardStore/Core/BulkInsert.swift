import Foundation
import Logging
import NIOCore
import PostgresKit
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

/// Loads many rows at once through each engine's fastest path: multi-row INSERTs with values bound straight
/// to SQLite (chunked under its 32,766-parameter limit), and `COPY … FROM STDIN` on PostgreSQL.
/// Going through SQLKit's general-purpose binding instead made a 20,000-person demo take 25 s on PostgreSQL.
struct BulkInsert {
    let connection: BulkConnection
    var logger = Logger(label: "safeguard.bulk")

    /// `copyText` is the rows already in COPY's text format (see `copyPayload`), when the caller prepared it.
    func insert(into table: String, columns: [String], rows: [[any BulkBindable]], copyText: String? = nil) async throws {
        guard !rows.isEmpty else { return }
        if case .postgres(let postgres) = connection {
            let text = copyText ?? Self.copyPayload(rows)
            try await postgres.copyFrom(table: table, columns: columns, logger: logger) { writer in
                try await writer.write(ByteBuffer(string: text))
            }
            return
        }
        let perStatement = max(1, 30_000 / columns.count)
        var start = 0
        while start < rows.count {
            let end = min(start + perStatement, rows.count)
            let chunk = rows[start..<end]
            switch connection {
            case .sqlite(let sqlite):
                let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
                let sql =
                    "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES "
                    + Array(repeating: placeholders, count: chunk.count).joined(separator: ",")
                var binds: [SQLiteData] = []
                binds.reserveCapacity(chunk.count * columns.count)
                for row in chunk {
                    for value in row { binds.append(Self.sqlite(value.bulkValue)) }
                }
                _ = try await sqlite.query(sql, binds)
            case .postgres:
                break  // handled above with COPY
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

    /// Rows in COPY's text format: tab between values, newline after each row. Built as one string because
    /// NIO's per-byte writes are slow in debug builds, which is how developers and the demo run.
    static func copyPayload(_ rows: [[any BulkBindable]]) -> String {
        var text = ""
        for row in rows {
            for (index, value) in row.enumerated() {
                if index > 0 { text.append("\t") }
                text.append(copyText(value.bulkValue))
            }
            text.append("\n")
        }
        return text
    }

    /// A value in COPY's text format: `\N` for NULL, `t`/`f`, and backslash escapes for the characters COPY reserves.
    private static func copyText(_ value: BulkValue) -> String {
        switch value {
        case .null: return "\\N"
        case .bool(let flag): return flag ? "t" : "f"
        case .integer(let number): return String(number)
        case .text(let text):
            guard text.utf8.contains(where: { $0 == 92 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return text }
            return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        }
    }
}
