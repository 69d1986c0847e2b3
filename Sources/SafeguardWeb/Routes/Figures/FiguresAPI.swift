import Foundation
import Hummingbird
import SafeguardDomain

/// The force's figures over the API (rule 31): `GET /api/v1/figures?from=&to=[&area=]` (`to` exclusive), month by
/// month at `figures/monthly`, and leaders' suppressed figures for a fixed period at `figures/summary?period=` (rule 32).
struct FiguresAPI {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("figures") { request, context -> Response in
            let fields = request.queryFields
            return try APIJSON.response(try await service.figures(try context.actor(), from: fields["from"], to: fields["to"], area: fields["area"]))
        }
        // Month by month over the period (the analysts' charts), exact.
        api.get("figures/monthly") { request, context -> Response in
            let fields = request.queryFields
            struct Months: Encodable { var months: [FigureMonth] }
            return try APIJSON.response(
                Months(months: try await service.figureSeries(try context.actor(), from: fields["from"], to: fields["to"], area: fields["area"])))
        }
        // Leaders' figures (rule 32): a fixed period, small numbers suppressed.
        api.get("figures/summary") { request, context -> Response in
            let fields = request.queryFields
            return try APIJSON.response(try await service.leaderFigures(try context.actor(), period: fields["period"], area: fields["area"]))
        }
        // The force's typed-in totals for other crime (rule 31's comparison).
        api.get("figures/reference") { request, context -> Response in
            struct List: Encodable { var items: [ReferenceFigures] }
            let year = Int(request.queryFields["year"] ?? "") ?? Calendar(identifier: .gregorian).component(.year, from: service.clock.now())
            return try APIJSON.response(List(items: try await service.referenceFigures(try context.actor(), year: year)))
        }
        api.post("figures/reference") { request, context -> Response in
            struct Input: Decodable {
                var month: String?
                var category: String?
                var crimes: Int?
                var outcomes: [String: Int]?
            }
            let input = try await APIJSON.decode(Input.self, from: request, context: context)
            return try APIJSON.response(
                try await service.saveReferenceFigures(
                    try context.actor(), month: input.month, category: input.category, crimes: input.crimes, outcomes: input.outcomes),
                status: .created)
        }
        // HMIC's Annex D return: CSV, small numbers suppressed, as it leaves the force.
        api.get("figures/annex-d.csv") { request, context -> Response in
            let fields = request.queryFields
            let csv = try await service.annexDReturn(try context.actor(), from: fields["from"], to: fields["to"])
            return CSVDownload.response(csv, filename: "annex-d-\(fields["from"] ?? "").csv")
        }
    }
}
