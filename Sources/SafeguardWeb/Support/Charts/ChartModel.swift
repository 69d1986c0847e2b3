import Foundation

/// A chart as the `chart` template draws it: an SVG drawn on the server (no JavaScript), scaled to the page's width
/// (readable at 360 px: few, large labels), named and described for screen readers, with the same numbers in a table
/// beside it and a link to them as CSV. Series are told apart by dash as well as colour.
struct ChartModel: PageModel {
    struct Tick: PageModel {
        var y: String
        var label: String
    }
    struct XLabel: PageModel {
        var x: String
        var label: String
    }
    struct Line: PageModel {
        var name: String
        var points: String
        var colour: String
        var dash: String
    }
    struct Dot: PageModel {
        var x: String
        var y: String
        var colour: String
    }
    /// A bar across the chart, its label above it and its value at its end (bars run across so long labels fit a phone).
    struct Bar: PageModel {
        var labelY: String
        var y: String
        var width: String
        var label: String
        var valueX: String
        var valueY: String
        var value: String
    }
    struct Cell: PageModel { var text: String }
    struct Row: PageModel {
        var label: String
        var cells: [Cell]
    }
    struct Heading: PageModel { var name: String }

    var id: String
    var title: String
    var description: String
    var csvHref: String
    var ticks: [Tick] = []
    var xLabels: [XLabel] = []
    var lines: [Line] = []
    var dots: [Dot] = []
    var bars: [Bar] = []
    var legend: [Line] = []
    var headings: [Heading]
    var labelHeading: String
    var rows: [Row]
    /// The drawing's height in its own units: bars take a row each.
    var viewHeight: String = String(Int(ChartModel.height))

    // The drawing's own units; the SVG scales to the page.
    static let (width, height) = (640.0, 300.0)
    static let (left, right, top, bottom) = (80.0, 16.0, 16.0, 48.0)
    static let styles: [(colour: String, dash: String)] = [("#1d70b8", ""), ("#d4351c", "10 6"), ("#00703c", "3 5"), ("#4c2c92", "14 4 3 4")]

    init(_ spec: ChartSpec, csvHref: String) {
        id = spec.id
        title = spec.title
        self.csvHref = csvHref
        labelHeading = spec.labelHeading.capitalized
        headings = spec.series.map { Heading(name: $0.name) }
        rows = spec.labels.indices.map { i in
            Row(label: spec.labels[i], cells: spec.series.map { Cell(text: $0.points.indices.contains(i) ? $0.points[i].text : "") })
        }
        description = Self.describe(spec)
        let values = spec.series.flatMap { $0.points.compactMap(\.value) }
        let top = Self.niceCeiling(values.max() ?? 0)
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        let n = max(spec.labels.count, 1)
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - value / top) }
        func number(_ v: Double) -> String { String(format: "%.1f", v) }
        ticks = (0...4).map { step in
            let value = top * Double(step) / 4
            return Tick(y: number(y(value)), label: value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value))
        }
        let slot = plotWidth / Double(n)
        func x(_ i: Int) -> Double { Self.left + slot * (Double(i) + 0.5) }
        // At most five labels along the bottom, evenly spaced, so each stays large enough to read on a phone.
        let every = max(1, Int((Double(n) / 5).rounded(.up)))
        xLabels = stride(from: 0, to: spec.labels.count, by: every).map { XLabel(x: number(x($0)), label: spec.labels[$0]) }
        switch spec.kind {
        case .bar:
            ticks = []
            xLabels = []
            let series = spec.series.first?.points ?? []
            let most = series.compactMap(\.value).max() ?? 0
            let room = Self.width - 20 - 170
            bars = series.indices.map { i in
                let rowTop = 8 + Double(i) * 60
                let length = most > 0 ? room * (series[i].value ?? 0) / most : 0
                return Bar(
                    labelY: number(rowTop + 22), y: number(rowTop + 30), width: number(length), label: spec.labels[i],
                    valueX: number(20 + length + 8), valueY: number(rowTop + 48), value: series[i].text)
            }
            viewHeight = String(Int(16 + Double(series.count) * 60))
        case .line:
            for (index, series) in spec.series.enumerated() {
                let style = Self.styles[index % Self.styles.count]
                // A gap where a value is missing: each unbroken run is its own line.
                var runs: [[String]] = [[]]
                for (i, point) in series.points.enumerated() {
                    if let value = point.value {
                        runs[runs.count - 1].append("\(number(x(i))),\(number(y(value)))")
                        dots.append(Dot(x: number(x(i)), y: number(y(value)), colour: style.colour))
                    } else if !(runs.last?.isEmpty ?? true) {
                        runs.append([])
                    }
                }
                for run in runs where run.count > 1 {
                    lines.append(Line(name: series.name, points: run.joined(separator: " "), colour: style.colour, dash: style.dash))
                }
                legend.append(Line(name: series.name, points: "", colour: style.colour, dash: style.dash))
            }
            // A month on its own draws no line; its dot shows it. Many months draw lines only.
            if n > 24 { dots = [] }
        }
    }

    /// 1, 2 or 5 times a power of ten at or above the highest value (at least 1), for round gridlines.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        return [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= value } ?? value
    }

    /// What a screen reader hears: the span, and each series' lowest and highest points.
    static func describe(_ spec: ChartSpec) -> String {
        guard let first = spec.labels.first, let last = spec.labels.last else { return "No figures for this period." }
        var parts = [spec.kind == .line ? "From \(first) to \(last)." : "\(spec.labels.count) measures."]
        for series in spec.series {
            let known = series.points.indices.filter { series.points[$0].value != nil }
            func value(_ i: Int) -> Double { series.points[i].value ?? 0 }
            guard let low = known.min(by: { value($0) < value($1) }), let high = known.max(by: { value($0) < value($1) })
            else {
                parts.append("\(series.name): none shown.")
                continue
            }
            parts.append(
                "\(series.name): lowest \(series.points[low].text) (\(spec.labels[low])), highest \(series.points[high].text) (\(spec.labels[high])).")
        }
        parts.append("The numbers are in the table after the chart.")
        return parts.joined(separator: " ")
    }
}
