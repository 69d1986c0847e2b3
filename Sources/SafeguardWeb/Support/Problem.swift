import Foundation
import Hummingbird
import SafeguardDomain

/// An RFC 9457 problem body: what the API returns for every refusal.
struct Problem: Encodable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldError]?
    /// For a likely duplicate: the records that may be this person, as the match check ranks them.
    var candidates: [PersonMatchCandidate]?

    /// The one mapping from domain errors to HTTP.
    static func from(_ error: DomainError) -> Problem {
        switch error {
        case .invalid(let fields):
            Problem(
                type: "https://safeguard.example/problems/invalid", title: "Some of what was sent is not right", status: 422, detail: error.message,
                errors: fields)
        case .notFound:
            Problem(type: "https://safeguard.example/problems/not-found", title: "Not found", status: 404, detail: error.message)
        case .forbidden:
            Problem(type: "https://safeguard.example/problems/forbidden", title: "Not allowed", status: 403, detail: error.message)
        case .reasonRequired:
            Problem(
                type: "https://safeguard.example/problems/reason-required", title: "A reason is required", status: 403, detail: error.message,
                errors: [FieldError("reason", error.message)])
        case .staleEdit:
            Problem(
                type: "https://safeguard.example/problems/stale-edit", title: "Changed by someone else", status: 409, detail: error.message,
                errors: [FieldError("version", error.message)])
        case .signInFailed:
            Problem(type: "https://safeguard.example/problems/unauthorised", title: "Not signed in", status: 401, detail: error.message)
        case .conflict:
            Problem(type: "https://safeguard.example/problems/conflict", title: "Conflict", status: 409, detail: error.message)
        case .tooManyAttempts:
            Problem(type: "https://safeguard.example/problems/too-many-attempts", title: "Too many attempts", status: 429, detail: error.message)
        case .possibleDuplicates(let field, let candidates):
            Problem(
                type: "https://safeguard.example/problems/possible-duplicate", title: "This may be someone already on record", status: 409,
                detail: error.message, errors: [FieldError(field, error.message)], candidates: candidates)
        }
    }

    static let unauthenticated = Problem(
        type: "https://safeguard.example/problems/unauthorised", title: "Not signed in", status: 401,
        detail: "Send a valid API token: Authorization: Bearer <token> (see `safeguard user token`).")

    func response() throws -> Response {
        try APIJSON.response(self, status: HTTPResponse.Status(code: status), contentType: "application/problem+json")
    }
}
