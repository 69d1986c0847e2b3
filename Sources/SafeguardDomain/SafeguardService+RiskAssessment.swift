import Foundation

extension SafeguardService {
    /// The instrument officers complete under this force's policy.
    public func riskInstrument(_ id: String? = nil) throws -> RiskInstrument {
        try RiskInstruments.named(id ?? policy.riskInstrument)
    }

    /// Records a risk assessment for a victim of an incident (rules 7 and 8). Every question is answered afresh —
    /// nothing is copied from an earlier assessment — and the officer's judgement sets the level with a rationale.
    /// The level also goes to `risk_levels` for the briefing. One transaction, audited.
    public func recordRiskAssessment(_ actor: Actor, incidentID: String, draft: RiskAssessmentDraft) async throws -> RiskAssessment {
        try actor.require(.assessRisk)
        let instrument = try riskInstrument(trimmedNonEmpty(draft.instrumentID))
        let checked = try RiskAssessmentRules.check(draft, instrument: instrument, policy: policy)
        guard let victimID = trimmedNonEmpty(draft.victimPersonID) else {
            throw DomainError.invalid([FieldError("victim_person_id", "Say which victim this assessment is for.")])
        }
        let now = clock.now()
        let assessment = RiskAssessment(
            id: Self.newID(at: now), incidentID: incidentID, personID: victimID, instrumentID: instrument.id, instrumentVersion: instrument.version,
            answers: checked.answers, yesCount: checked.yesCount, level: checked.level, rationale: checked.rationale,
            belowThresholdRationale: checked.belowThreshold, flagReasons: checked.flags, assessedBy: actor.user.username, assessedAt: now)
        return try await repositories.transaction { tx in
            guard let incident = try await tx.incidents.find(id: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            guard incident.victims.contains(where: { $0.personID == victimID }) else {
                throw DomainError.invalid([FieldError("victim_person_id", "That person is not a victim on \(incident.reference).")])
            }
            try await tx.assessments.create(assessment, byUserID: actor.user.id)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .recordRiskAssessment, recordType: "incident", recordID: incidentID,
                                                 detail: "victim=\(victimID); level=\(checked.level.rawValue); yes=\(checked.yesCount); flagged=\(!checked.flags.isEmpty)"))
            return assessment
        }
    }
}
