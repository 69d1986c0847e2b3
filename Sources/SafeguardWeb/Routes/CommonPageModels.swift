import Foundation
import SafeguardDomain

/// One radio button or checkbox on a form whose template reads `checked`: what is sent, what is read, and whether it
/// is checked.
struct CheckedOptionModel: PageModel {
    var value: String
    var label: String
    var checked: Bool
}

/// The incident a form or page is about, as its heading and links name it.
struct IncidentReferenceModel: PageModel {
    var id: String
    var reference: String
}

/// A message about a field: a form's error in its summary, or a term a search or match set aside, and why.
struct FieldMessageModel: PageModel {
    var field: String
    var message: String
}

extension FieldMessageModel {
    /// A term set aside, its field named in words.
    init(setAside error: FieldError) {
        field = Display.words(error.field)
        message = error.message
    }
}

extension OptionModel {
    /// The crime classifications as `<select>` options, `selected` chosen (the incident's and the scene form's).
    static func crimeClassifications(selected: String?) -> [OptionModel] {
        CrimeClassification.allCases.map { OptionModel(value: $0.rawValue, label: $0.title, selected: $0.rawValue == selected) }
    }
}
