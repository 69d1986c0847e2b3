import Foundation
import Hummingbird
import SafeguardDomain

/// The figures a force could not produce (rule 31), starting with the caseload at every risk level on a chosen date.
struct FiguresPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    private func referencePage(_ actor: Actor, year raw: String?, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws
        -> Response
    {
        let year = raw.flatMap { Int($0) } ?? Calendar(identifier: .gregorian).component(.year, from: service.clock.now())
        let model = ReferenceFiguresPageModel(year: year, rows: try await service.referenceFigures(actor, year: year), form: form)
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "figures-reference", title: "\(errors.isEmpty ? "" : "Error: ")Other crime's totals, \(year)", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The chart a download names, or a clear refusal naming the field.
    static func chart(_ id: String?, among charts: [ChartSpec]) throws -> ChartSpec {
        guard let chart = charts.first(where: { $0.id == id }) else {
            throw DomainError.invalid([FieldError("chart", "Name one of the charts: \(charts.map(\.id).joined(separator: ", ")).")])
        }
        return chart
    }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("figures") { request, context -> Response in
            let actor = try context.actor()
            let fields = request.queryFields
            let areas = try await service.areas()
            // The last full calendar year until asked otherwise.
            let year = Calendar(identifier: .gregorian).component(.year, from: service.clock.now())
            let from = fields["from"] ?? "\(year - 1)-01-01", to = fields["to"] ?? "\(year)-01-01"
            do {
                let figures = try await service.figures(actor, from: from, to: to, area: fields["area"])
                let months = try await service.figureSeries(actor, from: from, to: to, area: fields["area"])
                var model = ForceFiguresPageModel(from: from, to: to, area: fields["area"], areas: areas, figures: figures, months: months)
                model.canEnterReference = actor.role.can(.enterReferenceFigures)
                return dependencies.templates.page("figures", title: "Figures: \(model.heading)", context: ModelValues.values(model), request: context)
            } catch let DomainError.invalid(errors) {
                var values = ModelValues.values(ForceFiguresPageModel(from: from, to: to, area: fields["area"], areas: areas))
                values.merge(FormErrors(errors: errors).context) { $1 }
                return dependencies.templates.page("figures", title: "Error: Figures", context: values, request: context, status: .unprocessableContent)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        // The download the figures page links to, for a signed-in browser (the API takes bearer tokens only).
        router.get("figures/annex-d.csv") { request, context -> Response in
            do {
                let fields = request.queryFields
                let csv = try await service.annexDReturn(try context.actor(), from: fields["from"], to: fields["to"])
                return CSVDownload.response(csv, filename: "annex-d-\(fields["from"] ?? "").csv")
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        // A chart's numbers as CSV: the same points the page draws.
        router.get("figures/chart.csv") { request, context -> Response in
            do {
                let fields = request.queryFields
                let months = try await service.figureSeries(try context.actor(), from: fields["from"], to: fields["to"], area: fields["area"])
                let chart = try Self.chart(fields["chart"], among: FigureCharts.analyst(months))
                return CSVDownload.response(chart.csv, filename: "\(chart.id)-\(fields["from"] ?? "").csv")
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        // Leaders' figures (rule 32): fixed periods, small numbers suppressed.
        router.get("figures/summary") { request, context -> Response in
            let actor = try context.actor()
            let fields = request.queryFields
            let areas = try await service.areas()
            // The last full calendar year until asked otherwise.
            let period = fields["period"] ?? String(Calendar(identifier: .gregorian).component(.year, from: service.clock.now()) - 1)
            do {
                let figures = try await service.leaderFigures(actor, period: period, area: fields["area"])
                let model = LeaderFiguresPageModel(period: period, area: fields["area"], areas: areas, figures: figures)
                return dependencies.templates.page(
                    "figures-summary", title: "Figures for leaders: \(model.heading)", context: ModelValues.values(model), request: context)
            } catch let DomainError.invalid(errors) {
                var values = ModelValues.values(LeaderFiguresPageModel(period: period, area: fields["area"], areas: areas))
                values.merge(FormErrors(errors: errors).context) { $1 }
                return dependencies.templates.page(
                    "figures-summary", title: "Error: Figures for leaders", context: values, request: context, status: .unprocessableContent)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.get("figures/summary.csv") { request, context -> Response in
            do {
                let fields = request.queryFields
                let figures = try await service.leaderFigures(try context.actor(), period: fields["period"], area: fields["area"])
                let csv =
                    try fields["chart"].map { try Self.chart($0, among: FigureCharts.leader(figures)).csv } ?? LeaderFiguresPageModel.csv(figures)
                return CSVDownload.response(csv, filename: "figures-\(figures.period)-\(figures.area ?? "force").csv")
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        // The force's totals for other crime, typed in a month at a time (rule 31's comparison).
        router.get("figures/reference") { request, context -> Response in
            do {
                return try await referencePage(try context.actor(), year: request.queryFields["year"], form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("figures/reference") { request, context -> Response in
            try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let typed = try ReferenceFigureRules.counts(
                        typedCrimes: form["crimes"],
                        typedOutcomes: Dictionary(uniqueKeysWithValues: CrimeOutcome.Kind.allCases.map { ($0.rawValue, form["outcome_\($0.rawValue)"] ?? "") }))
                    let saved = try await service.saveReferenceFigures(
                        actor, month: form["month"], category: form["category"], crimes: typed.crimes, outcomes: typed.outcomes)
                    return "/figures/reference?year=\(saved.month.prefix(4))"
                },
                redraw: { actor, form, errors in try await referencePage(actor, year: nil, form: form, errors: errors, context: context) })
        }

        router.get("figures/caseload") { request, context -> Response in
            let actor = try context.actor()
            let on = request.queryFields["on"] ?? CalendarDate.string(service.clock.now())
            do {
                let caseload = try await service.caseload(actor, on: on)
                let model = CaseloadPageModel(on: on, caseload: caseload)
                return dependencies.templates.page("caseload", title: "Caseload on \(caseload.on)", context: ModelValues.values(model), request: context)
            } catch let DomainError.invalid(errors) {
                var values = ModelValues.values(CaseloadPageModel(on: on))
                values.merge(FormErrors(errors: errors).context) { $1 }
                return dependencies.templates.page("caseload", title: "Error: Caseload", context: values, request: context, status: .unprocessableContent)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }
}
