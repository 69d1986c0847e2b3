import Foundation

/// The retention review queue on one day: records due for review, and those marked for disposal waiting for a second
/// person.
public struct RetentionQueue: Sendable, Equatable, Codable {
    public var today: String
    public var due: [RetentionStanding]
    public var awaitingApproval: [RetentionStanding]
    /// True when more records may be due than were looked at (the queue is worked a page at a time).
    public var more: Bool
}

extension SafeguardService {
    /// The most records the queue looks at in one load: a force's backlog is worked a page at a time.
    static let retentionQueuePage = 200

    /// Records due for review under the force's retention policy, oldest first, and those waiting for disposal
    /// approval (rule 34). Auditors. Audited, with how many records were listed.
    public func retentionQueue(_ actor: Actor) async throws -> RetentionQueue {
        try actor.require(.reviewRetention)
        let now = clock.now()
        let today = CalendarDate.string(now)
        let policy = policy.retention
        let quietSince = Calendar.utc.date(byAdding: .year, value: -policy.shortestReviewYears, to: now) ?? now
        return try await repositories.transaction { tx in
            let ids = try await tx.retention.candidates(quietSince: quietSince, today: today, limit: Self.retentionQueuePage + 1)
            let standings = try await self.retentionFacts(tx, Array(ids.prefix(Self.retentionQueuePage))).map {
                RetentionRules.standing($0, policy: policy, today: today)
            }
            let due = standings.filter { $0.status == .due }.sorted { ($0.dueOn, $0.personID) < ($1.dueOn, $1.personID) }
            let waiting = standings.filter { $0.status == .awaitingApproval }.sorted { ($0.dueOn, $0.personID) < ($1.dueOn, $1.personID) }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewRetention, detail: "queue due=\(due.count) awaiting=\(waiting.count)"))
            return RetentionQueue(today: today, due: due, awaitingApproval: waiting, more: ids.count > Self.retentionQueuePage)
        }
    }

    /// Where one person's record stands under the retention policy, with every decision taken on it. Audited.
    public func retentionStanding(_ actor: Actor, personID: String) async throws -> RetentionStanding {
        try actor.require(.reviewRetention)
        let now = clock.now()
        return try await repositories.transaction { tx in
            let standing = try await self.standing(tx, personID: personID, today: CalendarDate.string(now))
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewRetention, recordType: "person", recordID: personID))
            return standing
        }
    }

    /// A reviewer's decision on a record due for review: retain it with a reason (reviewed again a period later), or
    /// mark it for disposal with a reason, for a second person to approve. Refused while her case is open or the
    /// group keeps the record until an age. Audited.
    public func reviewRetention(_ actor: Actor, personID: String, decision: String?, reason: String?) async throws -> RetentionStanding {
        try actor.require(.reviewRetention)
        let now = clock.now()
        let today = CalendarDate.string(now)
        return try await repositories.transaction { tx in
            let standing = try await self.standing(tx, personID: personID, today: today)
            let (kind, why, next) = try RetentionRules.checkReview(decision, reason: reason, standing: standing, today: today)
            try await self.keep(tx, actor, standing, kind: kind, reason: why, next: next, at: now)
            return try await self.standing(tx, personID: personID, today: today)
        }
    }

    /// A second person's answer to a record marked for disposal (rule 34: disposal is supervised). Approved, the
    /// record's identifying details are removed in the same transaction, its place in the figures and the audit log
    /// kept; refused, it is retained with the reason and reviewed again a period later. The proposer may not answer
    /// their own proposal. Audited.
    public func decideDisposal(_ actor: Actor, personID: String, approve: Bool?, reason: String?) async throws -> RetentionStanding {
        try actor.require(.approveDisposal)
        let now = clock.now()
        let today = CalendarDate.string(now)
        return try await repositories.transaction { tx in
            let standing = try await self.standing(tx, personID: personID, today: today)
            let (kind, why, next) = try RetentionRules.checkApproval(approve, reason: reason, standing: standing, by: actor.user.username, today: today)
            try await self.keep(tx, actor, standing, kind: kind, reason: why, next: next, at: now)
            if kind == .approveDisposal {
                guard try await tx.retention.dispose(personID: personID, at: now) else { throw DomainError.conflict("This record has been disposed of.") }
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: actor.user, action: .disposeRecord, recordType: "person", recordID: personID, detail: "identifying details removed"))
            }
            return try await self.standing(tx, personID: personID, today: today)
        }
    }

    /// Keeps one decision as the record's next, and audits it (with who proposed a disposal being answered).
    private func keep(
        _ tx: any RepositoryTransaction, _ actor: Actor, _ standing: RetentionStanding, kind: RetentionDecision.Kind, reason: String, next: String?,
        at now: Date
    ) async throws {
        try await tx.retention.addDecision(
            RetentionDecision(
                id: Self.newID(at: now), personID: standing.personID, number: standing.decisions.count + 1, kind: kind, group: standing.group.key,
                reason: reason, decidedBy: actor.user.username, decidedAt: now, nextReviewOn: next),
            byUserID: actor.user.id)
        let proposer = standing.pendingMark.map { " proposed_by=\($0.decidedBy)" } ?? ""
        try await tx.audit.append(
            AuditEntry(
                at: now, user: actor.user, action: .decideRetention, recordType: "person", recordID: standing.personID, reason: reason,
                detail: "\(kind.rawValue) group=\(standing.group.key)\(proposer)"))
    }

    /// Each record's facts, with the records confirmed to be the same person folded in (one read for the links).
    private func retentionFacts(_ tx: any RepositoryTransaction, _ ids: [String]) async throws -> [RetentionFacts] {
        let own = try await tx.retention.facts(personIDs: ids)
        let partners = try await tx.links.confirmedPartners(of: ids)
        let others = Array(Set(partners.values.flatMap { $0 })).sorted()
        let theirs = Dictionary(uniqueKeysWithValues: try await tx.retention.facts(personIDs: others).map { ($0.personID, $0) })
        return own.map { $0.folding((partners[$0.personID] ?? []).compactMap { theirs[$0] }) }
    }

    private func standing(_ tx: any RepositoryTransaction, personID: String, today: String) async throws -> RetentionStanding {
        guard let facts = try await retentionFacts(tx, [personID]).first else { throw DomainError.notFound(kind: "person", id: personID) }
        return RetentionRules.standing(facts, policy: policy.retention, today: today)
    }
}
