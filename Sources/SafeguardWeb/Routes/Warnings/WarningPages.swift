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
            ("people", .person, { try await people.personPage($0, id: $1, context: $2, refused: $3, status: .unprocessableContent) }),
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
            var values: [String: Any] = ["query": ["postcode": fields["postcode"] ?? "", "line": fields["line"] ?? ""]]
            guard fields["postcode"] != nil || fields["line"] != nil else {
                return dependencies.templates.page("addresses", title: "Find an address", context: values, request: context)
            }
            do {
                let found = try await service.findAddresses(try context.actor(), postcode: fields["postcode"], line: fields["line"])
                values["searched"] = true
                values["results"] = found.map { place -> [String: Any] in
                    [
                        "id": place.address.id, "line": place.address.singleLine, "incidentCount": place.incidentCount,
                        "warnings": place.address.markers.map { Display.words($0.kind).capitalized }.joined(separator: ", ")
                    ]
                }
                return dependencies.templates.page("addresses", title: "Find an address", context: values, request: context)
            } catch let DomainError.invalid(errors) {
                values.merge(FormErrors(errors: errors).context) { $1 }
                return dependencies.templates.page(
                    "addresses", title: "Error: Find an address", context: values, request: context, status: .unprocessableContent)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
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
        var values: [String: Any] = [
            "address": ["id": view.address.id, "line": view.address.singleLine, "confidential": view.address.confidential],
            "incidents": PageValues.incidentRows(view.incidents),
            "warnings": Self.values(
                view.warnings, postTo: "/addresses/\(id)/warnings", subjects: [], actor: actor, refused: refused,
                policy: service.policy, today: CalendarDate.string(service.clock.now()))
        ]
        if let refused { values["errorList"] = refused.errorList }
        return dependencies.templates.page(
            "address", title: (refused == nil ? "" : "Error: ") + view.address.singleLine, context: values, request: context, status: status)
    }

    /// The warnings section's values. `subjects` are the choices of what a new warning goes on (empty: the page's own
    /// record, no choice); `postTo` is where the add form posts and, with `/{id}/end`, where each end form does.
    static func values(
        _ warnings: [Marker], postTo: String, subjects: [(value: String, label: String)], actor: Actor, refused: RefusedForm?,
        policy: ForcePolicy, today: String
    ) -> [String: Any] {
        let canRecord = actor.role.can(.recordWarning)
        let typed = refused?.section == "warning" ? refused?.form : nil
        func on(_ warning: Marker) -> String {
            switch warning.subjectKind {
            case .person: return "this person"
            case .address: return "this address"
            case .phone: return "phone \(warning.subjectID)"
            }
        }
        func row(_ warning: Marker) -> [String: Any] {
            var row: [String: Any] = [
                "id": warning.id, "kind": Display.words(warning.kind).capitalized, "detail": warning.detail, "on": on(warning),
                "by": warning.addedBy ?? "not recorded", "when": warning.addedAt.map(Display.time) ?? "before Safeguard", "canRecord": canRecord
            ]
            row["expires"] = warning.expiresOn
            if let endedAt = warning.endedAt {
                row["ended"] = "ended by \(warning.endedBy ?? "someone"), \(Display.time(endedAt)): \(warning.endReason ?? "")"
            } else if let last = warning.expiresOn {
                row["ended"] = "expired after \(last)"
            }
            if let refused, refused.section == "end-\(warning.id)" {
                row["endError"] = refused.errors.first?.message ?? ""
                row["typedReason"] = refused.form["reason"] ?? ""
            }
            return row
        }
        let active = warnings.active(on: today)
        let activeIDs = Set(active.map(\.id))
        let past = warnings.filter { !activeIDs.contains($0.id) }
        return [
            "active": active.reversed().map(row), "past": past.reversed().map(row), "pastCount": past.count, "canRecord": canRecord,
            "postTo": postTo, "fieldErrors": refused?.fieldErrors(for: "warning") ?? [:],
            "subjects": subjects.map { ["value": $0.value, "label": $0.label, "selected": typed?["on"] == $0.value] },
            "kinds": policy.warningKinds.map { ["value": $0, "label": Display.words($0).capitalized, "selected": typed?["kind"] == $0] },
            "typed": ["note": typed?["note"] ?? "", "expiresOn": typed?["expires_on"] ?? ""]
        ]
    }
}
