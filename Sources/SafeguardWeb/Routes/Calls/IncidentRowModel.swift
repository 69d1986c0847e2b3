import Foundation
import SafeguardDomain

/// One earlier incident as every history list draws it (a person's, a place's, a child's, a case's, the briefing's).
struct IncidentRowModel: PageModel {
    var id: String
    var reference: String
    var when: String
    /// The part the person played, and whether it is on another record confirmed to be them.
    var role: String
    var relationship: String
    var crime: String
    var postcode: String

    init(_ s: IncidentSummary) {
        id = s.id
        reference = s.reference
        when = Display.time(s.occurredAt)
        role = s.role.rawValue + (s.linkedRecordID == nil ? "" : " (linked record)")
        relationship = Display.words(s.relationship.rawValue)
        crime = s.isCrime ? "Yes" : "No"
        postcode = s.postcode ?? ""
    }
}
