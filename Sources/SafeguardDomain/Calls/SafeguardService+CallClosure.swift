import Foundation

extension SafeguardService {
    /// Ends the control room's response to a call — closed after attendance, cancelled, or resolved by phone — with
    /// who and why (issue 20, part 8), so it leaves the live queue. The incident, the victim's case and its owner stay.
    /// A grade request still waiting is withdrawn; a supervisor standing down a flagged call has seen the flag.
    /// Closing is for whoever records the response; cancelling or resolving by phone is the control room's.
    public func closeCall(_ actor: Actor, incidentID: String, outcome rawOutcome: String?, reason rawReason: String?) async throws -> IncidentResponse {
        try actor.require(.recordResponse)
        var errors: [FieldError] = []
        let kind: CallClosureKind? = choice(rawOutcome, "outcome", &errors, what: "how the call ended")
        guard errors.isEmpty, let kind else { throw DomainError.invalid(errors) }
        if kind != .closed { try actor.require(.recordCall) }
        let now = clock.now()
        let supervises = actor.role.can(.superviseControlRoom)
        return try await repositories.transaction { tx in
            guard var response = try await tx.incidents.response(incidentID: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            let refusals = CallClosureRules.check(kind, reason: rawReason, response: response, bySupervisor: supervises)
            if !refusals.isEmpty { throw DomainError.invalid(refusals) }
            let reason = trimmedNonEmpty(rawReason) ?? ""
            if let pending = response.pending {
                let withdrawn = GradingDecision(
                    id: Self.newID(at: now), fromGrade: response.grade, toGrade: pending.grade, outcome: .withdrawn,
                    reason: "The call was \(kind.label.lowercased()).", byUsername: actor.user.username, at: now)
                try await tx.incidents.addGradingDecision(withdrawn, incidentID: incidentID, byUserID: actor.user.id)
                response.decisions.append(withdrawn)
                response.pending = nil
            }
            if response.potentialHighRisk, response.highRiskAcknowledgedAt == nil {
                // Only a supervisor gets here (the rules refuse anyone else): their decision is their acknowledgement.
                response.highRiskAcknowledgedAt = now
                response.highRiskAcknowledgedBy = actor.user.username
            }
            response.closure = CallClosure(kind: kind, reason: reason, byUsername: actor.user.username, at: now)
            try await tx.incidents.updateResponse(response)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .closeCall, recordType: "incident", recordID: incidentID, detail: "outcome=\(kind.rawValue)"))
            return response
        }
    }

    /// Refuses a change to the response of a call the control room has already ended.
    static func refuseIfClosed(_ response: IncidentResponse, field: String) throws {
        guard let done = response.closure else { return }
        throw DomainError.invalid([
            FieldError(field, "This call was \(done.kind.label.lowercased()) by \(done.byUsername): if she calls again, record a new call.")
        ])
    }
}
