import Foundation
import SafeguardMatching

/// Safeguarding cases and who has owned them. `save` checks the version, so two people changing one case at
/// once cannot both win; the database holds at most one open case per victim record.
public protocol CaseRepository: Sendable {
    /// The next `SG-YYYY-NNNNNN`, unique under concurrent calls.
    func nextReference(year: Int) async throws -> String
    func create(_ safeguardingCase: SafeguardingCase, byUserID: String) async throws
    func find(id: String) async throws -> SafeguardingCase?
    /// The open case of any of these records (one person's linked records), if there is one.
    func openCase(forVictims personIDs: [String]) async throws -> SafeguardingCase?
    /// The cases an incident belongs to.
    func forIncident(_ incidentID: String) async throws -> [SafeguardingCase]
    func addIncident(caseID: String, incidentID: String) async throws
    /// When each of the case's incidents happened (for the repeat-pattern trigger).
    func incidentTimes(caseID: String) async throws -> [Date]
    /// Saves owner, investigator, handover, level and reallocation flag; throws `staleEdit` if `version` is not current.
    func save(_ safeguardingCase: SafeguardingCase) async throws -> SafeguardingCase
    func addEvent(_ event: CaseOwnershipEvent) async throws
    func events(caseID: String) async throws -> [CaseOwnershipEvent]
    /// Open cases owned by, or offered to, this user.
    func owned(by userID: String) async throws -> [SafeguardingCase]
    /// Open cases this user is the named investigator of.
    func investigated(by userID: String) async throws -> [SafeguardingCase]
    func offered(to userID: String) async throws -> [SafeguardingCase]
    /// Open cases waiting for an owner (flagged for reallocation), highest risk and oldest first.
    func awaitingOwner(limit: Int) async throws -> [SafeguardingCase]
    func awaitingOwnerCount() async throws -> Int
    /// Every open case, the area it is placed in now and its victim's current postcode.
    func openCasePlaces() async throws -> [(caseID: String, areaID: String?, victimPostcode: String?)]
    /// Places cases in areas (nil: in none).
    func place(_ moves: [(caseID: String, areaID: String?)]) async throws
    /// Open cases per owner among `userIDs`, for allocation by load (never a cap).
    func openCaseCounts(owners userIDs: [String]) async throws -> [String: Int]
    /// Her most recently closed case among these records, if any (a new incident may reopen it).
    func latestClosedCase(forVictims personIDs: [String]) async throws -> SafeguardingCase?
    /// Records the case's state from `at`: open at `level`, or closed. Every open, close, reopen and change of level is
    /// one, so the caseload on any past date is counted from the record, not from a snapshot.
    func recordState(caseID: String, open: Bool, level: RiskLevel?, at: Date) async throws
    /// How many cases were open at `moment`, by the level each held then (nil: not yet assessed).
    func openCounts(at moment: Date) async throws -> [RiskLevel?: Int]
}
