import Foundation
import SafeguardDomain

/// The access-log search as the page, its CSV and the API all read it from a query string.
extension AuditQuery {
    init(fields: FormBody) throws {
        self.init(
            personID: fields["person"], username: fields["user"], action: fields["action"], from: fields["from"], to: fields["to"],
            before: try QueryTerms.wholeNumber(fields["before"], field: "before").map(Int64.init),
            limit: try QueryTerms.wholeNumber(fields["limit"], field: "limit"))
    }

    /// Letters, digits and `-._~`: what a query value may hold unescaped.
    static let queryValueCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    /// The query string that asks for this search again (for the CSV link and the next page).
    var queryString: String {
        let pairs: [(String, String?)] = [("person", personID), ("user", username), ("action", action), ("from", from), ("to", to)]
        return pairs.compactMap { name, value -> String? in
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: Self.queryValueCharacters) ?? "")"
        }.joined(separator: "&")
    }
}

/// One event as the API answers it: flat, the chain's link beside it so an export can be checked against the log.
struct AuditEventOutput: Encodable {
    var sequence: Int64
    var at: Date
    var userID: String?
    var username: String?
    var role: String?
    var action: String
    var recordType: String?
    var recordID: String?
    var reason: String?
    var detail: String?
    var hash: String

    init(_ event: AuditEvent) {
        sequence = event.sequence
        at = event.entry.at
        userID = event.entry.userID
        username = event.entry.username
        role = event.entry.role
        action = event.entry.action.rawValue
        recordType = event.entry.recordType
        recordID = event.entry.recordID
        reason = event.entry.reason
        detail = event.entry.detail
        hash = event.hash
    }
}
