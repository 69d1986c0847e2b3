import Foundation

extension SafeguardService {
    /// Closes a case (rule 15): who, when and why, only when nothing on her safety is open; a high-risk case needs a
    /// sergeant or DA specialist. The close is a dated state, so the caseload on any later date no longer counts it.
    /// `expectedVersion`: the version the user read; a case changed since is refused (409), not closed over the change.
    public func closeCase(_ actor: Actor, caseID: String, reason: String?, expectedVersion: Int? = nil) async throws -> SafeguardingCase {
        try actor.require(.workCases)
        let errors = CaseClosureRules.checkReason(reason)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var found = try await tx.cases.find(id: caseID) else { throw DomainError.notFound(kind: "case", id: caseID) }
            try found.requireVersion(expectedVersion)
            let open = try await tx.tasks.forCase(caseID).filter { $0.completedAt == nil }
            if let refusal = CaseClosureRules.refusal(found, openTasks: open, actor: actor.user) { throw refusal }
            found.status = .closed
            found.closedAt = now
            let saved = try await tx.cases.save(found)
            try await tx.cases.recordState(caseID: caseID, open: false, level: found.riskLevel, at: now)
            try await tx.cases.addEvent(
                CaseOwnershipEvent(
                    id: Self.newID(at: now), caseID: caseID, kind: .closed, fromUserID: found.owner.id, toUserID: nil,
                    byUsername: actor.user.username, at: now, note: why))
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .closeCase, recordType: "case", recordID: caseID, reason: why))
            // Her view of the service is asked for once it is over (rule 28), only through her safe route.
            try await self.setSurvey(tx, closed: saved, at: now)
            return Visibility(actor.role).safeguardingCase(saved)
        }
    }

    /// Reopens her case closed within the policy's window for a new incident, instead of starting her story again.
    func reopenCase(_ tx: any RepositoryTransaction, _ closed: SafeguardingCase, incidentID: String, actor: Actor, at now: Date) async throws
        -> SafeguardingCase
    {
        var reopened = closed
        reopened.status = .open
        reopened.closedAt = nil
        let saved = try await tx.cases.save(reopened)
        try await tx.cases.addIncident(caseID: closed.id, incidentID: incidentID)
        try await tx.cases.recordState(caseID: closed.id, open: true, level: closed.riskLevel, at: now)
        // She is not asked about a service that is going on again; closing it again sets a new survey.
        try await tx.surveys.setWaiting(caseID: closed.id, to: .caseReopened)
        try await tx.cases.addEvent(
            CaseOwnershipEvent(
                id: Self.newID(at: now), caseID: closed.id, kind: .reopened, fromUserID: nil, toUserID: closed.owner.id,
                byUsername: actor.user.username, at: now, note: "a new incident within \(policy.caseReopenWindowMonths) months of closing"))
        try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .reopenCase, recordType: "case", recordID: closed.id))
        var withIncident = saved
        withIncident.incidentIDs.append(incidentID)
        return withIncident
    }

    /// How many cases were open at each risk level at the end of `day` (London time), counted from the dated states
    /// of every case (rule 31). Aggregates only; audited as a look at the figures.
    public func caseload(_ actor: Actor, on day: String?) async throws -> Caseload {
        try actor.require(.viewCaseload)
        guard let day = day.flatMap(trimmedNonEmpty), let end = Caseload.endOfDay(day), let canonical = CalendarDate.normalise(day) else {
            throw DomainError.invalid([FieldError("on", "Give the date as YYYY-MM-DD, for example 2026-11-30.")])
        }
        let now = clock.now()
        return try await readAudited(
            { tx in Caseload(on: canonical, counts: try await tx.cases.openCounts(at: end)) },
            audit: { found in AuditEntry(at: now, user: actor.user, action: .viewFigures, detail: "caseload on \(canonical): total=\(found.total)") })
    }
}
