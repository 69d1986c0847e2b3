import Foundation
import Hummingbird
import SafeguardDomain

extension WebDependencies {
    /// Reads a posted form and checks its CSRF token against the session's; every page POST goes through here.
    func readForm(_ request: Request, context: AppRequestContext) async throws -> FormBody {
        let body = try await FormBody.read(request, context: context)
        guard let sent = body["_csrf"], let expected = context.csrfToken, constantTimeEquals(sent, expected) else {
            throw DomainError.forbidden("This form had expired or did not come from Safeguard. Go back, reload the page and try again.")
        }
        // The same bounds as a JSON body: text no longer than anyone writes, no control characters but line breaks.
        var problems: [FieldError] = []
        for (field, values) in body.fields.sorted(by: { $0.key < $1.key }) {
            if values.count > InputLimits.anyListItems { problems.append(FieldError(field, "must have \(InputLimits.anyListItems) items or fewer.")) }
            for value in values { if let problem = TextInput.textProblem(value) { problems.append(FieldError(field, problem)); break } }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return body
    }

    /// A page form's POST, done one way everywhere: read the form (CSRF token and bounds checked), act, then redirect
    /// to the page `act` names (post, redirect, get); a refusal that names fields redraws the page the form was on,
    /// with what was typed and the errors beside their fields (`redraw`); any other refusal is its error page.
    func postForm(
        _ request: Request, _ context: AppRequestContext,
        act: (Actor, FormBody) async throws -> String,
        redraw: (Actor, FormBody, [FieldError]) async throws -> Response
    ) async throws -> Response {
        do {
            let actor = try context.actor()
            let form = try await readForm(request, context: context)
            do {
                return Response.redirect(to: try await act(actor, form), type: .normal)
            } catch let DomainError.invalid(errors) {
                return try await redraw(actor, form, errors)
            }
        } catch let error as DomainError {
            return errorPage(error, context: context)
        }
    }

    /// For roles that must say why they open a record (rule 33): the reason form, posting back to `action`; any other
    /// refusal, its error page.
    func reasonOrErrorPage(_ error: DomainError, action: String, reason: String?, context: AppRequestContext) -> Response {
        if case .reasonRequired = error {
            var values = FormErrors(errors: reason == nil ? [] : [FieldError("reason", error.message)]).context
            values["action"] = action
            values["reason"] = reason ?? ""
            return templates.page("reason", title: "Reason needed", context: values, request: context)
        }
        return errorPage(error, context: context)
    }

    /// A page explaining a refusal that is not about a form field (not found, not allowed).
    func errorPage(_ error: DomainError, context: AppRequestContext) -> Response {
        let problem = Problem.from(error)
        return templates.page(
            "message", title: problem.title, context: ["heading": problem.title, "message": error.message],
            request: context, status: HTTPResponse.Status(code: problem.status))
    }
}

/// A form on a page with several forms that was refused: which one (`section`), what was typed, and why. The page is
/// re-drawn with that form's own errors beside its fields and the others clean.
struct RefusedForm {
    let section: String
    let form: FormBody
    let errors: [FieldError]

    /// The section's `fieldErrors` (empty for every other section, so Mustache does not find another form's errors).
    func fieldErrors(for section: String) -> [String: String] {
        guard section == self.section else { return [:] }
        var byField: [String: String] = [:]
        for error in errors where byField[error.field] == nil { byField[error.field] = error.message }
        return byField
    }

    /// What was typed into `name` on this form, if it is the section's.
    func typed(_ name: String, section: String) -> String { section == self.section ? form[name] ?? "" : "" }

    /// The page's error summary, each message linked to its field's element on this section's form (the person page
    /// holds several forms, so ids carry the form's prefix or its order's id).
    var errorList: [[String: String]] {
        errors.map { error in
            let field = error.field
            let anchor: String
            switch section {
            case "order": anchor = "order_" + field
            case "contact": anchor = "contact_" + field
            case "safe-contact": anchor = field == "notes" ? "safe_notes" : field
            case "warning": anchor = "warning_" + field
            case "child": anchor = "child_" + field
            case let leave where leave.hasPrefix("leave-"): anchor = "leave_to_" + leave.dropFirst("leave-".count)
            case let end where end.hasPrefix("end-"): anchor = "end_reason_" + end.dropFirst("end-".count)
            case let order where order.hasPrefix("order-"): anchor = field + "_" + order.dropFirst("order-".count)
            default: anchor = field
            }
            return ["field": anchor, "message": error.message]
        }
    }
}
