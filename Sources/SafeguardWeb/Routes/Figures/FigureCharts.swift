import Foundation
import SafeguardDomain

/// The charts of the figures pages (rule 31, 32), each built once from the domain's figures: the page draws it and
/// its CSV download prints the same points.
enum FigureCharts {
    /// The analysts' charts over a period's months: exact counts.
    static func analyst(_ months: [FigureMonth]) -> [ChartSpec] {
        let labels = months.map(\.month)
        var outcomes: [String: Int] = [:]
        for month in months { outcomes.merge(month.outcomes, uniquingKeysWith: +) }
        return [
            ChartSpec(
                id: "incidents", title: "DA incidents and crimes by month", unit: "incidents", kind: .line, labels: labels,
                series: [
                    .init(name: "DA incidents", points: months.map { .count($0.daIncidents) }),
                    .init(name: "DA crimes", points: months.map { .count($0.daCrimes) })
                ]),
            ChartSpec(
                id: "caseload", title: "Cases open at the end of each month, by risk level", unit: "cases", kind: .line, labels: labels,
                series: [
                    .init(name: "High", points: months.map { .count($0.caseload.high) }),
                    .init(name: "Medium", points: months.map { .count($0.caseload.medium) }),
                    .init(name: "Standard (and not yet assessed)", points: months.map { .count($0.caseload.standard) })
                ]),
            ChartSpec(
                id: "repeat-share", title: "Incidents from repeat victims, per cent of DA incidents", unit: "%", kind: .line, labels: labels,
                series: [.init(name: "Repeat-victim share (%)", points: months.map { .share($0.repeatVictimIncidentShare) })]),
            ChartSpec(
                id: "arrest-rate", title: "Arrests per 100 DA crimes, by the month of the crime", unit: "arrests per 100 crimes", kind: .line,
                labels: labels, series: [.init(name: "Arrests per 100 crimes", points: months.map { .rate($0.arrestsPer100Crimes) })]),
            ChartSpec(
                id: "outcomes", title: "Outcomes reached so far for the period's DA crimes", unit: "outcomes", kind: .bar,
                labels: CrimeOutcome.Kind.allCases.map(\.label),
                series: [.init(name: "Outcomes", points: CrimeOutcome.Kind.allCases.map { .count(outcomes[$0.rawValue] ?? 0) })])
        ]
    }

    /// The leaders' charts: suppressed cells are gaps in the picture and words in the table.
    static func leader(_ f: LeaderFigures) -> [ChartSpec] {
        let labels = f.months.map(\.month)
        return [
            ChartSpec(
                id: "incidents", title: "DA incidents and crimes by month", unit: "incidents", kind: .line, labels: labels,
                series: [
                    .init(name: "DA incidents", points: f.months.map { .shown($0.daIncidents) }),
                    .init(name: "DA crimes", points: f.months.map { .shown($0.daCrimes) })
                ]),
            ChartSpec(
                id: "repeat-and-arrests", title: "Incidents from repeat victims, and arrests, by month", unit: "count", kind: .line, labels: labels,
                series: [
                    .init(name: "Incidents from repeat victims", points: f.months.map { .shown($0.repeatVictimIncidents) }),
                    .init(name: "Arrests for the month's crimes", points: f.months.map { .shown($0.arrests) })
                ]),
            ChartSpec(
                id: "crimes-by-type", title: "DA crimes by classification", unit: "crimes", kind: .bar,
                labels: LeaderFigureRules.crimeTypeOrder.map(Display.words).map(\.capitalized),
                series: [.init(name: "Crimes", points: LeaderFigureRules.crimeTypeOrder.map { .shown(f.crimesByType[$0] ?? .count(0)) })]),
            ChartSpec(
                id: "caseload", title: "Cases open at the end of \(f.caseloadOn), by risk level", unit: "cases", kind: .bar,
                labels: ["High", "Medium", "Standard"],
                series: [.init(name: "Cases", points: ["high", "medium", "standard"].map { .shown(f.caseload[$0] ?? .count(0)) })])
        ]
    }
}
