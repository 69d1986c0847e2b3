import Foundation

extension Migration {
    /// Issue 23's bench: the figures read a period's arrests by incident; without this every custody event in the
    /// force was scanned for each request (a second of a year's figures at a million incidents).
    static let m044FigureIndexes = Migration(version: 44, name: "Figure indexes") { _ in
        ["CREATE INDEX custody_events_incident ON custody_events (incident_id, kind)"]
    }
}
