import Foundation
import SafeguardMatching

/// Person records, their names, contact details and addresses.
public protocol PeopleRepository: Sendable {
    func find(id: String) async throws -> Person?
    func search(_ query: ValidPersonSearch, limit: Int) async throws -> [PersonSummary]
    func create(_ draft: ValidPersonDraft, id: String, at: Date) async throws -> Person
    /// Replaces a person's details if `expectedVersion` is still current, keeping the old version in history.
    /// Throws `DomainError.staleEdit` when someone else saved first.
    func update(id: String, expectedVersion: Int, with draft: ValidPersonDraft, by userID: String, at: Date) async throws -> Person
    func incidents(forPerson id: String) async throws -> [IncidentSummary]
    /// One address with its warnings still in force, or nil.
    func address(id: String) async throws -> Address?
    /// Marks a place confidential (a refuge) or not.
    func setConfidential(addressID: String, _ confidential: Bool) async throws
    /// Places (not confidential) whose `AddressKey` is `key` — or, with `prefix`, begins with it — one per place, each
    /// with its warnings in force, at most `limit`.
    func addresses(key: String, prefix: Bool, limit: Int) async throws -> [Address]
    /// The comparable form of every record filed under any of these blocking keys (a bounded number per key).
    func matchRecords(forKeys keys: [String]) async throws -> [MatchRecord]
    /// Name keys on record within one spelling slip of each of `names` (a typo's likely intended names; the name
    /// itself included when it is on record), by the name given.
    func knownNames(oneSlipFrom names: [String]) async throws -> [String: [String]]
    /// Summaries of the given people, by id.
    func summaries(ids: [String]) async throws -> [String: PersonSummary]
    /// Source-system ids of the given people's records, by person id.
    func sourceIDs(ofPeople ids: [String]) async throws -> [String: [String]]
    /// How many incidents any of these records is a party to, each incident counted once.
    func incidentCount(acrossPeople ids: [String]) async throws -> Int
    func linkedPeople(ofPerson id: String) async throws -> [LinkedPerson]
    /// The legacy values kept as given for a record (a postcode that is not one, an impossible date), by field.
    func dataQuality(of personID: String) async throws -> [DataQualityIssue]
}
