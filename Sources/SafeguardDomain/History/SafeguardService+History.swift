import Foundation

/// What one step of applying staged history did.
public struct HistoryApplyStep: Sendable {
    /// Lines applied in this step (used or reported).
    public var applied: Int = 0
    public var incidents: Int = 0
    public var cases: Int = 0
    public var warnings: Int = 0
    /// Lines that could not apply: the file line and why.
    public var unusable: [(line: Int, problem: String)] = []
    /// Where the next step starts; nil when there is nothing left.
    public var next: String?
}

extension SafeguardService {
    /// The owner named for the import's open cases: an existing account that works cases and can take work.
    public func historyOwner(username: String) async throws -> User {
        let found = try await repositories.read { tx in try await tx.users.all().first { $0.username == username } }
        guard let found else { throw DomainError.invalid([FieldError("owner", "There is no account \(username).")]) }
        guard found.role.can(.workCases), found.canTakeWork else {
            throw DomainError.invalid([FieldError("owner", "\(username) cannot own cases now (their role does not work cases, or they are away).")])
        }
        return found
    }

    /// Stages one chunk of events in one transaction; a line staged before is skipped. Returns how many were new.
    public func stageHistory(_ events: [StagedHistoryEvent]) async throws -> Int {
        try await repositories.transaction { tx in try await tx.history.stage(events) }
    }

    /// Applies the staged incidents, levels and closures of the next `limit` victims, in time order, in one
    /// transaction (rule 15: her cases open, close and reopen as they did). Importing the past sets no task and fires
    /// no trigger. Open cases go to `owner`, or wait, owned by the import's account, on the reallocation queue.
    public func applyHistoryCases(after cursor: String?, owner: User?, limit: Int = 500) async throws -> HistoryApplyStep {
        let now = clock.now()
        let policy = self.policy
        return try await repositories.transaction { tx in
            var step = HistoryApplyStep()
            let victims = try await tx.history.pendingVictims(after: cursor, limit: limit)
            guard let last = victims.last else { return step }
            step.next = last
            let staged = try await tx.history.pendingEvents(victims: victims)
            let suspects = staged.compactMap(\.event.suspect)
            let people = try await tx.history.personIDs(sourceIDs: Array(Set(victims + suspects)))
            let latest = try await tx.history.latestCases(personIDs: victims.compactMap { people[$0] })
            let known = try await tx.history.incidents(refs: staged.compactMap { $0.event.kind == .incident ? $0.event.ref : nil })
            let account = try await tx.history.importAccount(like: HistoryImportAccount.template(at: now), at: now)
            var problems: [String: String] = [:]
            var lines: [String: Int] = [:]
            var incidents: [ImportedIncident] = []
            var cases: [ImportedCase] = []
            for (victim, events) in Dictionary(grouping: staged, by: { $0.event.victim ?? "" }) {
                for item in events { lines[item.event.key] = item.line }
                guard let victimID = people[victim] else {
                    for item in events { problems[item.event.key] = "no person with record_id \(victim) was loaded" }
                    continue
                }
                var usable: [HistoryEvent] = []
                for item in events {
                    let event = item.event
                    if event.kind == .incident {
                        if let ref = event.ref, known[ref] != nil {
                            problems[event.key] = "an incident with ref \(ref) is already loaded"
                            continue
                        }
                        if let suspect = event.suspect, people[suspect] == nil {
                            problems[event.key] = "no person with record_id \(suspect) (the suspect) was loaded"
                            continue
                        }
                    }
                    usable.append(event)
                }
                let walk = HistoryCaseWalk.walk(usable, from: latest[victimID], policy: policy)
                for (key, problem) in walk.unusable { problems[key] = problem }
                let byRef = Dictionary(usable.filter { $0.kind == .incident }.map { ($0.ref ?? "", $0) }, uniquingKeysWith: { a, _ in a })
                for walked in walk.cases {
                    let caseID = walked.existingID ?? Self.newID(at: walked.openedAt)
                    let reference =
                        walked.existingID == nil
                        ? try await tx.cases.nextReference(year: Calendar.forceLocal.component(.year, from: walked.openedAt)) : nil
                    cases.append(ImportedCase(id: caseID, reference: reference, victimPersonID: victimID, walked: walked))
                    for ref in walked.incidentRefs {
                        guard let event = byRef[ref] else { continue }
                        incidents.append(
                            ImportedIncident(
                                id: Self.newID(at: event.at), event: event, victimPersonID: victimID, suspectPersonID: event.suspect.flatMap { people[$0] },
                                caseID: caseID))
                    }
                }
            }
            try await tx.history.write(incidents: incidents, cases: cases, owner: owner ?? account, awaitingOwner: owner == nil, at: now)
            try await tx.history.markApplied(keys: staged.map(\.event.key), problems: problems)
            step.applied = staged.count
            step.incidents = incidents.count
            step.cases = cases.filter { $0.reference != nil }.count
            step.unusable = problems.map { (lines[$0.key] ?? 0, $0.value) }.sorted { $0.0 < $1.0 }
            return step
        }
    }

    /// Applies the next `limit` staged arrests and outcomes to their incidents, in one transaction.
    public func applyHistoryAttachments(after cursor: String?, limit: Int = 2_000) async throws -> HistoryApplyStep {
        let now = clock.now()
        return try await repositories.transaction { tx in
            var step = HistoryApplyStep()
            let staged = try await tx.history.pendingAttachments(after: cursor, limit: limit)
            guard let last = staged.last else { return step }
            step.next = last.event.key
            let incidents = try await tx.history.incidents(refs: staged.compactMap(\.event.ref))
            let account = try await tx.history.importAccount(like: HistoryImportAccount.template(at: now), at: now)
            var problems: [String: String] = [:]
            var arrests: [(incidentID: String, suspectPersonID: String, at: Date)] = []
            var outcomes: [CrimeOutcome] = []
            let people = try await tx.history.personIDs(sourceIDs: staged.compactMap { $0.event.kind == .warning ? $0.event.person : nil })
            let today = CalendarDate.string(now)
            for item in staged {
                let event = item.event
                // Rule 3: a warning from the old system, on a person or a place, kept with when it was set.
                if event.kind == .warning {
                    do {
                        let checked = try WarningRules.check(
                            WarningDraft(kind: event.warningKind, note: event.note), kinds: self.policy.warningKinds, today: today)
                        let subject: (WarningSubjectKind, String)
                        if let source = event.person {
                            guard let personID = people[source] else { throw DomainError.notFound(kind: "person with record_id", id: source) }
                            subject = (.person, personID)
                        } else {
                            subject = (.address, try await tx.history.place(line1: event.addressLine ?? "", postcode: event.postcode ?? "", at: now))
                        }
                        try await tx.warnings.create(
                            Marker(
                                id: Self.newID(at: event.at), subjectKind: subject.0, subjectID: subject.1, kind: checked.kind, detail: checked.note,
                                addedBy: account.username, addedAt: event.at))
                        step.warnings += 1
                    } catch let error as DomainError {
                        problems[event.key] = error.message
                        step.unusable.append((item.line, error.message))
                    }
                    continue
                }
                guard let ref = event.ref, let incident = incidents[ref] else {
                    problems[event.key] = "no incident with ref \(event.ref ?? "") was loaded"
                    step.unusable.append((item.line, problems[event.key]!))
                    continue
                }
                switch event.kind {
                case .arrest:
                    guard let suspect = incident.suspectPersonID else {
                        problems[event.key] = "incident \(ref) names no suspect to have been arrested"
                        step.unusable.append((item.line, problems[event.key]!))
                        continue
                    }
                    arrests.append((incident.id, suspect, event.at))
                case .outcome:
                    guard let kind = event.outcome else { continue }
                    outcomes.append(
                        CrimeOutcome(
                            id: Self.newID(at: event.at), incidentID: incident.id, suspectPersonID: incident.suspectPersonID, kind: kind,
                            decidedOn: CalendarDate.string(event.at), decidedBy: OutcomeRules.defaultDecider(kind),
                            reason: "Recorded before Safeguard (imported)", authorisedBy: nil, recordedBy: account.username, recordedAt: event.at))
                default: continue
                }
            }
            try await tx.history.writeAttachments(arrests: arrests, outcomes: outcomes, recorder: account, at: now)
            try await tx.history.markApplied(keys: staged.map(\.event.key), problems: problems)
            step.applied = staged.count
            return step
        }
    }

    /// Records the finished import in the audit trail (who ran it is the command line's operator: the system), and
    /// places the open cases it made where their victims live, so an area's briefing lists them at once.
    public func recordHistoryImport(summary: String) async throws {
        let now = clock.now()
        try await repositories.transaction { tx in
            let moved = try await self.placeOpenCases(tx)
            try await tx.audit.append(
                AuditEntry(at: now, user: nil, action: .importHistory, recordType: "history", detail: "\(summary); cases_placed=\(moved)"))
        }
    }
}
