import Foundation
import SafeguardDomain

/// The page where an analyst types in the force's monthly totals for other crime (rule 31's comparison): the year's
/// months as entered, and the form.
struct ReferenceFiguresPageModel: PageModel {
    struct Row: PageModel {
        var month: String
        var category: String
        var crimes: Int
        var charges: Int
        var entered: String
    }
    struct OutcomeField: PageModel {
        var kind: String
        var label: String
        var value: String
    }
    var year: Int
    var rows: [Row]
    var categoryChoices: [OptionModel]
    var outcomeFields: [OutcomeField]
    var typedMonth: String
    var typedCrimes: String
    var source: String

    init(year: Int, rows found: [ReferenceFigures], form: FormBody?) {
        self.year = year
        rows = found.map {
            Row(
                month: $0.month, category: $0.category.label, crimes: $0.crimes, charges: $0.outcomes[CrimeOutcome.Kind.charge.rawValue] ?? 0,
                entered: "\($0.enteredBy), \(Display.time($0.enteredAt))")
        }
        categoryChoices = ReferenceFigures.Category.allCases.map {
            OptionModel(value: $0.rawValue, label: $0.label, selected: form?["category"] == $0.rawValue)
        }
        outcomeFields = CrimeOutcome.Kind.allCases.map { OutcomeField(kind: $0.rawValue, label: $0.label, value: form?["outcome_\($0.rawValue)"] ?? "") }
        typedMonth = form?["month"] ?? ""
        typedCrimes = form?["crimes"] ?? ""
        source = ReferenceFigureRules.source
    }
}
