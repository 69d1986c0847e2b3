import Foundation
import SafeguardDomain

/// The person form: one question per line, the same fields for creating and correcting a record.
enum PersonForm {
    struct Field {
        let name: String
        let label: String
        let hint: String?
        var multiline = false
    }

    static let fields: [Field] = [
        Field(name: "first_name", label: "First name", hint: nil),
        Field(name: "middle_names", label: "Middle names", hint: nil),
        Field(name: "surname", label: "Surname", hint: "Use \"Unknown\" if the surname is not known."),
        Field(name: "date_of_birth", label: "Date of birth", hint: "For example, 1984-03-27 or 27/03/1984. Leave empty if not known."),
        Field(name: "sex", label: "Sex", hint: "female, male, other or unknown"),
        Field(name: "ethnicity", label: "Ethnicity (monitoring code)", hint: "For example, W1"),
        Field(
            name: "interpreter_language", label: "Interpreter needed – language",
            hint: "Leave empty if no interpreter is needed. Never use a child to interpret."),
        Field(name: "phones", label: "Phone numbers", hint: "One per line.", multiline: true),
        Field(name: "emails", label: "Email addresses", hint: "One per line.", multiline: true),
        Field(name: "other_names", label: "Other names (previous, maiden, alias)", hint: "One per line, first name then surname.", multiline: true),
        Field(name: "address_line1", label: "Address – first line", hint: nil),
        Field(name: "address_town", label: "Town", hint: nil),
        Field(name: "postcode", label: "Postcode", hint: nil),
        Field(name: "vulnerabilities", label: "Vulnerabilities", hint: "One per line.", multiline: true)
    ]

    /// A draft from a posted form. The restricted box is only on the form for roles that may set it;
    /// for others its absence means "leave as it is", not "unrestrict".
    static func draft(from form: FormBody, canRestrict: Bool) -> PersonDraft {
        PersonDraft(
            firstName: form["first_name"] ?? "", middleNames: form["middle_names"], surname: form["surname"] ?? "",
            dateOfBirth: form["date_of_birth"], sex: form["sex"], ethnicity: form["ethnicity"],
            interpreterLanguage: form["interpreter_language"], phones: form.list("phones"), emails: form.list("emails"),
            otherNames: form.list("other_names").map(otherName), addressLine1: form["address_line1"],
            addressTown: form["address_town"], postcode: form["postcode"], vulnerabilities: form.list("vulnerabilities"),
            restricted: canRestrict ? form["restricted"] == "yes" : nil)
    }

    /// "Kate Smith" → first name Kate, surname Smith, recorded as a previous name.
    static func otherName(_ line: String) -> PersonName {
        let words = line.split(separator: " ").map(String.init)
        return PersonName(firstName: words.dropLast().joined(separator: " "), surname: words.last ?? "", kind: .previous)
    }

    /// Form values from a saved person.
    static func values(of person: Person) -> [String: String] {
        let address = person.currentAddress
        return [
            "first_name": person.firstName, "middle_names": person.middleNames ?? "", "surname": person.surname,
            "date_of_birth": person.dateOfBirth ?? "", "sex": person.sex.rawValue, "ethnicity": person.ethnicity ?? "",
            "interpreter_language": person.interpreterLanguage ?? "", "phones": person.phones.joined(separator: "\n"),
            "emails": person.emails.joined(separator: "\n"),
            "other_names": person.otherNames.map { "\($0.firstName) \($0.surname)" }.joined(separator: "\n"),
            "address_line1": address?.line1 ?? "", "address_town": address?.town ?? "", "postcode": address?.postcode ?? "",
            "vulnerabilities": person.vulnerabilities.joined(separator: "\n")
        ]
    }

    /// The posted values, to show back with the errors.
    static func values(of form: FormBody) -> [String: String] {
        var values: [String: String] = [:]
        for field in fields { values[field.name] = (form.fields[field.name] ?? []).joined(separator: "\n") }
        return values
    }
}
