import Foundation

extension SafeguardService {
    /// Draws this week's dip samples (rule 29): for each kind the policy's number (`qualitySampleSizes`; Essex: 15 DA
    /// calls a week) at random from its window, none drawn twice, each a task for the named reviewer due in
    /// `dipSampleReviewDays`. `reviewers` names a reviewer (username) per kind; a kind without one is not drawn.
    /// Those who run quality assurance. Audited.
    public func drawQualitySamples(_ actor: Actor, reviewers: [String: String]) async throws -> [QualitySample] {
        try actor.require(.runQualitySamples)
        let now = clock.now()
        let rules = policy
        var errors: [FieldError] = []
        let named = QualitySampleKind.allCases.compactMap { kind in trimmedNonEmpty(reviewers[kind.rawValue]).map { (kind, $0) } }
        if named.isEmpty {
            errors.append(FieldError("reviewer_\(QualitySampleKind.controlRoomCall.rawValue)", "Name a reviewer for at least one kind of sample."))
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return try await repositories.transaction { tx in
            let users = try await tx.users.all()
            let byID = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })
            var drawn: [QualitySample] = []
            var generator = SystemRandomNumberGenerator()
            for (kind, username) in named {
                // A reviewer reads the incident and gets the sample as a task.
                guard let reviewer = users.first(where: { $0.username == username && $0.active }), reviewer.role.can(.viewIncident),
                    reviewer.role.can(.ownTasks)
                else {
                    throw DomainError.invalid([
                        FieldError("reviewer_\(kind.rawValue)", "\"\(username)\" is not an active account that reads incidents and is set tasks.")
                    ])
                }
                let window = QualityRules.window(kind, now: now)
                let candidates =
                    kind == .controlRoomCall
                    ? try await tx.quality.calls(from: window.from, to: window.to) : try await tx.quality.scenes(from: window.from, to: window.to)
                // The policy's number a week: drawing again within the week only tops it up. Nobody reviews their own work.
                let thisWeek = try await tx.quality.drawn(from: now.addingTimeInterval(-7 * 86_400), to: now.addingTimeInterval(1))
                    .filter { $0.kind == kind }.count
                let chosen = QualityRules.draw(
                    kind, from: candidates.filter { $0.workerID != reviewer.id }, already: try await tx.quality.sampledIncidents(kind: kind),
                    count: (rules.qualitySampleSizes[kind.rawValue] ?? 0) - thisWeek, using: &generator)
                for candidate in chosen {
                    let worker = byID[candidate.workerID]
                    let team = worker?.supervisorID.flatMap { byID[$0]?.username } ?? "none"
                    let sample = QualitySample(
                        id: Self.newID(at: now), kind: kind, incidentID: candidate.incidentID, reference: candidate.reference,
                        worker: worker?.username ?? "unknown", team: team, drawnAt: now, drawnBy: actor.user.username, reviewer: reviewer.username,
                        dueAt: now.addingTimeInterval(Double(rules.dipSampleReviewDays) * 86_400))
                    try await tx.quality.create(sample, reviewerID: reviewer.id)
                    try await tx.tasks.create(
                        CaseTask(
                            id: Self.newID(at: now), caseID: nil, incidentID: candidate.incidentID, kind: .qualitySampleReview,
                            title: "Dip sample: \(kind.label.lowercased()) \(candidate.reference)", owner: CaseUser(reviewer), dueAt: sample.dueAt,
                            createdAt: now, source: "quality:\(sample.id)"),
                        byUserID: actor.user.id)
                    drawn.append(sample)
                }
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .drawQualitySamples,
                    detail: named.map { kind, _ in "\(kind.rawValue)=\(drawn.filter { $0.kind == kind }.count)" }.joined(separator: " ")))
            return drawn
        }
    }

    /// A sample with its measures: for its reviewer and those who run quality assurance.
    public func qualitySample(_ actor: Actor, id: String) async throws -> QualitySample {
        // Refused before the lookup: a role that is never a reviewer learns nothing, not even whether it exists.
        guard actor.role.can(.runQualitySamples) || actor.role.can(.ownTasks) else {
            throw DomainError.forbidden("Dip samples are for their reviewers and those who run quality assurance.")
        }
        let found = try await repositories.read { tx in try await tx.quality.find(id: id) }
        guard let found else { throw DomainError.notFound(kind: "dip sample", id: id) }
        guard actor.role.can(.runQualitySamples) || found.reviewer == actor.user.username else {
            throw DomainError.forbidden("A dip sample is for its reviewer and those who run quality assurance.")
        }
        return found
    }

    /// Records the reviewer's findings (rule 29): every measure answered, and what was wrong when anything was not
    /// done. Meets the sample's task. Only its named reviewer. Audited.
    public func recordQualityFindings(_ actor: Actor, sampleID: String, answers: [String: String], note: String?) async throws -> QualitySample {
        let sample = try await qualitySample(actor, id: sampleID)
        guard sample.reviewer == actor.user.username else { throw DomainError.forbidden("Only \(sample.reviewer), its named reviewer, records its findings.") }
        let checked = try QualityRules.check(sample.kind, answers: answers, note: note)
        let now = clock.now()
        try await repositories.transaction { tx in
            guard try await tx.quality.saveFindings(id: sampleID, answers: checked.answers, note: checked.note, at: now) else {
                throw DomainError.conflict("Its findings are already recorded.")
            }
            for task in try await tx.tasks.open(source: "quality:\(sampleID)") {
                _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: "Findings recorded")
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordQualityFindings, recordType: "incident", recordID: sample.incidentID,
                    detail: "\(sample.kind.rawValue) \(sampleID)"))
        }
        return try await qualitySample(actor, id: sampleID)
    }

    /// Samples drawn in a period with the results by kind, measure, team and month (rule 29).
    public func qualityReport(_ actor: Actor, from rawFrom: String?, to rawTo: String?) async throws -> (samples: [QualitySample], report: QualityReport) {
        try actor.require(.runQualitySamples)
        let period = try FigureRules.period(from: rawFrom, to: rawTo)
        let samples = try await repositories.read { tx in try await tx.quality.drawn(from: period.start, to: period.end) }
        return (samples, QualityRules.report(samples))
    }
}

extension SafeguardService {
    /// The samples waiting for this reviewer's findings, however old, oldest due first.
    public func qualitySamplesWaiting(_ actor: Actor) async throws -> [QualitySample] {
        let now = clock.now()
        let drawn = try await repositories.read { tx in try await tx.quality.drawn(from: Date(timeIntervalSince1970: 0), to: now.addingTimeInterval(1)) }
        return drawn.filter { $0.reviewer == actor.user.username && $0.reviewedAt == nil }.sorted { $0.dueAt < $1.dueAt }
    }
}
