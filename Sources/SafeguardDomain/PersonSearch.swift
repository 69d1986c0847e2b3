import Foundation

/// A person search as a user types it: any of name, date of birth, phone, postcode.
public struct PersonSearchQuery: Sendable, Equatable, Codable {
    public var name: String?
    public var dateOfBirth: String?
    public var phone: String?
    public var postcode: String?
    public init(name: String? = nil, dateOfBirth: String? = nil, phone: String? = nil, postcode: String? = nil) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.phone = phone
        self.postcode = postcode
    }

    /// The terms as one line for the audit log ("every search, with its terms").
    public var auditTerms: String {
        [("name", name), ("date_of_birth", dateOfBirth), ("phone", phone), ("postcode", postcode)]
            .compactMap { key, value in value.flatMap { $0.isEmpty ? nil : "\(key)=\($0)" } }
            .joined(separator: "&")
    }
}

/// A search that passed its checks: name split into words, identifiers in canonical form.
public struct ValidPersonSearch: Sendable, Equatable {
    /// Lower-cased words of the name; the last is matched against surnames, the others against first names.
    public var nameWords: [String]
    public var dateOfBirth: String?
    public var phone: String?
    public var postcode: String?
}

extension PersonSearchQuery {
    /// Checks the terms; at least one is needed, and each must be well formed.
    public func validated() throws -> ValidPersonSearch {
        var terms = SearchTerms()
        let words = (trimmedNonEmpty(name) ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        let dob = terms.date(dateOfBirth)
        let phoneValue = terms.phone(phone)
        let postValue = terms.postcode(postcode)
        var errors = terms.errors
        if errors.isEmpty && words.isEmpty && dob == nil && phoneValue == nil && postValue == nil {
            errors.append(FieldError("name", "Enter at least one of name, date of birth, phone or postcode."))
        }
        if words.count > 6 { errors.append(FieldError("name", "Use at most six words of a name.")) }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return ValidPersonSearch(nameWords: words, dateOfBirth: dob, phone: phoneValue, postcode: postValue)
    }
}
