import Foundation

extension Migration {
    /// Issue 20 part 8: a call is closed, cancelled or resolved by phone (who, why, when) and leaves the live queue.
    static let m027CallClosures = Migration(version: 27, name: "calls closed, cancelled or resolved by phone") { _ in
        [
            "ALTER TABLE incident_responses ADD COLUMN closure_kind TEXT",
            "ALTER TABLE incident_responses ADD COLUMN closure_reason TEXT",
            "ALTER TABLE incident_responses ADD COLUMN closed_by TEXT",
            "ALTER TABLE incident_responses ADD COLUMN closed_at BIGINT"
        ]
    }
}
