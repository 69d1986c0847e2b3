import Foundation

/// What the auditor's home page shows: whether the chain holds, and the latest events.
public struct AuditOverview: Sendable {
    public var check: AuditChainCheck
    public var recent: [AuditEvent]
    public var verification: AuditVerification { check.verification }
}

extension SafeguardService {
    /// Checks the audit chain from its latest signed checkpoint and lists the latest events. Looking at the log is
    /// itself logged.
    public func auditOverview(_ actor: Actor, limit: Int = 20) async throws -> AuditOverview {
        try actor.require(.viewAudit)
        let check = try await repositories.verifyAuditChainSinceCheckpoint()
        let now = clock.now()
        let recent = try await repositories.transaction { tx in
            let events = try await tx.audit.recent(limit: limit)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewAudit, recordType: "audit_log"))
            return events
        }
        return AuditOverview(check: check, recent: recent)
    }

    /// Checks every link of the audit chain, every checkpoint and the head (`safeguard audit verify`); reports the
    /// first break.
    public func verifyAuditChain() async throws -> AuditVerification {
        try await repositories.verifyAuditChain()
    }

    /// Searches the access log (rule 33): by person, account, action and period, newest first, a page at a time. The
    /// search is itself logged with what was asked. `actor` nil is the command line (`safeguard audit search`), run by
    /// someone who holds the database and its key.
    public func searchAudit(_ actor: Actor?, _ query: AuditQuery) async throws -> AuditSearchResult {
        try await runAuditSearch(actor, query, export: false)
    }

    /// The whole of a search for an export (newest first, up to `AuditQuery.exportLimit` events from `before`);
    /// `nextBefore` says where to carry on when there were more. Logged once, as an export.
    public func exportAudit(_ actor: Actor?, _ query: AuditQuery) async throws -> AuditSearchResult {
        try await runAuditSearch(actor, query, export: true)
    }

    private func runAuditSearch(_ actor: Actor?, _ query: AuditQuery, export: Bool) async throws -> AuditSearchResult {
        if let actor { try actor.require(.viewAudit) }
        let now = clock.now()
        return try await repositories.transaction { tx in
            var filter = try await self.auditFilter(tx, query)
            let wanted = export ? AuditQuery.exportLimit : filter.limit
            var events: [AuditEvent] = []
            var more = false
            let pageSize = min(wanted, AuditQuery.maximumLimit)
            filter.limit = pageSize + 1
            while true {
                var page = try await tx.audit.search(filter)
                let pageHadMore = page.count > pageSize
                if pageHadMore { page.removeLast() }
                let room = wanted - events.count
                if page.count > room {
                    events += page.prefix(room)
                    more = true
                    break
                }
                events += page
                guard pageHadMore, let last = page.last else { break }
                if events.count == wanted {
                    more = true
                    break
                }
                filter.beforeSequence = last.sequence
            }
            let asked = [
                query.personID.map { "person=\($0)" }, query.username.map { "user=\($0)" }, query.action.map { "action=\($0)" },
                query.from.map { "from=\($0)" }, query.to.map { "to=\($0)" }, query.before.map { "before=\($0)" }
            ].compactMap { $0 }.joined(separator: "; ")
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor?.user, action: export ? .exportAudit : .searchAudit, recordType: query.personID == nil ? "audit_log" : "person",
                    recordID: query.personID, detail: (actor == nil ? "command line; " : "") + "\(asked); found=\(events.count)"))
            return AuditSearchResult(events: events, nextBefore: more ? events.last?.sequence : nil)
        }
    }

    /// Checks a query field by field and turns it into what the store runs.
    private func auditFilter(_ tx: any RepositoryTransaction, _ query: AuditQuery) async throws -> AuditFilter {
        var errors: [FieldError] = []
        var filter = AuditFilter()
        if let raw = query.action.flatMap(trimmedNonEmpty) {
            if let action = AuditAction(rawValue: raw) {
                filter.action = action
            } else {
                errors.append(FieldError("action", "There is no audited action called \(raw)."))
            }
        }
        let from = query.from.flatMap(trimmedNonEmpty)
        let to = query.to.flatMap(trimmedNonEmpty)
        if let from {
            if let day = CalendarDate.normalise(from).flatMap(FigureRules.startOfDay) {
                filter.fromMs = Int64(day.timeIntervalSince1970 * 1000)
            } else {
                errors.append(FieldError("from", "Give the first day as YYYY-MM-DD, like 2026-01-01."))
            }
        }
        if let to {
            if let day = CalendarDate.normalise(to).flatMap(FigureRules.startOfDay) {
                filter.toMs = Int64(day.timeIntervalSince1970 * 1000)
            } else {
                errors.append(FieldError("to", "Give the day after the last as YYYY-MM-DD, like 2026-02-01 (to is exclusive)."))
            }
        }
        if let start = filter.fromMs, let end = filter.toMs, start >= end {
            errors.append(FieldError("to", "The period ends before it starts: to is the day after its last day."))
        }
        let limit = query.limit ?? AuditQuery.defaultLimit
        if !(1...AuditQuery.maximumLimit).contains(limit) { errors.append(FieldError("limit", "Ask for 1 to \(AuditQuery.maximumLimit) events a page.")) }
        filter.limit = limit
        if let before = query.before {
            if before < 1 { errors.append(FieldError("before", "Give a sequence number from the last page's next_before.")) }
            filter.beforeSequence = before
        }
        if let username = query.username.flatMap(trimmedNonEmpty) {
            if let user = try await tx.users.credentials(username: username)?.user {
                filter.userID = user.id
            } else {
                errors.append(FieldError("user", "There is no account called \(username)."))
            }
        }
        if let personID = query.personID.flatMap(trimmedNonEmpty) {
            if try await tx.people.find(id: personID) == nil {
                errors.append(FieldError("person", "There is no person record with this id."))
            } else {
                filter.records = try await auditedRecords(tx, ofPerson: personID)
            }
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        return filter
    }

    /// Every record a look at her could have been logged against: her record and those confirmed to be her, her
    /// incidents (as victim or suspect), the cases holding them and their tasks, and orders naming her.
    func auditedRecords(_ tx: any RepositoryTransaction, ofPerson personID: String) async throws -> [AuditFilter.RecordRef] {
        let history = try await PersonHistory.gather(tx, personID: personID, proposedAtLeast: nil)
        let people = [personID] + history.records.map(\.personID)
        var refs = people.map { AuditFilter.RecordRef("person", $0) }
        var caseIDs: [String] = []
        for incident in history.incidents {
            refs.append(AuditFilter.RecordRef("incident", incident.id))
            for found in try await tx.cases.forIncident(incident.id) where !caseIDs.contains(found.id) { caseIDs.append(found.id) }
        }
        for caseID in caseIDs {
            refs.append(AuditFilter.RecordRef("case", caseID))
            refs += try await tx.tasks.forCase(caseID).map { AuditFilter.RecordRef("task", $0.id) }
        }
        refs += try await tx.orders.involving(people).map { AuditFilter.RecordRef("order", $0.id) }
        var seen = Set<AuditFilter.RecordRef>()
        return refs.filter { seen.insert($0).inserted }
    }
}
