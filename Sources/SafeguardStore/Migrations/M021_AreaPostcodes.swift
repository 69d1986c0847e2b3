import Foundation

extension Migration {
    /// The postcodes each policing area covers (areas such as `PR` or districts such as `PR1`, comma-separated), so a
    /// new case is allocated in the victim's area, where she lives, not the call handler's (issue 19).
    static let m021AreaPostcodes = Migration(version: 21, name: "areas: the postcodes each covers") { _ in
        ["ALTER TABLE areas ADD COLUMN postcodes TEXT NOT NULL DEFAULT ''"]
    }
}
