import Foundation
import SafeguardDomain

/// Person search: the terms, the records found by them, and the records the matcher finds under other names (only
/// once a search ran).
struct PeopleSearchModel: PageModel {
    struct Query: PageModel {
        var name: String
        var dateOfBirth: String
        var phone: String
        var postcode: String
        var reason: String
    }
    struct Result: PageModel {
        var id: String
        var name: String
        var dateOfBirth: String
        var postcode: String
        var incidentCount: Int
        var restricted: Bool
        var sameAs: [[String: Any]]
    }
    var query: Query
    var canCreate: Bool
    var mustGiveReason: Bool
    var setAside: [FieldMessageModel]?
    var searched: Bool?
    var resultCount: Int?
    var oneResult: Bool?
    var results: [Result]?
    var advice: String?
    /// Records the matcher found that the search by terms did not.
    var matches: [PersonMatchModel]?
    /// Why a reason must be given before the search runs (rule 33).
    var reasonNeeded: String?
}
