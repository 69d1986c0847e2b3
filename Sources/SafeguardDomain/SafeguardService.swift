import Foundation

/// The one door to Safeguard's data for the web pages, the API and the CLI.
/// Every call checks the actor's permission, writes its audit event in the same transaction, and
/// refuses bad input before anything is written.
public struct SafeguardService: Sendable {
    public let repositories: any SafeguardRepositories
    public let hasher: any CredentialHasher
    public let clock: any SafeguardClock
    public let policy: ForcePolicy

    public init(repositories: any SafeguardRepositories, hasher: any CredentialHasher, clock: any SafeguardClock, policy: ForcePolicy) {
        self.repositories = repositories
        self.hasher = hasher
        self.clock = clock
        self.policy = policy
    }

    /// A new record id.
    public static func newID() -> String { UUID().uuidString.lowercased() }
}

/// Everything the person page shows: the record, its history and the people linked to it.
public struct PersonRecordView: Sendable, Equatable, Codable {
    public var person: Person
    public var incidents: [IncidentSummary]
    public var linkedPeople: [LinkedPerson]
}
