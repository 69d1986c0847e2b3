import Foundation

extension Migration {
    /// Issue 22: a DAPO's positive requirements, each with its due date and compliance.
    static let m037OrderRequirements = Migration(version: 37, name: "Order requirements") { _ in
        [
            """
            CREATE TABLE order_requirements (id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES protective_orders (id), text TEXT NOT NULL,
              due_on TEXT NOT NULL, status TEXT NOT NULL, note TEXT, checked_by TEXT, checked_at BIGINT, recorded_by TEXT NOT NULL,
              recorded_by_user_id TEXT NOT NULL REFERENCES users (id), recorded_at BIGINT NOT NULL)
            """,
            "CREATE INDEX order_requirements_order ON order_requirements (order_id)",
            "CREATE INDEX order_requirements_pending ON order_requirements (due_on) WHERE status = 'pending'"
        ]
    }
}
