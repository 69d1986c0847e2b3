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
    /// Details that could not be read and were left out of the search, each with why.
    public var setAside: [FieldError] = []
}

extension PersonSearchQuery {
    /// Checks the terms. A detail that cannot be read (a partial postcode, a word with no letters) is set aside and
    /// the rest searched; the search is refused when nothing usable is left, or when a value is longer than anyone
    /// could mean or holds control characters.
    public func validated() throws -> ValidPersonSearch {
        var refused: [FieldError] = []
        for (field, value, limit) in [
            ("name", name, InputLimits.name * 2), ("date_of_birth", dateOfBirth, InputLimits.date),
            ("phone", phone, InputLimits.phone), ("postcode", postcode, InputLimits.postcode)
        ] {
            TextInput.checkLine(value, field, limit: limit, &refused)
        }
        let typed = (trimmedNonEmpty(name) ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if typed.count > InputLimits.searchWords { refused.append(FieldError("name", "Use at most \(InputLimits.searchWords) words of a name.")) }
        guard refused.isEmpty else { throw DomainError.invalid(refused) }
        var terms = SearchTerms()
        let words = typed.compactMap { terms.name($0, field: "name") }
        let dob = terms.date(dateOfBirth)
        let phoneValue = terms.phone(phone)
        let postValue = terms.postcode(postcode)
        if words.isEmpty && dob == nil && phoneValue == nil && postValue == nil {
            throw DomainError.invalid(
                terms.errors.isEmpty
                    ? [FieldError("name", "Enter at least one of name, date of birth, phone or postcode.")]
                    : terms.errors.map { FieldError($0.field, $0.message + " Nothing else was given to search on.") })
        }
        return ValidPersonSearch(nameWords: words, dateOfBirth: dob, phone: phoneValue, postcode: postValue, setAside: terms.errors)
    }
}

/// What a search found, and the details it could not read and left out.
public struct PersonSearchResult: Sendable, Equatable, Codable {
    public var results: [PersonSummary]
    public var setAside: [FieldError]
}
