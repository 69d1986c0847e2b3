import Foundation

/// An application as its handler sees it: the application, its subject and the person at risk by name, and its clocks.
public struct DisclosureView: Sendable, Equatable {
    public var application: DisclosureApplication
    public var subject: PersonSummary?
    public var atRisk: PersonSummary?
    /// What is late now: initial checks, the decision.
    public var overdue: [String]
    /// His history for the research step (rule 26), assembled from every record confirmed to be him.
    public var subjectHistory: DisclosureSubjectHistory
}

/// The subject's history as those who research an application read it: every incident on any record confirmed to
/// be him (as suspect and otherwise), the orders and bail that bound him, how many people he is recorded as harming,
/// and the cross-victim lists he is on now.
public struct DisclosureSubjectHistory: Sendable, Equatable, Codable {
    /// His records: this one and every record confirmed to be him.
    public var recordIDs: [String]
    public var incidents: [IncidentSummary]
    /// Incidents in which he was the suspect.
    public var asSuspect: Int
    /// The different people recorded as victims of incidents with him as suspect.
    public var victims: Int
    public var orders: [ProtectiveOrder]
    /// The cross-victim lists he is on now (rule 24).
    public var lists: [PerpetratorList]

    // "IDs" would become "i_ds" under snake_case conversion; spelt so it becomes `record_ids`.
    enum CodingKeys: String, CodingKey {
        case incidents, asSuspect, victims, orders, lists
        case recordIDs = "recordIds"
    }
}

extension SafeguardService {
    private var disclosureClocks: DisclosureClocks {
        DisclosureClocks(initialChecksHours: policy.dvdsInitialChecksHours, decisionDays: policy.dvdsDecisionDays)
    }

    /// Refuses anyone who does not run the scheme, the same way whatever they asked: an application, and its
    /// applicant, are never shown to those who deal with the subject.
    private func requireDisclosureHandler(_ actor: Actor) throws {
        guard DisclosureRules.mayHandle(actor.role) else {
            throw DomainError.forbidden("Clare's Law applications are handled by the DA specialists who run the scheme.")
        }
    }

    /// Receives a Clare's Law application (rule 26): right to ask (the partner or someone close to her) or right to
    /// know (the police or an agency), about a person on record. Sets the clocks' tasks for whoever received it —
    /// initial checks within `dvdsInitialChecksHours`, a decision within `dvdsDecisionDays` — which escalate when late.
    public func applyForDisclosure(_ actor: Actor, draft: DisclosureApplicationDraft) async throws -> DisclosureView {
        try requireDisclosureHandler(actor)
        var errors: [FieldError] = []
        let route: DisclosureRoute? = choice(draft.route, "route", &errors, what: "right to ask or right to know")
        let name = trimmedNonEmpty(draft.applicantName)
        if name == nil { errors.append(FieldError("applicant_name", "Who applied (right to ask), or which officer or agency began it (right to know).")) }
        let relationship = trimmedNonEmpty(draft.applicantRelationship)
        if relationship == nil {
            errors.append(FieldError("applicant_relationship", "Say who the applicant is to the person at risk (herself, her mother, …)."))
        }
        for (field, value) in [
            ("applicant_name", name), ("applicant_relationship", relationship), ("applicant_contact", trimmedNonEmpty(draft.applicantContact))
        ] {
            if let value, let problem = TextInput.textProblem(value, limit: InputLimits.line) { errors.append(FieldError(field, problem)) }
        }
        let subjectID = trimmedNonEmpty(draft.subjectPersonID)
        if subjectID == nil { errors.append(FieldError("subject_person_id", "Choose the person the application asks about.")) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let now = clock.now()
        let clocks = disclosureClocks
        let id = try await repositories.transaction { tx -> String in
            guard try await tx.people.find(id: subjectID!) != nil else {
                throw DomainError.invalid([FieldError("subject_person_id", "No person record with that id: find him first.")])
            }
            if let atRisk = trimmedNonEmpty(draft.atRiskPersonID), try await tx.people.find(id: atRisk) == nil {
                throw DomainError.invalid([FieldError("at_risk_person_id", "No person record with that id.")])
            }
            let id = Self.newID(at: now)
            let application = DisclosureApplication(
                id: id, reference: "DVDS-\(CalendarDate.string(now).prefix(4))-\(id.suffix(6).uppercased())", route: route!, applicantName: name!,
                applicantRelationship: relationship!, applicantContact: trimmedNonEmpty(draft.applicantContact),
                atRiskPersonID: trimmedNonEmpty(draft.atRiskPersonID), subjectPersonID: subjectID!, receivedAt: now, receivedBy: actor.user.username,
                initialChecksDueAt: DisclosureRules.initialChecksDue(receivedAt: now, clocks: clocks),
                decisionDueAt: DisclosureRules.decisionDue(receivedAt: now, clocks: clocks), steps: [])
            try await tx.disclosures.create(application, byUserID: actor.user.id)
            // The titles name the reference only: a supervisor the task escalates to learns nothing of the applicant.
            for (kind, due, what) in [
                (CaseTask.Kind.dvdsInitialChecks, application.initialChecksDueAt, "initial checks (is she at immediate risk?)"),
                (.dvdsDecision, application.decisionDueAt, "the multi-agency decision")
            ] {
                try await tx.tasks.create(
                    CaseTask(
                        id: Self.newID(at: now), caseID: nil, incidentID: nil, kind: kind, title: "\(application.reference): \(what)",
                        owner: CaseUser(actor.user), dueAt: due, createdAt: now, source: "dvds:\(id)"),
                    byUserID: actor.user.id)
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .applyDisclosure, recordType: "disclosure_application", recordID: id, detail: route!.rawValue))
            return id
        }
        return try await disclosureApplication(actor, id: id)
    }

    /// An application with its steps and clocks (rule 26). Audited; only for those who run the scheme.
    public func disclosureApplication(_ actor: Actor, id: String) async throws -> DisclosureView {
        try requireDisclosureHandler(actor)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let application = try await tx.disclosures.find(id: id) else { throw DomainError.notFound(kind: "disclosure application", id: id) }
            let people = try await tx.people.summaries(ids: [application.subjectPersonID] + [application.atRiskPersonID].compactMap { $0 })
            let history = try await self.disclosureSubjectHistory(tx, subjectID: application.subjectPersonID, actor: actor)
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .viewDisclosure, recordType: "disclosure_application", recordID: id))
            // Reading his history is a read of his record, with its purpose.
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewPerson, recordType: "person", recordID: application.subjectPersonID,
                    reason: "Clare's Law application \(application.reference)"))
            return DisclosureView(
                application: application, subject: people[application.subjectPersonID], atRisk: application.atRiskPersonID.flatMap { people[$0] },
                overdue: application.overdue(at: now), subjectHistory: history)
        }
    }

    /// The subject's history across every record confirmed to be him (rule 26's research step).
    private func disclosureSubjectHistory(_ tx: any RepositoryTransaction, subjectID: String, actor: Actor) async throws -> DisclosureSubjectHistory {
        let gathered = try await PersonHistory.gather(tx, personID: subjectID, proposedAtLeast: nil)
        let records = [subjectID] + gathered.records.map(\.personID)
        let visibility = Visibility(actor.role)
        var lists: [PerpetratorList] = []
        for record in records { lists += try await tx.perpetrators.entries(personID: record).filter { $0.leftAt == nil }.map(\.list) }
        return DisclosureSubjectHistory(
            recordIDs: records, incidents: gathered.incidents.map(visibility.incidentSummary),
            asSuspect: gathered.incidents.filter { $0.role == .suspect }.count,
            victims: Set(try await tx.incidents.victims(ofSuspectRecords: records)).count, orders: try await tx.orders.involving(records),
            lists: PerpetratorList.allCases.filter(lists.contains))
    }

    /// Every application, open first (rule 26), with the scheme's figures for the last twelve months. Audited.
    public func disclosureApplications(_ actor: Actor) async throws -> (applications: [DisclosureApplication], figures: DisclosureFigures) {
        try requireDisclosureHandler(actor)
        let now = clock.now()
        return try await repositories.transaction { tx in
            let list = try await tx.disclosures.list(limit: 500)
            let year = try await tx.disclosures.received(from: now.addingTimeInterval(-365 * 86_400), to: now.addingTimeInterval(1))
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewDisclosure, detail: "list=\(list.count)"))
            return (list, DisclosureRules.figures(year, clocks: self.disclosureClocks))
        }
    }

    /// Records a step (rule 26) in its order: checks (with whether she is at immediate risk), identity verified face
    /// to face, research, the forum's decision on the four tests with its reasons, the spoken disclosure with its
    /// safety plan, or closing. Checks complete the 24-hour task; the decision (or closing first) the 28-day one.
    public func recordDisclosureStep(_ actor: Actor, applicationID: String, draft: DisclosureStepDraft) async throws -> DisclosureView {
        try requireDisclosureHandler(actor)
        var errors: [FieldError] = []
        let kind: DisclosureStepKind? = choice(draft.kind, "kind", &errors, what: "the step")
        let note = trimmedNonEmpty(draft.note)
        if let note, let problem = TextInput.textProblem(note, limit: InputLimits.line) { errors.append(FieldError("note", problem)) }
        if kind == .initialChecks && draft.immediateRisk == nil {
            errors.append(FieldError("immediate_risk", "Say whether the checks found her at immediate risk."))
        }
        if [.research, .closed, .immediateRiskAction, .identityVerified].contains(kind) && (note?.count ?? 0) < 10 {
            errors.append(FieldError("note", "Say what was done and found (at least 10 characters)."))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        var forum: ForumDecision?
        if kind == .forumDecision {
            let checked = try DisclosureRules.checkForum(
                pressingNeed: draft.pressingNeed, lawful: draft.lawful, necessary: draft.necessary, proportionate: draft.proportionate,
                disclose: draft.disclose, reasons: draft.reasons)
            forum = ForumDecision(
                pressingNeed: draft.pressingNeed!, lawful: draft.lawful!, necessary: draft.necessary!, proportionate: draft.proportionate!,
                disclose: checked.disclose, reasons: checked.reasons)
        }
        var method: DisclosureMethod?
        var plan: String?
        if kind == .disclosureMade { (method, plan) = try DisclosureRules.checkDisclosure(method: draft.method, safetyPlan: draft.safetyPlan) }
        let now = clock.now()
        let step = DisclosureStep(
            id: Self.newID(at: now), kind: kind!, at: now, by: actor.user.username, note: note,
            immediateRisk: kind == .initialChecks ? draft.immediateRisk : nil, forum: forum, method: method, safetyPlan: plan)
        try await repositories.transaction { tx in
            guard let application = try await tx.disclosures.find(id: applicationID) else {
                throw DomainError.notFound(kind: "disclosure application", id: applicationID)
            }
            if let refusal = DisclosureRules.mayRecord(step.kind, after: application.done, forumDisclosed: application.forum?.disclose == true) {
                throw DomainError.invalid([FieldError("kind", refusal)])
            }
            try await tx.disclosures.addStep(step, applicationID: applicationID, byUserID: actor.user.id)
            let met: [CaseTask.Kind] =
                switch step.kind {
                case .initialChecks: [.dvdsInitialChecks]
                case .forumDecision: [.dvdsDecision]
                case .closed: [.dvdsInitialChecks, .dvdsDecision]
                default: []
                }
            for task in try await tx.tasks.open(source: "dvds:\(applicationID)") where met.contains(task.kind) {
                _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: step.kind.label)
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordDisclosureStep, recordType: "disclosure_application", recordID: applicationID,
                    detail: step.kind.rawValue))
        }
        return try await disclosureApplication(actor, id: applicationID)
    }
}

extension DisclosureRules {
    /// The scheme's figures over `applications`: how many, by route, decided, disclosed, the disclosure rate (of those
    /// decided), median days to decision and how many were decided within the decision clock.
    public static func figures(_ applications: [DisclosureApplication], clocks: DisclosureClocks) -> DisclosureFigures {
        let decided = applications.filter { $0.decidedAt != nil }
        let days = decided.compactMap { a in a.decidedAt.map { Int($0.timeIntervalSince(a.receivedAt) / 86_400) } }.sorted()
        let disclosed = applications.filter(\.disclosed).count
        return DisclosureFigures(
            applications: applications.count, rightToAsk: applications.filter { $0.route == .rightToAsk }.count,
            rightToKnow: applications.filter { $0.route == .rightToKnow }.count, decided: decided.count, disclosed: disclosed,
            disclosureRate: decided.isEmpty ? nil : Double(disclosed) / Double(decided.count), medianDaysToDecision: days.isEmpty ? nil : days[days.count / 2],
            decidedWithin28Days: days.filter { $0 <= clocks.decisionDays }.count)
    }
}
