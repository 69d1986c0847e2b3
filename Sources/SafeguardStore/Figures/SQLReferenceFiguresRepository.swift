import Foundation
import SafeguardDomain
import SQLKit

/// The force's monthly reference totals in `reference_figures` (outcomes as a JSON object by kind).
struct SQLReferenceFiguresRepository: ReferenceFiguresRepository {
    let db: any SQLDatabase

    func save(_ f: ReferenceFigures) async throws {
        let outcomes = String(decoding: try JSONEncoder().encode(f.outcomes), as: UTF8.self)
        try await db.raw("DELETE FROM reference_figures WHERE month = \(bind: f.month) AND category = \(bind: f.category.rawValue)").run()
        try await db.raw(
            """
            INSERT INTO reference_figures (month, category, crimes, outcomes, entered_by, entered_at)
            VALUES (\(bind: f.month), \(bind: f.category.rawValue), \(bind: f.crimes), \(bind: outcomes), \(bind: f.enteredBy), \(bind: f.enteredAt.epoch))
            """
        ).run()
    }

    func months(from fromMonth: String, to toMonth: String) async throws -> [ReferenceFigures] {
        try await db.raw(
            "SELECT * FROM reference_figures WHERE month >= \(bind: fromMonth) AND month <= \(bind: toMonth) ORDER BY month, category"
        ).all().map { row in
            ReferenceFigures(
                month: try row.string("month"), category: try row.choice(ReferenceFigures.Category.self, "category", in: "reference_figures"),
                crimes: try row.int("crimes"),
                outcomes: (try? JSONDecoder().decode([String: Int].self, from: Data(try row.string("outcomes").utf8))) ?? [:],
                enteredBy: try row.string("entered_by"), enteredAt: try row.date("entered_at"))
        }
    }
}
