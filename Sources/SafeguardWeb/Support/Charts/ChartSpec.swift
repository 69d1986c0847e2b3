import Foundation
import SafeguardDomain

/// A chart's numbers, once: the SVG drawn from them (`ChartModel`), the accessible table beside it and its CSV all
/// read this, so the picture, the table and the download cannot disagree.
struct ChartSpec: Sendable {
    /// One point: its value to draw (nil: none to draw — suppressed, or nothing to divide by) and how the table
    /// and the CSV print it.
    struct Point: Sendable {
        var value: Double?
        var text: String

        static func count(_ n: Int) -> Point { Point(value: Double(n), text: String(n)) }
        static func shown(_ cell: ShownCount) -> Point { Point(value: cell.exact.map(Double.init), text: cell.text) }
        static func share(_ fraction: Double?) -> Point {
            Point(value: fraction.map { $0 * 100 }, text: fraction.map { String(format: "%.1f", $0 * 100) } ?? "—")
        }
        static func rate(_ value: Double?) -> Point { Point(value: value, text: value.map { String(format: "%.1f", $0) } ?? "—") }
    }
    struct Series: Sendable {
        var name: String
        var points: [Point]
    }
    enum Kind: Sendable { case line, bar }

    /// Names the chart in a page and its CSV download (`chart=`).
    var id: String
    var title: String
    /// What a value is, for the axis and the description ("incidents", "%").
    var unit: String
    var kind: Kind
    /// The label of each point along the bottom (a month, an outcome).
    var labels: [String]
    var series: [Series]

    /// The numbers as CSV: a line per label, a column per series, as the table prints them.
    var csv: String {
        let header = ([labelHeading] + series.map(\.name)).map(CSVText.cell).joined(separator: ",")
        let lines = labels.indices.map { i in
            ([labels[i]] + series.map { $0.points.indices.contains(i) ? $0.points[i].text : "" }).map(CSVText.cell).joined(separator: ",")
        }
        return ([header] + lines).joined(separator: "\n") + "\n"
    }

    var labelHeading: String { kind == .line ? "month" : "measure" }
}
