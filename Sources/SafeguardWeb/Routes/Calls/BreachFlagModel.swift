import Foundation
import SafeguardDomain

/// An order the incident may have breached (rule 25), as the incident page and the officer's briefing flag it.
struct BreachFlagModel: PageModel {
    var label: String
    var ends: String
    var confirmed: Bool

    init(_ flag: BreachFlag) {
        label = flag.kind.label
        ends = flag.endsOn.map { " (in force until \($0))" } ?? ""
        confirmed = flag.confirmed
    }
}
