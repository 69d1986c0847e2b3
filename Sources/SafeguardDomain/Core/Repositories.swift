import Foundation
import SafeguardMatching

/// Storage as the domain sees it. One `transaction` is one unit of work: all of it is written, or none.
public protocol SafeguardRepositories: Sendable {
    /// Runs `body` in one database transaction; throwing rolls everything back.
    func transaction<R: Sendable>(_ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R) async throws -> R
    /// Runs `body` in a read-only unit of work: it sees one consistent snapshot and must write nothing. On SQLite it does
    /// not queue behind writers (WAL lets readers run beside the one writer), so reads such as checking a token stay fast.
    func read<R: Sendable>(_ body: @escaping @Sendable (any RepositoryTransaction) async throws -> R) async throws -> R
    /// Checks every audit event's link, every signed checkpoint and the signed head; reports the first break.
    func verifyAuditChain() async throws -> AuditVerification
    /// Checks the events written since the latest signed checkpoint, and the head; when they hold, signs a new
    /// checkpoint at the head, so the next check starts there.
    func verifyAuditChainSinceCheckpoint() async throws -> AuditChainCheck
    /// Whether the database answers (for `/health`).
    func ping() async throws
    /// How busy the connection pool is now (for `/metrics`).
    func connectionUsage() -> ConnectionUsage
}

/// The repositories available inside one transaction.
public protocol RepositoryTransaction: Sendable {
    var people: any PeopleRepository { get }
    var incidents: any IncidentRepository { get }
    var users: any UserRepository { get }
    var areas: any AreaRepository { get }
    var staff: any StaffRepository { get }
    var audit: any AuditRepository { get }
    var dedupe: any DedupeRepository { get }
    var imports: any PersonImportRepository { get }
    var links: any RecordLinkRepository { get }
    var assessments: any RiskAssessmentRepository { get }
    var cases: any CaseRepository { get }
    var tasks: any TaskRepository { get }
    var scenes: any SceneRepository { get }
    var custody: any CustodyRepository { get }
    var orders: any OrderRepository { get }
    var triggers: any TriggerRepository { get }
    var contacts: any ContactRepository { get }
    var outcomes: any OutcomeRepository { get }
    var history: any HistoryRepository { get }
    var warnings: any WarningRepository { get }
    var households: any HouseholdRepository { get }
    var marac: any MaracRepository { get }
    var idva: any IdvaRepository { get }
    var shares: any ShareRepository { get }
    var perpetrators: any PerpetratorRepository { get }
    var neighbourhood: any NeighbourhoodRepository { get }
    var figures: any FiguresRepository { get }
    var disclosures: any DisclosureRepository { get }
    var homicideReviews: any HomicideReviewRepository { get }
    var surveys: any SurveyRepository { get }
    var referenceFigures: any ReferenceFiguresRepository { get }
    var quality: any QualityRepository { get }
    var retention: any RetentionRepository { get }
    var informationRequests: any InformationRequestRepository { get }
}
