import Foundation
import SafeguardDomain

/// The leaders' figures page (rule 32): a fixed period and area to choose, each figure with small numbers shown as
/// "fewer than 10" and give-away cells withheld, and charts with their tables. No person appears on it.
struct LeaderFiguresPageModel: PageModel {
    var period: String
    var areaChoices: [OptionModel]
    var shown: Bool
    var heading: String = ""
    var threshold: String = ""
    var groups: [ForceFiguresPageModel.Group] = []
    var charts: [ChartModel] = []
    var csvHref: String = ""

    init(period: String, area: String?, areas: [Area], figures: LeaderFigures? = nil) {
        self.period = period
        areaChoices =
            [OptionModel(value: "", label: "The whole force", selected: (area ?? "").isEmpty)]
            + areas.map { OptionModel(value: $0.code, label: $0.name, selected: $0.code == area) }
        shown = figures != nil
        guard let f = figures else { return }
        let place = f.area.map { code in areas.first { $0.code == code }?.name ?? code } ?? "the whole force"
        heading = "\(f.period) (\(f.from) up to, not including, \(f.to)), \(place)"
        threshold = SmallNumbers.fewerThan(f.threshold)
        let query = "period=\(f.period)" + (f.area.map { "&area=\($0)" } ?? "")
        csvHref = "/figures/summary.csv?\(query)"
        charts = FigureCharts.leader(f).map { ChartModel($0, csvHref: "/figures/summary.csv?chart=\($0.id)&\(query)") }
        groups = Self.rows(f).map { group in
            ForceFiguresPageModel.Group(caption: group.caption, rows: group.rows.map { ForceFiguresPageModel.Row(label: $0.label, value: $0.value) })
        }
    }

    /// The figures as captioned rows: the page's tables and the CSV read the same.
    static func rows(_ f: LeaderFigures) -> [(caption: String, rows: [(label: String, value: String)])] {
        func share(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "suppressed" }
        func breakdown(_ cells: [String: ShownCount], order: [String], label: (String) -> String) -> [(String, String)] {
            order.map { (label($0), (cells[$0] ?? .count(0)).text) }
        }
        return [
            (
                "Incidents, crimes and victims",
                [
                    ("DA incidents", f.daIncidents.text), ("DA crimes", f.daCrimes.text), ("Victims (different people)", f.victims.text),
                    ("Incidents from repeat victims", f.repeatVictimIncidents.text),
                    ("Share of incidents from repeat victims", share(f.repeatVictimIncidentShare)), ("Repeat victims", f.repeatVictims.text),
                    ("Arrests for these crimes", f.arrests.text),
                    ("Arrests per 100 crimes", f.arrestsPer100Crimes.map { String(format: "%.1f", $0) } ?? "suppressed"),
                    ("Crimes with a positive outcome", f.positiveOutcomes.text)
                ]
            ),
            ("Crimes by classification", breakdown(f.crimesByType, order: LeaderFigureRules.crimeTypeOrder) { Display.words($0).capitalized }),
            ("Victims by sex", breakdown(f.victimsBySex, order: Sex.allCases.map(\.rawValue)) { Display.words($0).capitalized }),
            (
                "Victims by ethnicity",
                breakdown(f.victimsByEthnicity, order: Ethnicity.allCases.map(\.rawValue) + ["not_stated"]) {
                    Ethnicity(rawValue: $0)?.title ?? "Not stated"
                }
            ),
            ("Outcomes reached so far for these crimes", CrimeOutcome.Kind.allCases.map { ($0.label, (f.outcomes[$0.rawValue] ?? .count(0)).text) }),
            (
                "Victims' satisfaction (the whole force; surveys set by cases closing in the period)",
                [("Surveys set", f.surveys.text)]
                    + f.satisfaction.map { q in (q.text, q.share.map { String(format: "%.1f%% of %@", $0 * 100, q.answered.text) } ?? "suppressed") }
            ),
            (
                "Cases open at the end of \(f.caseloadOn) (the whole force)",
                [
                    ("High", (f.caseload["high"] ?? .count(0)).text), ("Medium", (f.caseload["medium"] ?? .count(0)).text),
                    ("Standard (and not yet assessed)", (f.caseload["standard"] ?? .count(0)).text), ("Total", (f.caseload["total"] ?? .count(0)).text)
                ]
            )
        ]
    }

    /// Every figure as `group,measure,value`: what may leave the force.
    static func csv(_ f: LeaderFigures) -> String {
        var lines = ["group,measure,value", "period,period,\(f.period)", "period,area,\(CSVText.cell(f.area ?? "force"))"]
        for group in rows(f) {
            for row in group.rows { lines.append([group.caption, row.label, row.value].map(CSVText.cell).joined(separator: ",")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
