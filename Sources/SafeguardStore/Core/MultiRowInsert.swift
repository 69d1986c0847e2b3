import SQLKit

/// Multi-row INSERTs inside a unit of work, a few hundred rows at a time (under SQLite's bound-value limit). `target`
/// is `table (columns…)`; each row is `(values…)` with its values bound.
func insertRows(_ db: any SQLDatabase, into target: String, _ rows: [SQLQueryString]) async throws {
    for start in stride(from: 0, to: rows.count, by: 300) {
        let chunk = Array(rows[start..<min(start + 300, rows.count)])
        try await db.raw("INSERT INTO \(unsafeRaw: target) VALUES \(chunk.joined(separator: ", "))").run()
    }
}
