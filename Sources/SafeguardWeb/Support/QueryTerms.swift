import Foundation
import SafeguardDomain

/// Numbers from a query string: a term that is not a whole number is refused by name, never read as the default.
enum QueryTerms {
    /// `raw` as a whole number, nil when it was not sent; a 422 naming `field` when it is not a whole number.
    static func wholeNumber(_ raw: String?, field: String) throws -> Int? {
        guard let raw else { return nil }
        guard let value = Int(raw.trimmingCharacters(in: .whitespaces)) else {
            throw DomainError.invalid([FieldError(field, "must be a whole number (got \"\(raw.prefix(40))\").")])
        }
        return value
    }
}
