import Foundation
import Hummingbird
import SafeguardDomain

/// The MARAC coordinator's list of referrals, repeats marked, and the repeat windows lapsing soon (rule 21). The
/// referral itself is made on the case page.
struct MaracPages {
    let dependencies: WebDependencies

    /// The quarterly return as it leaves the force, for one MARAC or the force with a line per MARAC.
    struct FiguresPage: PageModel {
        struct Row: PageModel {
            var measure: String
            var value: String
        }
        struct Line: PageModel {
            var area: String
            var name: String
            var referrals: String
            var repeatRate: String
            var per10k: String
            var engaged: String
        }
        var quarter: String
        var areaQuery: String
        var areaChoices: [OptionModel]
        var rows: [Row] = []
        var perMarac: [Line] = []

        init(quarter: String, area: String?, areas: [Area]) {
            self.quarter = quarter
            areaQuery = area.map { "&area=\($0)" } ?? ""
            areaChoices = areas.map { OptionModel(value: $0.code, label: $0.name, selected: $0.code == area) }
        }

        /// The return's own lines (small numbers suppressed, as in the CSV), and each MARAC's.
        mutating func show(_ figures: MaracFigures, threshold: Int) {
            rows = MaracFigureRules.returnRows(figures, threshold: threshold).map { Row(measure: $0.measure, value: $0.value) }
            perMarac = figures.perMarac.map { line in
                Line(
                    area: line.area, name: line.name, referrals: SmallNumbers.shown(line.referrals, threshold: threshold),
                    repeatRate: SmallNumbers.shown(percent: line.repeatPercent, of: line.repeats, in: line.referrals, threshold: threshold),
                    per10k: MaracFigureRules.rateText(line.per10kWomenPerYear), engaged: SmallNumbers.shown(line.engagedWithIdva, threshold: threshold))
            }
        }
    }

    struct ReferralsPage: PageModel {
        var referrals: [MaracSectionModel.Referral]
        var lapsingSoon: [MaracSectionModel.Referral]
        var noticeDays: Int
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        // The quarterly return as it leaves the force (small numbers suppressed), with its CSV, for one area's MARAC or
        // the force, and the force's line per MARAC.
        // SafeLives' return as the figures page links to it, for a signed-in browser (the API takes bearer tokens only).
        router.get("marac/return.csv") { request, context -> Response in
            do {
                let quarter = request.queryFields["quarter"]
                let csv = try await dependencies.service.maracReturn(try context.actor(), quarter: quarter, area: request.queryFields["area"])
                return CSVDownload.response(csv, filename: "marac-return-\(quarter ?? "").csv")
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("marac/figures") { request, context -> Response in
            let quarter = request.queryFields["quarter"] ?? Self.lastQuarter(dependencies.service.clock.now())
            let area = request.queryFields["area"].flatMap { $0.isEmpty ? nil : $0 }
            var model = FiguresPage(quarter: quarter, area: area, areas: try await dependencies.service.areas())
            do {
                let (from, to) = try MaracFigureRules.quarter(quarter)
                let figures = try await dependencies.service.maracFigures(try context.actor(), from: from, to: to, area: area)
                model.show(figures, threshold: dependencies.service.policy.smallNumberThreshold)
                return dependencies.templates.page(
                    "marac-figures", title: "MARAC figures \(quarter)\(figures.areaName.map { ", \($0)" } ?? "")", context: ModelValues.values(model),
                    request: context)
            } catch DomainError.invalid(let errors) {
                var values = ModelValues.values(model)
                values.merge(FormErrors(errors: errors).context) { $1 }
                return dependencies.templates.page(
                    "marac-figures", title: "Error: MARAC figures", context: values, request: context, status: .unprocessableContent)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("marac/referrals") { _, context -> Response in
            do {
                let found = try await dependencies.service.maracReferrals(try context.actor())
                let areas = try await dependencies.service.areas()
                let page = ReferralsPage(
                    referrals: found.recent.map { MaracSectionModel.Referral($0, areas: areas) },
                    lapsingSoon: found.lapsingSoon.map { MaracSectionModel.Referral($0, areas: areas) },
                    noticeDays: dependencies.service.policy.maracWindowNoticeDays)
                return dependencies.templates.page("marac-referrals", title: "MARAC referrals", context: ModelValues.values(page), request: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    /// The quarter before the one `now` falls in, as `YYYY-Qn`.
    static func lastQuarter(_ now: Date) -> String {
        let parts = CalendarDate.string(now).split(separator: "-").compactMap { Int($0) }
        let q = (parts[1] - 1) / 3 + 1
        return q == 1 ? "\(parts[0] - 1)-Q4" : "\(parts[0])-Q\(q - 1)"
    }
}
