import Foundation

extension SafeguardService {
    /// Puts a trigger's tasks on one case (rule 18), each owned by the case's owner. The store keeps each
    /// (source, case, task kind) once, so an event delivered twice — or seen by two servers' clocks at once — never
    /// fires twice. Returns the tasks this call created.
    func fire(
        _ tx: any RepositoryTransaction, source: String, on found: SafeguardingCase, tasks planned: [TriggeredTask], incidentID: String?,
        at now: Date
    ) async throws -> [CaseTask] {
        var created: [CaseTask] = []
        var kinds = Set<CaseTask.Kind>()
        // One task of each kind per event: when two rules ask for the same kind, the first (the more specific) stands.
        for plan in planned where kinds.insert(plan.kind).inserted {
            let task = CaseTask(
                id: Self.newID(at: now), caseID: found.id, incidentID: incidentID, kind: plan.kind, title: plan.title,
                owner: plan.forInvestigator ? found.investigator ?? found.owner : found.owner, dueAt: plan.dueAt, createdAt: now, source: source)
            guard try await tx.triggers.recordFiring(source: source, caseID: found.id, kind: plan.kind, taskID: task.id, at: now) else { continue }
            // One audit event says both that the trigger fired and which task it set (and for whom).
            try await tx.tasks.create(task, byUserID: nil)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: nil, action: .fireTrigger, recordType: "task", recordID: task.id,
                    detail: "\(source.split(separator: ":").first ?? "") → \(plan.kind.rawValue) owner=\(task.owner.id) case=\(found.id)"))
            created.append(task)
        }
        return created
    }

    /// The open case of a victim, found under any record confirmed to be her.
    func openCase(_ tx: any RepositoryTransaction, ofVictim personID: String) async throws -> SafeguardingCase? {
        try await tx.cases.openCase(forVictims: try await recordsOfSamePerson(tx, personID))
    }

    /// Every open case of every victim of a suspect, across the records confirmed to be him and to be each victim: his
    /// other victims anywhere in the force are reached too. In reference order, so deliveries touch cases in one order.
    func openCasesOfVictims(_ tx: any RepositoryTransaction, ofSuspect suspectID: String) async throws -> [SafeguardingCase] {
        let suspectRecords = try await recordsOfSamePerson(tx, suspectID)
        var cases: [String: SafeguardingCase] = [:]
        for victimID in try await tx.incidents.victims(ofSuspectRecords: suspectRecords) {
            if let open = try await openCase(tx, ofVictim: victimID) { cases[open.id] = open }
        }
        return cases.values.sorted { $0.reference < $1.reference }
    }

    /// The cases an order's triggers reach: the protected person's, or — for conditions that name no one — every
    /// victim of the person it binds.
    func openCases(_ tx: any RepositoryTransaction, protectedBy order: ProtectiveOrder) async throws -> [SafeguardingCase] {
        if let protected = order.protectedPersonID {
            return try await openCase(tx, ofVictim: protected).map { [$0] } ?? []
        }
        return try await openCasesOfVictims(tx, ofSuspect: order.subjectPersonID)
    }

    /// A new incident's triggers (rule 18), in the transaction that opens it: on each victim's case it joined, a review
    /// and a reassessment (stronger when the case shows a repeat pattern); on the cases of every other victim of each
    /// suspect, anywhere in the force, a reassessment — he is active again.
    /// Returns the tasks created.
    func fireIncidentTriggers(
        _ tx: any RepositoryTransaction, incidentID: String, reference: String, joined: [SafeguardingCase],
        opened: [SafeguardingCase], suspectIDs: [String], at now: Date
    ) async throws -> [CaseTask] {
        let source = TriggerRules.source(incident: incidentID)
        var created: [CaseTask] = []
        for found in joined {
            let dates = try await tx.cases.incidentTimes(caseID: found.id)
            let pattern =
                TriggerRules.repeatPattern(incidentDates: dates, level: found.riskLevel, caseReference: found.reference, policy: policy, now: now) ?? []
            created += try await fire(
                tx, source: source, on: found,
                tasks: pattern
                    + TriggerRules.newIncidentOnCase(
                        incidentReference: reference, caseReference: found.reference,
                        policy: policy, now: now),
                incidentID: incidentID, at: now)
        }
        for found in opened {
            created += try await fire(
                tx, source: source, on: found,
                tasks: TriggerRules.firstAssessment(incidentReference: reference, caseReference: found.reference, policy: policy, now: now),
                incidentID: incidentID, at: now)
        }
        let touched = Set((joined + opened).map(\.id))
        for suspectID in suspectIDs {
            for other in try await openCasesOfVictims(tx, ofSuspect: suspectID) where !touched.contains(other.id) {
                created += try await fire(
                    tx, source: source, on: other,
                    tasks: TriggerRules.suspectInNewIncident(incidentReference: reference, caseReference: other.reference, policy: policy, now: now),
                    incidentID: nil, at: now)
            }
        }
        return created
    }
}
