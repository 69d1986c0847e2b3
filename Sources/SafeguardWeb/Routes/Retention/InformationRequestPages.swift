import Foundation
import Hummingbird
import SafeguardDomain

/// Subject access and disclosure requests (rule 34): the log with what is late, a form to log one, each request with
/// the form to answer it (what was disclosed, what withheld and why), and the log as CSV.
struct InformationRequestPages {
    let dependencies: WebDependencies
    var service: SafeguardService { dependencies.service }

    func register(on router: RouterGroup<AppRequestContext>) {
        router.get("information-requests") { request, context -> Response in
            do {
                let prefill = request.uri.queryParameters.get("person_id")
                return try await listPage(try context.actor(), form: nil, prefill: prefill, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.get("information-requests.csv") { _, context -> Response in
            do {
                return CSVDownload.response(try await service.informationRequestsCSV(try context.actor()), filename: "information-requests.csv")
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("information-requests") { request, context -> Response in
            try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    let logged = try await service.logInformationRequest(
                        actor,
                        draft: InformationRequestDraft(
                            kind: form["kind"], personID: form["person_id"], requester: form["requester"], basis: form["basis"],
                            receivedOn: form["received_on"]))
                    return "/information-requests/\(logged.id)"
                },
                redraw: { actor, form, errors in try await listPage(actor, form: form, prefill: nil, errors: errors, context: context) })
        }
        router.get("information-requests/:id") { _, context -> Response in
            do {
                return try await requestPage(try context.actor(), id: try context.parameters.require("id"), form: nil, errors: [], context: context)
            } catch let error as DomainError {
                return dependencies.errorPage(error, context: context)
            }
        }
        router.post("information-requests/:id/answer") { request, context -> Response in
            let id = try context.parameters.require("id")
            return try await dependencies.postForm(
                request, context,
                act: { actor, form in
                    _ = try await service.answerInformationRequest(
                        actor, id: id, outcome: form["outcome"], disclosed: form["disclosed"], withheld: form["withheld"])
                    return "/information-requests/\(id)"
                },
                redraw: { actor, form, errors in try await requestPage(actor, id: id, form: form, errors: errors, context: context) })
        }
    }

    private func listPage(_ actor: Actor, form: FormBody?, prefill: String?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let found = try await service.informationRequests(actor)
        let model = InformationRequestListModel(found.requests, today: found.today, form: form, prefill: prefill)
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "information-requests", title: "\(errors.isEmpty ? "" : "Error: ")Access and disclosure requests", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func requestPage(_ actor: Actor, id: String, form: FormBody?, errors: [FieldError], context: AppRequestContext) async throws -> Response {
        let found = try await service.informationRequest(actor, id: id)
        let model = InformationRequestModel(found, today: CalendarDate.string(service.clock.now()), form: form)
        var values = ModelValues.values(model)
        values.merge(FormErrors(errors: errors).context) { $1 }
        return dependencies.templates.page(
            "information-request", title: "\(errors.isEmpty ? "" : "Error: ")\(found.kind.label)", context: values, request: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// The request log and the form to log one.
struct InformationRequestListModel: PageModel {
    struct Row: PageModel {
        var id: String
        var kind: String
        var personID: String
        var personName: String
        var requester: String
        var receivedOn: String
        var dueOn: String
        var status: String
        var overdue: Bool
    }
    var rows: [Row]
    var open: Int
    var late: Int
    var kindChoices: [OptionModel]
    var typed: [String: String]

    init(_ requests: [InformationRequest], today: String, form: FormBody?, prefill: String?) {
        rows = requests.map {
            Row(
                id: $0.id, kind: $0.kind.label, personID: $0.personID, personName: $0.personName, requester: $0.requester, receivedOn: $0.receivedOn,
                dueOn: $0.dueOn, status: $0.status.label, overdue: $0.overdue(on: today))
        }
        open = requests.filter { $0.status == .open }.count
        late = requests.filter { $0.overdue(on: today) }.count
        kindChoices = InformationRequest.Kind.allCases.map { OptionModel(value: $0.rawValue, label: $0.label, selected: form?["kind"] == $0.rawValue) }
        typed = [
            "person_id": form?["person_id"] ?? prefill ?? "", "requester": form?["requester"] ?? "", "basis": form?["basis"] ?? "",
            "received_on": form?["received_on"] ?? today
        ]
    }
}

/// One request and, while it is open, the form to answer it.
struct InformationRequestModel: PageModel {
    var id: String
    var kind: String
    var personID: String
    var personName: String
    var requester: String
    var basis: String
    var receivedOn: String
    var dueOn: String
    var status: String
    var overdue: Bool
    var disclosed: String
    var withheld: String
    var logged: String
    var answered: String
    var isOpen: Bool
    var outcomeChoices: [OptionModel]
    var typed: [String: String]

    init(_ r: InformationRequest, today: String, form: FormBody?) {
        (id, kind, personID, personName, requester, basis) = (r.id, r.kind.label, r.personID, r.personName, r.requester, r.basis)
        (receivedOn, dueOn, status, overdue) = (r.receivedOn, r.dueOn, r.status.label, r.overdue(on: today))
        (disclosed, withheld) = (r.disclosed ?? "", r.withheld ?? "")
        logged = "\(r.loggedBy), \(Display.time(r.loggedAt))"
        answered = r.answeredBy.map { "\($0), \(r.answeredOn ?? "")" } ?? ""
        isOpen = r.status == .open
        outcomeChoices = [InformationRequest.Status.disclosed, .refused].map {
            OptionModel(
                value: $0.rawValue, label: $0 == .disclosed ? "Disclosed (in whole or in part)" : "Refused: nothing disclosed",
                selected: form?["outcome"] == $0.rawValue)
        }
        typed = ["disclosed": form?["disclosed"] ?? "", "withheld": form?["withheld"] ?? ""]
    }
}
