import Foundation

extension Migration {
    /// Issue 20 part 4: supervision has clocks. A review is found by the assessment that set it (`assessment:<id>`),
    /// so the review queue shows each one's due time and a review completes its task.
    static let m026TaskSources = Migration(version: 26, name: "tasks found by what set them") { _ in
        ["CREATE INDEX tasks_source ON tasks (source)"]
    }
}
