import Foundation

/// How a call left the control room's hands (issue 20, part 8). The incident, the victim's case and its owner stay:
/// only the control room's response ends, so the call leaves the live queue.
public enum CallClosureKind: String, Sendable, Codable, CaseIterable {
    /// Officers attended and the control room's part is finished.
    case closed
    /// No response is needed after all: a duplicate of another call, or made in error.
    case cancelled
    /// Dealt with on the phone, with no officer sent.
    case resolvedByPhone = "resolved_by_phone"

    public var label: String {
        switch self {
        case .closed: "Closed"
        case .cancelled: "Cancelled"
        case .resolvedByPhone: "Resolved by phone"
        }
    }
}

/// Who ended the control room's response, when and why.
public struct CallClosure: Sendable, Equatable, Codable {
    public var kind: CallClosureKind
    public var reason: String
    public var byUsername: String
    public var at: Date

    public init(kind: CallClosureKind, reason: String, byUsername: String, at: Date) {
        self.kind = kind
        self.reason = reason
        self.byUsername = byUsername
        self.at = at
    }
}

/// When a call may be closed, cancelled or resolved by phone. A cancellation is the last downgrade, so it keeps
/// rule 5's safeguards: a reason that stands without "the suspect has left", and a supervisor to stand down an
/// emergency nobody has attended. Rule 6: no potential high-risk flag leaves the queue unseen by a supervisor.
public enum CallClosureRules {
    /// The ways this call can end as it stands (before who is asking and why): closed once an officer has arrived,
    /// otherwise cancelled or, unless flagged as potentially high risk, resolved by phone. None once it has ended.
    public static func choices(for r: IncidentResponse) -> [CallClosureKind] {
        CallClosureKind.allCases.filter { kind in
            refusals(kind, response: r, bySupervisor: true).isEmpty
        }
    }

    /// The refusals for ending `response` this way; empty when it may end.
    public static func check(_ kind: CallClosureKind, reason: String?, response r: IncidentResponse, bySupervisor: Bool) -> [FieldError] {
        let refused = refusals(kind, response: r, bySupervisor: bySupervisor)
        return refused + (r.closure == nil ? checkReason(reason, standsDown: kind != .closed) : [])
    }

    /// What the call's state and the asker's role refuse, before the reason is read.
    static func refusals(_ kind: CallClosureKind, response r: IncidentResponse, bySupervisor: Bool) -> [FieldError] {
        if let done = r.closure {
            return [FieldError("outcome", "This call was already \(done.kind.label.lowercased()) by \(done.byUsername).")]
        }
        var errors: [FieldError] = []
        let attended = r.arrivedAt != nil
        switch kind {
        case .closed where !attended:
            errors.append(
                FieldError("outcome", "No officer's arrival is recorded: record the arrival first, or cancel the call or resolve it by phone with a reason."))
        case .cancelled where attended, .resolvedByPhone where attended:
            errors.append(FieldError("outcome", "An officer has attended: close the call instead."))
        case .resolvedByPhone where r.potentialHighRisk:
            errors.append(
                FieldError("outcome", "A potential high-risk call needs an officer to attend and assess the risk in person: it cannot be resolved by phone."))
        default:
            break
        }
        if kind != .closed, !attended, r.grade == .immediate || r.potentialHighRisk, !bySupervisor {
            errors.append(
                FieldError("outcome", "Only a control-room supervisor can stand down an immediate or potential high-risk call that nobody has attended."))
        }
        if r.potentialHighRisk, r.highRiskAcknowledgedAt == nil, !bySupervisor {
            errors.append(FieldError("outcome", "A control-room supervisor must see this call's potential high-risk flag before it is closed."))
        }
        return errors
    }

    /// Every ending gives a reason; standing a response down gives one that stands without "the suspect has left".
    static func checkReason(_ text: String?, standsDown: Bool) -> [FieldError] {
        guard let reason = trimmedNonEmpty(text) else {
            return [FieldError("reason", standsDown ? "Say why no officer is needed." : "Say how the call ended (for example the outcome at the scene).")]
        }
        if reason.count > 2000 { return [FieldError("reason", "The reason must be 2,000 characters or fewer.")] }
        if standsDown, GradingRules.substantiveWords(in: reason) < 3 {
            return [
                FieldError(
                    "reason",
                    "\"The suspect has left\" is not a reason on its own to send nobody: say what shows the caller is safe (for example where she is now and with whom)."
                )
            ]
        }
        return []
    }
}
