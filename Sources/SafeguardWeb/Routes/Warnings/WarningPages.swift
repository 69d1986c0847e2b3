import Foundation
import Hummingbird
import SafeguardDomain

/// Officer-safety warnings on the person page and the address page (rule 3): those in force with a form to end each,
/// the ended ones kept as history, and a form to add one. The address page itself lives here too.
struct WarningPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        let people = PeoplePages(dependencies: dependencies)
        // The person page and the address page take the same two forms; each redraws its own page after a refusal.
        let pages: [(area: String, subject: WarningSubjectKind, redraw: @Sendable (Actor, String, AppRequestContext, RefusedForm) async throws -> Response)] = [
            // Redrawing her page is part of the warning being recorded: that act is the purpose the look-back roles
            // (a neighbourhood officer) would otherwise be asked to type again.
            (
                "people", .person,
                {
                    try await people.personPage(
                        $0, id: $1, reason: "recording an officer-safety warning", context: $2, refused: $3, status: .unprocessableContent)
                }
            ),
            ("addresses", .address, { try await addressPage($0, id: $1, context: $2, refused: $3, status: .unprocessableContent) })
        ]
        for page in pages {
            router.post(RouterPath("\(page.area)/:id/warnings")) { request, context -> Response in
                let id = try context.parameters.require("id")
                return try await dependencies.postForm(
                    request, context,
                    act: { actor, form in
                        let draft = WarningDraft(kind: form["kind"], note: form["note"], expiresOn: form["expires_on"])
                        // On the person page, "On" is the person herself or one of the numbers on her record.
                        if page.subject == .person, let on = form["on"], on != "person" {
                            _ = try await service.addPhoneWarning(actor, personID: id, phone: on, draft: draft)
                        } else {
                            _ = try await service.addWarning(actor, on: page.subject, id: id, draft: draft)
                        }
                        return "/\(page.area)/\(id)#warnings"
                    },
                    redraw: { actor, form, errors in try await page.redraw(actor, id, context, RefusedForm(section: "warning", form: form, errors: errors)) })
            }
            router.post(RouterPath("\(page.area)/:id/warnings/:warning/end")) { request, context -> Response in
                let id = try context.parameters.require("id")
                let warningID = try context.parameters.require("warning")
                return try await dependencies.postForm(
                    request, context,
                    act: { actor, form in
                        _ = try await service.endWarning(actor, warningID: warningID, reason: form["reason"])
                        return "/\(page.area)/\(id)#warnings"
                    },
                    redraw: { actor, form, errors in
                        try await page.redraw(actor, id, context, RefusedForm(section: "end-\(warningID)", form: form, errors: errors))
                    })
            }
        }

        router.get("addresses") { request, context -> Response in
            let fields = request.queryFields
            guard try context.actor().role.can(.viewIncident) else {
                return dependencies.errorPage(DomainError.forbidden("Your role does not look up places."), context: context)
            }
            var model = AddressSearchModel(query: .init(postcode: fields["postcode"] ?? "", line: fields["line"] ?? ""))
            guard fields["postcode"] != nil || fields["line"] != nil else {
                return dependencies.templates.page("addresses", title: "Find an address", context: ModelValues.values(model), request: context)
            }
            do {
                let found = try await service.findAddresses(try context.actor(), postcode: fields["postcode"], line: fields["line"])
                model.searched = true
                model.results = found.map { place in
                    .init(
                        id: place.address.id, line: place.address.singleLine, incidentCount: place.incidentCount,
                        warnings: place.address.markers.map { Display.words($0.kind).capitalized }.joined(separator: ", "))
                }
                return dependencies.templates.page("addresses", title: "Find an address", context: ModelValues.values(model), request: context)
            } catch let DomainError.invalid(errors) {
                var values = ModelValues.values(model)
                values.merge(FormErrors(errors: errors).context) { $1 }
                return dependencies.templates.page(
                    "addresses", title: "Error: Find an address", context: values, request: context, status: .unprocessableContent)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }

        router.post("addresses/:id/confidential") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.setAddressConfidential(actor, addressID: id, confidential: form["confidential"] == "yes", reason: form["reason"])
                    return "/addresses/\(id)"
                },
                redraw: { actor, form, errors in
                    try await addressPage(
                        actor, id: id, context: context, refused: RefusedForm(section: "confidential", form: form, errors: errors),
                        status: .unprocessableContent)
                })
        }

        router.get("addresses/:id") { _, context -> Response in
            do {
                return try await addressPage(try context.actor(), id: try context.parameters.require("id"), context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
    }

    /// The address page: the place, its warnings and the incidents recorded there.
    func addressPage(
        _ actor: Actor, id: String, context: AppRequestContext, refused: RefusedForm? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let view = try await service.viewAddress(actor, id: id)
        let model = AddressPageModel(
            address: .init(id: view.address.id, line: view.address.singleLine, confidential: view.address.confidential),
            incidents: view.incidents.map(IncidentRowModel.init),
            warnings: WarningSectionModel(
                view.warnings, postTo: "/addresses/\(id)/warnings", subjects: [], actor: actor, refused: refused,
                policy: service.policy, today: CalendarDate.string(service.clock.now())),
            errorList: refused?.errorList, canMarkConfidential: actor.role.can(.viewRestricted),
            confidentialErrors: refused?.fieldErrors(for: "confidential") ?? [:])
        return dependencies.templates.page(
            "address", title: (refused == nil ? "" : "Error: ") + view.address.singleLine, context: ModelValues.values(model), request: context,
            status: status)
    }
}
