import Foundation
import SafeguardDomain

/// The force's figures page (rule 31): a period and area to choose, and each figure as a row of an accessible table,
/// worded as `docs/figures.md` defines it.
struct ForceFiguresPageModel: PageModel {
    struct Row: PageModel {
        var label: String
        var value: String
    }
    struct Group: PageModel {
        var caption: String
        var rows: [Row]
    }
    var from: String
    var to: String
    var areaChoices: [OptionModel]
    var shown: Bool
    var heading: String
    var groups: [Group]
    /// Each figure by month as a chart with its table (rule 31), and a link to its numbers.
    var charts: [ChartModel] = []
    /// Whether the reader types in other crime's totals (analysts): the page links to where they do.
    var canEnterReference = false

    init(from: String, to: String, area: String?, areas: [Area], figures: ForceFigures? = nil, months: [FigureMonth] = []) {
        self.from = from
        self.to = to
        areaChoices =
            [OptionModel(value: "", label: "The whole force", selected: (area ?? "").isEmpty)]
            + areas.map { OptionModel(value: $0.code, label: $0.name, selected: $0.code == area) }
        shown = figures != nil
        guard let f = figures else {
            (heading, groups) = ("", [])
            return
        }
        let query = "from=\(f.from)&to=\(f.to)" + (f.area.map { "&area=\($0)" } ?? "")
        charts = FigureCharts.analyst(months).map { ChartModel($0, csvHref: "/figures/chart.csv?chart=\($0.id)&\(query)") }
        let place = f.area.map { code in areas.first { $0.code == code }?.name ?? code } ?? "the whole force"
        heading = "From \(f.from) up to (not including) \(f.to), \(place)"
        func count(_ counts: [String: Int]) -> [Row] {
            counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { Row(label: Display.words($0.key).capitalized, value: String($0.value)) }
        }
        func share(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        groups = [
            Group(
                caption: "Incidents, crimes and victims",
                rows: [
                    Row(label: "DA incidents", value: String(f.daIncidents)), Row(label: "DA crimes", value: String(f.daCrimes)),
                    Row(label: "Victims (different people)", value: String(f.victims)),
                    Row(label: "Incidents from repeat victims", value: "\(f.repeatVictimIncidents) (\(share(f.repeatVictimIncidentShare)))"),
                    Row(label: "Repeat victims", value: String(f.repeatVictims)), Row(label: "Arrests for these crimes", value: String(f.arrests)),
                    Row(label: "Arrests per 100 crimes", value: f.arrestsPer100Crimes.map { String(format: "%.1f", $0) } ?? "—"),
                    Row(label: "Crimes with a positive outcome", value: String(f.positiveOutcomes))
                ]),
            Group(caption: "Crimes by classification", rows: count(f.crimesByType)),
            Group(caption: "Victims by sex", rows: count(f.victimsBySex)),
            Group(
                caption: "Victims by ethnicity",
                rows: f.victimsByEthnicity.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
                    Row(label: Ethnicity(rawValue: $0.key)?.title ?? "Not stated", value: String($0.value))
                }),
            Group(
                caption: "Outcomes reached so far for these crimes",
                rows: CrimeOutcome.Kind.allCases.map { Row(label: $0.label, value: String(f.outcomes[$0.rawValue] ?? 0)) }),
            Group(
                caption: "Outcomes compared with other crime (\(f.comparison.source))",
                rows: Self.comparisonRows(f.comparison, share: share)),
            Group(
                caption: "Victims' satisfaction (surveys set by cases closing in the period; share of those answering who were satisfied)",
                rows: [Row(label: "Surveys set", value: String(f.satisfaction.surveys))]
                    + SatisfactionSurvey.Status.allCases.map { Row(label: $0.label, value: String(f.satisfaction.byStatus[$0.rawValue] ?? 0)) }
                    + f.satisfaction.questions.map { q in Row(label: q.text, value: "\(share(q.share)) of \(q.answered)") }),
            Group(
                caption: "Cases open at the end of \(f.caseload.on)",
                rows: [
                    Row(label: "High", value: String(f.caseload.high)), Row(label: "Medium", value: String(f.caseload.medium)),
                    Row(label: "Standard (and not yet assessed)", value: String(f.caseload.standard)), Row(label: "Total", value: String(f.caseload.total))
                ])
        ]
    }

    /// DA crimes beside other crime: crimes, the charge rate and the positive-outcome rate, and which months are missing.
    private static func comparisonRows(_ c: OutcomeComparison, share: (Double?) -> String) -> [Row] {
        var rows: [Row] = []
        for (name, group) in [("DA crime", Optional(c.domesticAbuse)), ("All victim-based crime", c.victimBased), ("Violence against the person", c.violent)] {
            guard let group else {
                rows.append(Row(label: name, value: "not supplied"))
                continue
            }
            rows.append(Row(label: "\(name): crimes", value: String(group.crimes)))
            rows.append(Row(label: "\(name): charged", value: share(group.chargeRate)))
            rows.append(Row(label: "\(name): positive outcomes", value: share(group.positiveRate)))
        }
        if !c.monthsMissing.isEmpty { rows.append(Row(label: "Months without reference totals", value: c.monthsMissing.joined(separator: ", "))) }
        return rows
    }
}
