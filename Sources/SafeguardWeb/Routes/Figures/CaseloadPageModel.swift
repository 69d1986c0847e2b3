import Foundation
import SafeguardDomain

/// The caseload on a date: the date asked for and, once counted, the open cases at each risk level.
struct CaseloadPageModel: PageModel {
    struct Counts: PageModel {
        var high: Int
        var medium: Int
        var standard: Int
        var total: Int
    }
    var on: String
    var caseload: Counts?

    init(on: String, caseload: Caseload? = nil) {
        self.on = caseload?.on ?? on
        self.caseload = caseload.map { Counts(high: $0.high, medium: $0.medium, standard: $0.standard, total: $0.total) }
    }
}
