import Foundation
import Hummingbird
import SafeguardDomain

/// The figures a force could not produce (rule 31), starting with the caseload at every risk level on a chosen date.
struct FiguresPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

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
                let model = ForceFiguresPageModel(from: from, to: to, area: fields["area"], areas: areas, figures: figures)
                return dependencies.templates.page("figures", title: "Figures: \(model.title)", context: ModelValues.values(model), request: context)
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
