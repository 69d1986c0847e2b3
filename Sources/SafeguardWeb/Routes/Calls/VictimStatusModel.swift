import Foundation
import SafeguardDomain

/// A victim on the incident page with their repeat and vulnerable status under the force's definitions.
struct VictimStatusModel: PageModel {
    var personID: String
    var displayName: String
    var `repeat`: Bool
    var previous: Int
    var definition: String
    var vulnerable: Bool
    var vulnerableBecause: String

    init(_ victim: VictimOnIncident) {
        personID = victim.personID
        displayName = victim.displayName
        `repeat` = victim.status.isRepeat
        previous = victim.status.previousIncidentsCounted
        definition = victim.status.repeatDefinition
        vulnerable = victim.status.isVulnerable
        vulnerableBecause = victim.status.vulnerableBecause.joined(separator: ", ")
    }
}
