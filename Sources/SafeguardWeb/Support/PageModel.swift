import Foundation

/// A page's values as a struct, so the compiler checks every name and type the code sets; the template reads the
/// property names. `ModelValues` turns a model into the values Mustache reads — by reflection over stored properties:
/// models inside models and lists of them become nested values, an optional that is nil is absent — and
/// `Templates.page(_:title:models:…)` then applies the same section rules as every page (`Templates.sectionReady`).
protocol PageModel {}

enum ModelValues {
    /// The model's stored properties by name.
    static func values(_ model: any PageModel) -> [String: Any] {
        var values: [String: Any] = [:]
        for child in Mirror(reflecting: model).children {
            guard let label = child.label, let value = convert(child.value) else { continue }
            values[label] = value
        }
        return values
    }

    /// Several models' values as one page's (later ones win on a shared name).
    static func merged(_ models: [any PageModel]) -> [String: Any] {
        models.reduce(into: [:]) { values, model in values.merge(Self.values(model)) { $1 } }
    }

    private static func convert(_ value: Any) -> Any? {
        if let model = value as? any PageModel { return values(model) }
        if let list = value as? [any PageModel] { return list.map(values) }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first.flatMap { convert($0.value) } }
        return value
    }
}

/// One choice in a select or a set of checkboxes: what is sent, what is read, and whether it is chosen.
struct OptionModel: PageModel {
    var value: String
    var label: String
    var selected = false
}
