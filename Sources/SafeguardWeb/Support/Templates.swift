import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import SafeguardDomain

/// Server-rendered pages from the Mustache templates in `Resources/templates` (escaping on by default).
struct Templates: Sendable {
    let library: MustacheLibrary

    static func load() async throws -> Templates {
        let library = try await MustacheLibrary(directory: try WebResources.url("templates").path)
        // A missing template would otherwise show only when a page is first drawn.
        for name in [
            "header", "footer", "caseload", "sign-in", "home", "people-search", "person", "person-form", "incident", "reason", "message", "call-form",
            "call-matches",
            "control-room", "control-room-alerts", "briefing", "risk-assessment", "reviews", "my-work", "task", "case", "scene", "scene-yes-no",
            "counter-allegation",
            "briefing-person", "awaiting-owner", "marac-referrals", "marac-meetings", "marac-meeting", "marac-figures", "idva", "shared-cases", "shared-case",
            "figures", "figures-summary", "chart", "homicide-reviews", "homicide-review", "surveys", "survey", "figures-reference", "quality", "quality-sample",
            "audit"
        ] where library.getTemplate(named: name) == nil {
            throw DomainError.notFound(kind: "template", id: name)
        }
        return Templates(library: library)
    }

    /// Renders a page inside the shared layout. `context` gets the signed-in user and CSRF token added.
    func page(_ name: String, title: String, context: [String: Any], request: AppRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        var values = context
        values["title"] = title
        if let user = request.user {
            values["user"] = ["displayName": user.displayName, "roleTitle": user.role.title]
            values["canSearch"] = user.role.can(.searchPeople)
            values["canFindAddress"] = user.role.can(.viewIncident)
            values["canRecordCall"] = user.role.can(.recordCall)
            values["canSupervise"] = user.role.can(.superviseControlRoom)
            values["canReview"] = user.role.can(.reviewRisk)
            values["hasMyWork"] = user.role.can(.ownTasks)
            values["canReviewLinks"] = user.role.can(.editPerson)
            values["canSeeCaseload"] = user.role.can(.viewCaseload)
            values["canManageCases"] = user.role.can(.manageCases)
            values["canSeeMarac"] = user.role.can(.viewMaracReferrals)
            values["canSeePerpetrators"] = user.role.can(.viewPerpetrators)
            values["canHandleDisclosure"] = DisclosureRules.mayHandle(user.role)
            values["canSeeIdva"] = IdvaRules.seesService(user)
            values["isPartner"] = user.role == .partnerAgency
            values["canReviewRetention"] = user.role.can(.reviewRetention)
            values["canLogRequests"] = user.role.can(.logInformationRequests)
        }
        if let csrf = request.csrfToken { values["csrf"] = csrf }
        let html = render(name, values) ?? "<!doctype html><title>Error</title><p>The page \(name) could not be drawn.</p>"
        return Self.html(html, status: status)
    }

    /// A piece of a page on its own (for the as-you-type update), with the same headers as a page.
    func fragment(_ name: String, context: [String: Any]) -> Response {
        Self.html(render(name, context) ?? "", status: .ok)
    }

    private func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(Self.sectionReady(context), withTemplate: name)
    }

    /// Mustache opens a section for any value but `false`, nil and an empty list — an empty string or a zero included —
    /// so `{{#error}}…{{/error}}` would draw an empty error. At every level, empty strings are dropped (a missing key
    /// prints as nothing and opens no section), and every list gets a `has_<name>` flag, as Mustache cannot ask
    /// "is this list empty?".
    static func sectionReady(_ values: [String: Any]) -> [String: Any] {
        var ready: [String: Any] = [:]
        for (key, value) in values {
            switch value {
            case let text as String where text.isEmpty:
                continue
            case let dictionary as [String: Any]:
                ready[key] = sectionReady(dictionary)
            case let list as [[String: Any]]:
                ready[key] = list.map(sectionReady)
                ready["has_\(key)"] = !list.isEmpty
            case let list as [Any]:
                ready[key] = list
                ready["has_\(key)"] = !list.isEmpty
            default:
                ready[key] = value
            }
        }
        return ready
    }

    private static func html(_ html: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // No scripts from elsewhere, no framing: pages hold people's data. (nosniff and no-referrer go on every
        // response, in `ErrorResponseMiddleware`.)
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// Field errors as the templates want them: a list for the summary and a lookup for each field.
struct FormErrors {
    let errors: [FieldError]

    var context: [String: Any] {
        guard !errors.isEmpty else { return [:] }
        var byField: [String: String] = [:]
        for error in errors where byField[error.field] == nil { byField[error.field] = error.message }
        return [
            "errorList": errors.map { ["field": $0.field, "message": $0.message] },
            "fieldErrors": byField
        ]
    }
}

/// Dates as people in England read them.
enum Display {
    private static let formatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "Europe/London")
        f.dateFormat = "d MMM yyyy HH:mm"
        return f
    }()

    static func time(_ date: Date) -> String { formatter.string(from: date) }

    static func dateOfBirth(_ text: String?) -> String {
        guard let text, let date = CalendarDate.date(text) else { return "Not known" }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "d MMMM yyyy"
        return f.string(from: date)
    }

    /// The other records a match candidate stands for (confirmed the same person), for "also recorded as …".
    static func sameAs(_ records: [PersonSummary]) -> [[String: Any]] {
        records.map { ["id": $0.id, "name": "\($0.firstName) \($0.surname)", "dateOfBirth": dateOfBirth($0.dateOfBirth)] }
    }

    static func words(_ raw: String) -> String {
        raw.replacingOccurrences(of: "_", with: " ")
    }
}
