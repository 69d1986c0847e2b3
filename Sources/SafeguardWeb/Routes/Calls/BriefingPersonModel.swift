import Foundation
import SafeguardDomain

/// One person as the briefing and the counter-allegation page draw them: status, warnings, orders, risk levels and
/// history (each list also gets its `has_` flag from the page's section rules).
struct BriefingPersonModel: PageModel {
    /// A victim's repeat and vulnerable status under the force's definitions.
    struct Status: PageModel {
        var `repeat`: Bool
        var previous: Int
        var definition: String
        var vulnerable: Bool
        var because: String
    }
    /// Another record whose history is included, and how sure the system is that it is this person.
    struct LinkedRecord: PageModel {
        var id: String
        var status: String
        var percent: Int
    }
    struct RiskLevelRow: PageModel {
        var level: String
        var high: Bool
        var when: String
        var reference: String
        var incidentID: String
    }
    struct Order: PageModel {
        var kind: String
        var terms: String
        var from: String
        var until: String
    }
    struct OtherVictim: PageModel {
        var id: String
        var name: String
    }
    var id: String
    var name: String
    var role: String
    var dateOfBirth: String
    var restricted: Bool
    var markers: [MarkerModel]
    var addressMarkers: [MarkerModel]
    var history: [IncidentRowModel]
    var historyCount: Int
    var linkedRecords: [LinkedRecord]
    var riskLevels: [RiskLevelRow]
    var orders: [Order]
    var otherVictims: [OtherVictim]
    var riskNotes: [String]
    var status: Status?
    /// Where her record is opened from (`incident:<id>`), carried to the read as its purpose; empty for a child of the
    /// household who is not a party, whose record the incident does not name.
    var from = ""

    init(_ p: BriefingPerson, incidentID: String? = nil) {
        if let incidentID, !p.householdOnly { from = "incident:\(incidentID)" }
        id = p.person.id
        name = "\(p.person.firstName) \(p.person.surname)"
        role = p.householdOnly ? "child in the household" : p.role.rawValue
        dateOfBirth = Display.dateOfBirth(p.person.dateOfBirth)
        restricted = p.person.restricted
        markers = p.markers.map(MarkerModel.init)
        addressMarkers = p.addressMarkers.map(MarkerModel.init)
        history = p.history.map(IncidentRowModel.init)
        historyCount = p.history.count
        linkedRecords = p.linkedRecords.map {
            LinkedRecord(
                id: $0.personID, status: $0.status == "confirmed" ? "confirmed same person" : "likely the same person (not yet confirmed)",
                percent: $0.probability.map { Int(($0 * 100).rounded(.down)) } ?? 100)
        }
        riskLevels = p.riskLevels.map {
            RiskLevelRow(
                level: $0.level.rawValue, high: $0.level == .high, when: Display.time($0.assessedAt), reference: $0.incidentReference, incidentID: $0.incidentID
            )
        }
        orders = p.orders.map { Order(kind: $0.kind.label, terms: $0.terms, from: $0.startsOn, until: $0.endsOn ?? "no end date") }
        otherVictims = p.otherVictims.map { OtherVictim(id: $0.id, name: "\($0.firstName) \($0.surname)") }
        riskNotes = p.riskNotes
        status = p.status.map {
            Status(
                repeat: $0.isRepeat, previous: $0.previousIncidentsCounted, definition: $0.repeatDefinition, vulnerable: $0.isVulnerable,
                because: $0.vulnerableBecause.joined(separator: ", "))
        }
    }
}
