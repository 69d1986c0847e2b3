import Foundation

/// What a user types to create or correct a person record, before it is checked.
/// Every field is text as it arrived, so a bad value can be shown back with its message.
public struct PersonDraft: Sendable, Equatable, Codable {
    public var firstName: String
    public var middleNames: String?
    public var surname: String
    public var dateOfBirth: String?
    public var sex: String?
    public var ethnicity: String?
    public var interpreterLanguage: String?
    public var phones: [String]
    public var emails: [String]
    public var otherNames: [PersonName]
    public var addressLine1: String?
    public var addressTown: String?
    public var postcode: String?
    public var vulnerabilities: [String]
    /// Whether only named roles may open the record; nil on an edit keeps it as it is (false on a new record).
    public var restricted: Bool?

    public init(
        firstName: String, middleNames: String? = nil, surname: String, dateOfBirth: String? = nil, sex: String? = nil, ethnicity: String? = nil,
        interpreterLanguage: String? = nil, phones: [String] = [], emails: [String] = [], otherNames: [PersonName] = [], addressLine1: String? = nil,
        addressTown: String? = nil, postcode: String? = nil, vulnerabilities: [String] = [], restricted: Bool? = nil
    ) {
        self.firstName = firstName
        self.middleNames = middleNames
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.ethnicity = ethnicity
        self.interpreterLanguage = interpreterLanguage
        self.phones = phones
        self.emails = emails
        self.otherNames = otherNames
        self.addressLine1 = addressLine1
        self.addressTown = addressTown
        self.postcode = postcode
        self.vulnerabilities = vulnerabilities
        self.restricted = restricted
    }
}

/// A draft that passed every check, with identifiers in canonical form.
public struct ValidPersonDraft: Sendable, Equatable {
    public var firstName: String
    public var middleNames: String?
    public var surname: String
    public var dateOfBirth: String?
    public var sex: Sex
    public var ethnicity: String?
    public var interpreterLanguage: String?
    public var phones: [String]
    public var emails: [String]
    public var otherNames: [PersonName]
    public var address: (line1: String, town: String, postcode: String)?
    public var vulnerabilities: [String]
    public var restricted: Bool

    public static func == (a: Self, b: Self) -> Bool {
        a.firstName == b.firstName && a.surname == b.surname && a.dateOfBirth == b.dateOfBirth && a.phones == b.phones
            && a.address?.postcode == b.address?.postcode && a.address?.line1 == b.address?.line1
    }
}

extension PersonDraft {
    /// Checks every field and reports every problem at once, naming the field.
    public func validated(now: Date) throws -> ValidPersonDraft {
        var errors: [FieldError] = []
        let first = trimmedNonEmpty(firstName) ?? ""
        let last = trimmedNonEmpty(surname) ?? ""
        if last.isEmpty { errors.append(FieldError("surname", "Enter a surname (use \"Unknown\" if it is not known).")) }
        TextInput.checkLine(last, "surname", limit: InputLimits.name, &errors)
        TextInput.checkLine(first, "first_name", limit: InputLimits.name, &errors)
        TextInput.checkLine(middleNames, "middle_names", limit: InputLimits.name, &errors)
        for (index, other) in otherNames.enumerated() {
            TextInput.checkLine(other.firstName, "other_names[\(index)].first_name", limit: InputLimits.name, &errors)
            TextInput.checkLine(other.surname, "other_names[\(index)].surname", limit: InputLimits.name, &errors)
        }
        for (field, value) in [
            ("ethnicity", ethnicity), ("interpreter_language", interpreterLanguage), ("address_line1", addressLine1),
            ("address_town", addressTown), ("postcode", postcode)
        ] {
            TextInput.checkLine(value, field, limit: field == "postcode" ? InputLimits.postcode : InputLimits.line, &errors)
        }
        TextInput.checkCount(phones, "phones", &errors)
        TextInput.checkCount(emails, "emails", &errors)
        TextInput.checkCount(otherNames, "other_names", &errors)
        TextInput.checkCount(vulnerabilities, "vulnerabilities", &errors)
        for value in vulnerabilities { TextInput.checkLine(value, "vulnerabilities", limit: InputLimits.line, &errors) }

        var dob: String?
        if let raw = trimmedNonEmpty(dateOfBirth) {
            switch CalendarDate.birthDate(raw, now: now) {
            case .success(let value): dob = value
            case .failure(.inTheFuture): errors.append(FieldError("date_of_birth", "Date of birth must be in the past."))
            case .failure(.tooLongAgo): errors.append(FieldError("date_of_birth", "Date of birth must be within the last 120 years."))
            case .failure(.notADate): errors.append(FieldError("date_of_birth", "Date of birth must be a real date, like 1984-03-27."))
            }
        }

        var sexValue = Sex.unknown
        if let raw = trimmedNonEmpty(sex) {
            if let value = Sex(rawValue: raw.lowercased()) {
                sexValue = value
            } else {
                errors.append(FieldError("sex", "Sex must be one of: female, male, other, unknown."))
            }
        }

        // Monitoring needs categories it can count: a code or the census words, never free text.
        var ethnicityValue: Ethnicity?
        if let raw = trimmedNonEmpty(ethnicity), !Ethnicity.notStated.contains(raw.lowercased()) {
            ethnicityValue = Ethnicity.read(raw)
            if ethnicityValue == nil {
                errors.append(FieldError("ethnicity", "Ethnicity must be a self-defined ethnicity code (like W1 or A2) or a 2021 Census category."))
            }
        }

        var phoneValues: [String] = []
        for raw in phones.compactMap(trimmedNonEmpty) {
            if let value = PhoneNumber.normalise(raw) {
                if !phoneValues.contains(value) { phoneValues.append(value) }
            } else {
                errors.append(FieldError("phone", "\"\(raw)\" is not a UK phone number (like 07700 900123 or +44 7700 900123)."))
            }
        }
        var emailValues: [String] = []
        for raw in emails.compactMap(trimmedNonEmpty) {
            if let value = EmailAddress.normalise(raw) {
                emailValues.append(value)
            } else {
                errors.append(FieldError("email", "\"\(raw)\" is not an email address (like name@example.org)."))
            }
        }

        var address: (String, String, String)?
        let line1 = trimmedNonEmpty(addressLine1), town = trimmedNonEmpty(addressTown), post = trimmedNonEmpty(postcode)
        if line1 != nil || town != nil || post != nil {
            var postValue: String?
            if let post {
                postValue = Postcode.normalise(post)
                if postValue == nil { errors.append(FieldError("postcode", "\"\(post)\" is not a UK postcode (like AB1 2CD).")) }
            } else {
                errors.append(FieldError("postcode", "Enter the postcode of the address."))
            }
            if line1 == nil { errors.append(FieldError("address_line1", "Enter the first line of the address.")) }
            if let line1, let postValue { address = (line1, town ?? "", postValue) }
        }

        let names = otherNames.filter { !$0.surname.trimmingCharacters(in: .whitespaces).isEmpty || !$0.firstName.trimmingCharacters(in: .whitespaces).isEmpty }

        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return ValidPersonDraft(
            firstName: first, middleNames: trimmedNonEmpty(middleNames), surname: last, dateOfBirth: dob, sex: sexValue,
            ethnicity: ethnicityValue?.rawValue, interpreterLanguage: trimmedNonEmpty(interpreterLanguage), phones: phoneValues,
            emails: emailValues, otherNames: names, address: address,
            vulnerabilities: vulnerabilities.compactMap(trimmedNonEmpty), restricted: restricted ?? false)
    }
}
