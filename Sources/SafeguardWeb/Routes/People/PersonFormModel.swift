import Foundation
import SafeguardDomain

/// The person form page (creating or correcting a record): each field with its value, hint and error, the restricted
/// box for roles that may set it, and the records she may already be (rule 1).
struct PersonFormModel: PageModel {
    struct Field: PageModel {
        var name: String
        var label: String
        var value: String
        var multiline: Bool
        var hint: String?
        var error: String?
    }
    /// A record she may already be.
    struct Candidate: PageModel {
        var id: String
        var name: String
        var dateOfBirth: String
        var percent: Int
        var reasons: String
    }
    var fieldErrors: [String: String]?
    var fields: [Field]
    var errorList: [FieldMessageModel]
    var heading: String
    var action: String
    var version: Int?
    var restricted: Bool
    var canRestrict: Bool
    var candidates: [Candidate]

    init(
        values: [String: String], errors: [FieldError], heading: String, action: String, version: Int?, restricted: Bool, canRestrict: Bool,
        candidates: [PersonMatchCandidate]
    ) {
        var byField: [String: String] = [:]
        for error in errors where byField[error.field] == nil { byField[error.field] = error.message }
        fieldErrors = errors.isEmpty ? nil : byField
        // Errors on a single phone or email belong to the list field.
        if let phone = byField["phone"] { byField["phones"] = phone }
        if let email = byField["email"] { byField["emails"] = email }
        fields = PersonForm.fields.map { field in
            Field(
                name: field.name, label: field.label, value: values[field.name] ?? "", multiline: field.multiline, hint: field.hint,
                error: byField[field.name])
        }
        errorList = errors.map { error in
            FieldMessageModel(field: error.field == "phone" ? "phones" : error.field == "email" ? "emails" : error.field, message: error.message)
        }
        self.heading = heading
        self.action = action
        self.version = version
        self.restricted = restricted
        self.canRestrict = canRestrict
        self.candidates = candidates.map { m in
            Candidate(
                id: m.person.id, name: "\(m.person.firstName) \(m.person.surname)", dateOfBirth: Display.dateOfBirth(m.person.dateOfBirth),
                percent: Int((m.probability * 100).rounded(.down)), reasons: m.reasons.joined(separator: "; "))
        }
    }
}
