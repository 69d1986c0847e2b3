import Foundation

extension Migration {
    /// The retention queue walks people oldest first and stops at a page of candidates: in created order by an
    /// index, rather than sorting every person on each load.
    static let m048RetentionQueueIndex = Migration(version: 48, name: "Retention queue order") { _ in
        ["CREATE INDEX people_created ON people (created_at, id)"]
    }
}
