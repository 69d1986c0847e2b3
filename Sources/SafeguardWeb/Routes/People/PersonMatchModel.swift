import Foundation
import SafeguardDomain

/// A record the matcher found for the details typed, as person search lists it and the call form offers it as a
/// radio choice (`prefix` names the call form's party, `chosen` the record it has chosen).
struct PersonMatchModel: PageModel {
    var id: String
    var name: String
    var dateOfBirth: String
    var postcode: String
    var incidentCount: Int
    var percent: Int
    var proposed: Bool
    var reasons: String
    var chosen: Bool
    var prefix: String
    var restricted: Bool
    var sameAs: [[String: Any]]

    init(_ m: PersonMatchCandidate, prefix: String = "", chosen: String? = nil) {
        id = m.person.id
        name = "\(m.person.firstName) \(m.person.surname)"
        dateOfBirth = Display.dateOfBirth(m.person.dateOfBirth)
        postcode = m.person.postcode ?? ""
        incidentCount = m.incidentCount
        percent = Int((m.probability * 100).rounded(.down))
        proposed = m.proposed
        reasons = m.reasons.joined(separator: "; ")
        self.chosen = m.person.id == chosen
        self.prefix = prefix
        restricted = m.person.restricted
        sameAs = Display.sameAs(m.sameAs)
    }
}
