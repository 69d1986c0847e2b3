import Foundation

/// The one door to Safeguard's data for the web pages, the API and the CLI.
/// Every call checks the actor's permission, writes its audit event in the same transaction, and
/// refuses bad input before anything is written.
public struct SafeguardService: Sendable {
    /// Storage, for the domain's operations only: pages, API and CLI ask the service, never the repositories.
    let repositories: any SafeguardRepositories
    public let hasher: any CredentialHasher
    public let clock: any SafeguardClock
    public let policy: ForcePolicy
    /// Failed sign-ins per network address, in this process.
    public let addressThrottle = AddressThrottle()

    public init(repositories: any SafeguardRepositories, hasher: any CredentialHasher, clock: any SafeguardClock, policy: ForcePolicy) {
        self.repositories = repositories
        self.hasher = hasher
        self.clock = clock
        self.policy = policy
    }

    /// A new record id: a UUID version 7 (RFC 9562), whose leading bits are the time in milliseconds.
    /// Ids made later sort later, so inserts land at the end of each index instead of all over it.
    public static func newID(at instant: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, instant.timeIntervalSince1970 * 1000))
        let high = (millis << 16) | 0x7000 | (generator.next() & 0x0FFF)
        let low = (generator.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 16)
        let chars = Array(hex)
        return [chars[0..<8], chars[8..<12], chars[12..<16], chars[16..<20], chars[20..<32]].map { String($0) }.joined(separator: "-")
    }
}

extension SafeguardService {
    /// A read of people's records that writes nothing else: the data is read from a snapshot without waiting for the
    /// writer, then its audit event is appended; the caller gets the data only once the read is on the audit chain.
    func readAudited<R: Sendable>(
        _ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R,
        audit entry: @escaping @Sendable (R) -> AuditEntry
    ) async throws -> R {
        let value = try await repositories.read(body)
        try await repositories.transaction { tx in _ = try await tx.audit.append(entry(value)) }
        return value
    }
}

extension SafeguardService {
    /// Runs an attempt to read people's records; when it is refused (the role may not, the record is restricted, no
    /// reason was given where one must be) the attempt is written to the audit log in a transaction of its own — the
    /// refusal rolls back everything the attempt wrote, and a refused look is exactly what an auditor asks about.
    func recordingRefusal<R: Sendable>(
        _ actor: Actor, _ action: AuditAction, recordType: String?, recordID: String?, reason: String?,
        _ attempt: () async throws -> R
    ) async throws -> R {
        do {
            return try await attempt()
        } catch let error as DomainError {
            switch error {
            case .forbidden, .reasonRequired:
                let stated = reason.flatMap(trimmedNonEmpty).map { String($0.prefix(InputLimits.line)) }
                let entry = AuditEntry(
                    at: clock.now(), user: actor.user, action: .refused, recordType: recordType, recordID: recordID,
                    reason: stated, detail: "\(action.rawValue): \(error.message)")
                try await repositories.transaction { tx in _ = try await tx.audit.append(entry) }
            default:
                break
            }
            throw error
        }
    }

    /// A read of part of a person's record — her contact log, his custody history, their orders — across the records
    /// confirmed to be them (rule 33): refused on a restricted record to roles without restricted access; roles that
    /// look back must say why; each read is audited as `action`, with `detail` of what was found.
    func readOfPersonRecord<R: Sendable>(
        _ actor: Actor, personID: String, reason: String?, action: AuditAction,
        detail: @escaping @Sendable (R) -> String,
        _ body: @escaping @Sendable (any RepositoryTransaction, _ records: [String]) async throws -> R
    ) async throws -> R {
        try await recordingRefusal(actor, action, recordType: "person", recordID: personID, reason: reason) {
            try actor.require(.viewIncident)
            let why = try statedReason(actor, reason)
            let now = clock.now()
            return try await readAudited(
                { tx in
                    _ = try await visiblePerson(tx, actor, personID)
                    return try await body(tx, try await recordsOfSamePerson(tx, personID))
                },
                audit: { found in
                    AuditEntry(at: now, user: actor.user, action: action, recordType: "person", recordID: personID, reason: why, detail: detail(found))
                })
        }
    }

    /// This record and every record confirmed to be the same person (her maiden name, his alias): one person's records.
    func recordsOfSamePerson(_ tx: any RepositoryTransaction, _ personID: String) async throws -> [String] {
        [personID] + (try await tx.links.links(of: personID)).filter { $0.status == "confirmed" }.map(\.otherID)
    }

    /// The person record, or `notFound`; a restricted record (rule 33) is refused to roles without restricted access,
    /// whichever page or API asked — safe numbers and order terms can say where she lives.
    func visiblePerson(_ tx: any RepositoryTransaction, _ actor: Actor, _ personID: String) async throws -> Person {
        guard let person = try await tx.people.find(id: personID) else { throw DomainError.notFound(kind: "person", id: personID) }
        if person.restricted && !actor.role.can(.viewRestricted) {
            throw DomainError.forbidden("This is a restricted record. Only named roles may open it; ask a DA specialist.")
        }
        try await requireInArea(tx, actor, person: person)
        return person
    }

    /// Every account by id, for allocation and for finding who covers whom.
    func usersByID(_ tx: any RepositoryTransaction) async throws -> [String: User] {
        Dictionary(uniqueKeysWithValues: try await tx.users.all().map { ($0.id, $0) })
    }
}

extension String {
    /// Zeros in front up to `length` characters (`"7".leftPadded(to: 2)` is `"07"`). Cheaper than `String(format:)`,
    /// which builds a formatter each call, on paths every write takes.
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

/// Everything the person page shows: the record, its history and the people linked to it.
public struct PersonRecordView: Sendable, Equatable, Codable {
    public var person: Person
    /// This record's incidents and those of every record confirmed to be the same person, newest first.
    public var incidents: [IncidentSummary]
    public var linkedPeople: [LinkedPerson]
    /// Other records that are, may be, or were decided not to be the same person.
    public var links: [RecordLink]
    /// Values from the system the record came from that could not be used as given, kept exactly as they were.
    public var dataQuality: [DataQualityIssue] = []
    /// Every officer-safety warning on the person and her phones, ended ones too, oldest first.
    public var warnings: [Marker] = []
    /// The children of this person's household today (rule 9), with their links, risk notes and own incidents.
    public var household: [HouseholdChild] = []
    /// Whether the person is on the force's staff list (a police employee, rule 33), told only to the roles that see
    /// restricted records; nil for everyone else.
    public var onStaffList: Bool? = nil
}
