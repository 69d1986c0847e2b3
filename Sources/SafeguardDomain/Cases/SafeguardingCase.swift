import Foundation

/// A victim's safeguarding case (rule 15): every incident with that victim joins it while it is open, and it always
/// has exactly one named owner for the victim's safety — and, when there is a crime, an investigator beside them.
public struct SafeguardingCase: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable { case open, closed }

    public var id: String
    /// Human reference, e.g. `SG-2026-000042`.
    public var reference: String
    public var victimPersonID: String
    public var victimName: String
    /// Whether her record is restricted: `Visibility` shows who she is only to roles with restricted access.
    public var victimRestricted: Bool
    public var status: Status
    /// The level the case is worked at: the latest judged or reviewed level of its victim; nil until first assessed.
    public var riskLevel: RiskLevel?
    /// The one person answerable for the victim's safety now. Never empty (the database refuses a null).
    public var owner: CaseUser
    public var investigator: CaseUser?
    /// A handover offered and not yet accepted: until it is, `owner` still owns the case.
    public var pendingHandover: PendingHandover?
    /// Moved to a supervisor because the owner is away; the supervisor owns it until they hand it on.
    public var needsReallocation: Bool
    public var openedAt: Date
    /// When it closed; nil while open (a reopened case is open again).
    public var closedAt: Date?
    public var incidentIDs: [String]
    public var version: Int
    /// The area the case is placed in: where she lives (her current address), else where it was allocated. Kept
    /// current by `SafeguardService.placeOpenCases` as addresses and areas change; an area's briefing reads it.
    public var areaID: String?

    // "IDs" would become "i_ds" under snake_case conversion; spelt so it becomes `incident_ids`, as documented.
    enum CodingKeys: String, CodingKey {
        case id, reference, victimPersonID, victimName, victimRestricted, status, riskLevel, owner, investigator, pendingHandover
        case needsReallocation, openedAt, closedAt, version
        case incidentIDs = "incidentIds"
        case areaID = "areaId"
    }

    public init(
        id: String, reference: String, victimPersonID: String, victimName: String, status: Status = .open, riskLevel: RiskLevel?,
        owner: CaseUser, investigator: CaseUser? = nil, pendingHandover: PendingHandover? = nil, needsReallocation: Bool = false,
        openedAt: Date, incidentIDs: [String], version: Int = 1, victimRestricted: Bool = false, closedAt: Date? = nil,
        areaID: String? = nil
    ) {
        self.areaID = areaID
        self.closedAt = closedAt
        self.id = id
        self.reference = reference
        self.victimPersonID = victimPersonID
        self.victimName = victimName
        self.victimRestricted = victimRestricted
        self.status = status
        self.riskLevel = riskLevel
        self.owner = owner
        self.investigator = investigator
        self.pendingHandover = pendingHandover
        self.needsReallocation = needsReallocation
        self.openedAt = openedAt
        self.incidentIDs = incidentIDs
        self.version = version
    }
}

/// A user as a case or task names them.
public struct CaseUser: Sendable, Equatable, Codable {
    public var id: String
    public var displayName: String
    public var role: Role
    public init(id: String, displayName: String, role: Role) {
        self.id = id
        self.displayName = displayName
        self.role = role
    }
    public init(_ user: User) { self.init(id: user.id, displayName: user.displayName, role: user.role) }
}

/// A handover offered to a named person (rule 15: offered and accepted, never assumed).
public struct PendingHandover: Sendable, Equatable, Codable {
    public var to: CaseUser
    public var offeredBy: String
    public var offeredAt: Date
    public var note: String
    public init(to: CaseUser, offeredBy: String, offeredAt: Date, note: String) {
        self.to = to
        self.offeredBy = offeredBy
        self.offeredAt = offeredAt
        self.note = note
    }
}

/// One step in who has owned a case: kept for ever, so "who owned her on the 3rd?" always has an answer.
public struct CaseOwnershipEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case allocated, handoverOffered = "handover_offered", handoverAccepted = "handover_accepted", handoverDeclined = "handover_declined",
            reallocatedOwnerAway = "reallocated_owner_away", investigatorAssigned = "investigator_assigned", levelChanged = "level_changed",
            closed, reopened
    }
    public var id: String
    public var caseID: String
    public var kind: Kind
    public var fromUserID: String?
    public var toUserID: String?
    public var byUsername: String
    public var at: Date
    public var note: String
    public init(id: String, caseID: String, kind: Kind, fromUserID: String?, toUserID: String?, byUsername: String, at: Date, note: String) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.fromUserID = fromUserID
        self.toUserID = toUserID
        self.byUsername = byUsername
        self.at = at
        self.note = note
    }
}

/// Who may own a case and who gets it (rule 15). Allocation follows the risk level through the policy's
/// `caseOwnerRoleByRisk`, never the offence; nothing here counts or caps high-risk cases (rule 16).
public enum CaseAllocationRules {
    /// Whether a new level may move her case to the role that owns that level (rule 15 with rule 16). A raised level,
    /// a first level, or a reviewer's decision does; an officer's fresh assessment that *lowers* it does not: the case
    /// stays with its owner until a reviewer has looked, so a high-risk victim is never passed down unseen.
    public static func levelMovesOwnership(from previous: RiskLevel?, to level: RiskLevel, reviewed: Bool) -> Bool {
        guard let previous, !reviewed else { return true }
        return level.rank >= previous.rank
    }

    /// The role that owns a case at `level`; an unassessed case is allocated as standard until it is judged.
    public static func ownerRole(for level: RiskLevel?, policy: ForcePolicy) -> Role {
        Role(rawValue: policy.caseOwnerRoleByRisk[(level ?? .standard).rawValue] ?? "") ?? .daSpecialist
    }

    /// The owner for a case at `level`: `preferred` (the officer who attended, say) if they hold the owning role and are
    /// here; otherwise the least-loaded of `candidates`. If there are none, `fallback` — a case is never left without an owner.
    public static func chooseOwner(
        level: RiskLevel?, policy: ForcePolicy, users: [User], openCases: [String: Int],
        areaID: String?, preferred: User?, fallback: User
    ) -> User {
        if let preferred, preferred.role == ownerRole(for: level, policy: policy), preferred.canTakeWork { return preferred }
        return candidates(level: level, policy: policy, users: users, areaID: areaID)
            .min { (openCases[$0.id] ?? 0, $0.username) < (openCases[$1.id] ?? 0, $1.username) } ?? fallback
    }

    /// Who may be given a case at `level`: available users of the owning role — or, if none is here, sergeants, then
    /// DA specialists — in the case's own area when any of them are, otherwise force-wide. Only these are ranked by
    /// caseload, so allocation costs the same however many cases the force holds.
    public static func candidates(level: RiskLevel?, policy: ForcePolicy, users: [User], areaID: String?) -> [User] {
        for role in [ownerRole(for: level, policy: policy), .sergeant, .daSpecialist] {
            let here = users.filter { $0.role == role && $0.canTakeWork }
            guard !here.isEmpty else { continue }
            let local = here.filter { $0.areaID == areaID }
            return local.isEmpty ? here : local
        }
        return []
    }

    /// Where an away user's work goes (rule 20): up their supervisor chain to the first person here; failing that,
    /// any available sergeant. Nil only if nobody at all can take it, when it stays put and stays visible as overdue.
    public static func cover(for user: User, users: [String: User]) -> User? {
        var seen: Set<String> = [user.id]
        var next = user.supervisorID.flatMap { users[$0] }
        while let candidate = next, !seen.contains(candidate.id) {
            if candidate.canTakeWork { return candidate }
            seen.insert(candidate.id)
            next = candidate.supervisorID.flatMap { users[$0] }
        }
        return users.values.filter { $0.role == .sergeant && $0.canTakeWork && $0.id != user.id }.min { $0.username < $1.username }
    }

    /// Whether `actor` may offer a case to someone else: its owner, or a supervising role.
    public static func mayHandOver(_ actor: User, _ safeguardingCase: SafeguardingCase) -> Bool {
        actor.id == safeguardingCase.owner.id || actor.role == .sergeant || actor.role == .daSpecialist
    }

    /// Whom `actor` may name as the case's investigator (rule 15: investigation has its own owner, shown alongside): a
    /// sergeant or DA specialist names any investigator who is here; an investigator may take on only an open case
    /// that has none, and only themself. Empty when they may name no one — the page then offers no form.
    public static func investigatorChoices(_ actor: User, _ safeguardingCase: SafeguardingCase, among colleagues: [CaseUser]) -> [CaseUser] {
        let investigators = colleagues.filter { $0.role == .investigator }
        if actor.role.can(.manageCases) { return investigators }
        guard safeguardingCase.investigator == nil, safeguardingCase.status == .open else { return [] }
        return investigators.filter { $0.id == actor.id }
    }

    /// Whether `actor` may name `investigatorID` on the case: the same rule as `investigatorChoices`.
    public static func mayNameInvestigator(_ actor: User, _ safeguardingCase: SafeguardingCase, investigatorID: String) -> Bool {
        actor.role.can(.manageCases)
            || (actor.id == investigatorID && actor.role == .investigator
                && safeguardingCase.investigator == nil && safeguardingCase.status == .open)
    }
}

extension SafeguardingCase {
    /// Two people acting on one case from the same page: the second must see the first's change before making theirs,
    /// never overwrite it unseen. `expected` is the version the user read (nil from a client that does not say).
    public func requireVersion(_ expected: Int?) throws {
        guard let expected, expected != version else { return }
        throw DomainError.staleEdit(kind: "case", id: id, expectedVersion: expected, currentVersion: version)
    }
}
