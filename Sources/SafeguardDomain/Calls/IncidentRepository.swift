import Foundation
import SafeguardMatching

/// Incidents and their parties, the call record, the control room's response, and what the briefing reads.
public protocol IncidentRepository: Sendable {
    func find(id: String) async throws -> Incident?
    func recent(limit: Int) async throws -> [IncidentSummary]
    /// Incidents recorded at this address, newest first.
    func atAddress(_ addressID: String, limit: Int) async throws -> [IncidentSummary]
    /// How many incidents were recorded at each of these addresses (those with none are absent).
    func countsAtAddresses(_ addressIDs: [String]) async throws -> [String: Int]
    /// The next human reference for the year (`DA-2026-000124`), unique under concurrent calls on both engines.
    func nextReference(year: Int) async throws -> String
    /// Writes a new incident with its parties (which must exist), its call record and its response.
    func create(_ incident: Incident, call: CallDetails, response: IncidentResponse, createdBy userID: String, at: Date) async throws
    func call(incidentID: String) async throws -> CallDetails?
    /// The response with its grading decisions, oldest first.
    func response(incidentID: String) async throws -> IncidentResponse?
    /// Saves the changeable parts of a response (grade, pending request, flag, times).
    func updateResponse(_ response: IncidentResponse) async throws
    func addGradingDecision(_ decision: GradingDecision, incidentID: String, byUserID: String) async throws
    /// Responses that could be on the live queue: pending, flagged and unacknowledged, or not yet dispatched / arrived.
    func openResponses() async throws -> [IncidentResponse]
    /// Victims in incidents where any of these records was a suspect.
    func victims(ofSuspectRecords ids: [String]) async throws -> [String]
    /// Risk levels recorded for any of these records, newest first.
    func riskLevels(ofPeople ids: [String]) async throws -> [RiskLevelRecord]
    /// Adds a party (a child recorded at the scene) if they are not already on the incident in that role.
    func addParty(incidentID: String, personID: String, role: PartyRole) async throws
    /// Records whether the incident is a crime (the officer's decision at the scene).
    func setCrime(incidentID: String, isCrime: Bool) async throws
    /// Sets the crime's classification (the incident is a recorded crime from then), keeping the change in its history.
    func classifyCrime(incidentID: String, change: CrimeClassificationChange, byUserID: String) async throws
    /// Every classification the incident's crime has had, oldest first.
    func crimeClassifications(incidentID: String) async throws -> [CrimeClassificationChange]
}
