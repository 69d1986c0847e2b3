import Foundation
import SafeguardDomain

/// The reallocation queue: each waiting case as every case list shows it, with the colleagues it may go to and its
/// own error after a refusal.
struct AwaitingOwnerPageModel: PageModel {
    /// What the queue adds to each case's summary: its form's choices and error.
    struct Allocation: PageModel {
        var choices: [ChoiceModel]
        var error: String
    }
    /// Each a `CaseSummaryModel` with its `Allocation`.
    var cases: [[String: Any]]
    var total: Int
    var shown: Int
    var more: Bool

    init(_ queue: AwaitingOwner, errors: [FieldError]) {
        let choices = queue.choices.map { ChoiceModel(id: $0.id, name: "\($0.displayName) (\($0.role.title))") }
        cases = queue.cases.map { c in
            ModelValues.merged([CaseSummaryModel(c), Allocation(choices: choices, error: errors.first { $0.field == "owner_id_\(c.id)" }?.message ?? "")])
        }
        total = queue.total
        shown = queue.cases.count
        more = queue.total > queue.cases.count
    }
}
