import Foundation

/// The response grade (rule 5). Ordered from most to least urgent: a move to a later case is a downgrade.
public enum Grade: String, Sendable, Codable, CaseIterable, Comparable {
    case immediate, priority, scheduled

    var urgency: Int {
        switch self {
        case .immediate: 0
        case .priority: 1
        case .scheduled: 2
        }
    }

    public static func < (a: Grade, b: Grade) -> Bool { a.urgency < b.urgency }

    public var label: String {
        switch self {
        case .immediate: "Immediate"
        case .priority: "Priority"
        case .scheduled: "Scheduled appointment"
        }
    }
}

/// Whether the incident is in a town or the country: immediate target times differ (policy).
public enum Setting: String, Sendable, Codable, CaseIterable {
    case urban, rural
}

/// Rule 5's rules, kept together so the page, the API and the tests ask the same questions.
public enum GradingRules {
    /// The grade the answers call for. Never "scheduled": a scheduled appointment is always a person's decision,
    /// authorised by a supervisor. The suspect having left does not lower it (national report). A report that came in
    /// with nobody on the line (online, or passed on by a partner agency) is read when it is read, so the emergency
    /// target does not fit it: at most priority, unless a handler who reads it raises it to immediate.
    public static func recommended(answers: CallAnswers, potentialHighRisk: Bool, channel: Channel = .emergency999) -> Grade {
        guard channel.isLive else { return .priority }
        if answers.immediateDanger == .yes || answers.weapons == .yes || answers.injuries == .yes
            || answers.suspectLocation == .atScene || answers.suspectLocation == .nearby
            || answers.fear == .very || answers.fear == .terrified || potentialHighRisk
        {
            return .immediate
        }
        return .priority
    }

    /// A scheduled appointment, or any grade less urgent than the current one (or, on a new call, than the
    /// recommended one), needs a control-room supervisor's authorisation with a reason.
    public static func needsAuthorisation(requested: Grade, current: Grade) -> Bool {
        requested == .scheduled || requested > current
    }

    /// What becomes of a requested grade against the one that stands (on a new call, the recommended grade): one
    /// decision for a new call and for a later request, so the two can never disagree.
    public enum RequestOutcome: Sendable, Equatable {
        /// As urgent or more, and not a scheduled appointment: it applies at once.
        case applies
        /// Less urgent, or scheduled, asked by a control-room supervisor: their request is its own authorisation.
        case authorisedByRequester
        /// Less urgent, or scheduled, asked by anyone else: it waits for a supervisor, and the standing grade holds.
        case waitsForSupervisor
    }

    /// Decides a grade request (rule 5: a downgrade or a scheduled appointment needs a supervisor and a reason).
    public static func outcome(requested: Grade, standing: Grade, requesterSupervises: Bool) -> RequestOutcome {
        guard needsAuthorisation(requested: requested, current: standing) else { return .applies }
        return requesterSupervises ? .authorisedByRequester : .waitsForSupervisor
    }

    /// The minutes within which officers should arrive, from policy; nil for a scheduled appointment (its time is agreed).
    public static func targetMinutes(_ grade: Grade, setting: Setting, policy: ForcePolicy) -> Int? {
        switch grade {
        case .immediate: setting == .urban ? policy.immediateUrbanMinutes : policy.immediateRuralMinutes
        case .priority: policy.priorityMinutes
        case .scheduled: nil
        }
    }

    /// Checks the reason given for a downgrade or a scheduled appointment. "The suspect has left" is never a
    /// reason on its own (national report): once every such phrase is taken out, something of substance must remain.
    public static func checkReason(_ text: String?, field: String = "reason") -> [FieldError] {
        guard let reason = trimmedNonEmpty(text) else {
            return [FieldError(field, "Give the reason for a scheduled appointment or a lower grade; a supervisor must authorise it.")]
        }
        if reason.count > 2000 { return [FieldError(field, "The reason must be 2,000 characters or fewer.")] }
        if substantiveWords(in: reason) < 3 {
            return [
                FieldError(
                    field,
                    "\"The suspect has left\" is not a reason on its own to lower the grade: say what else shows the caller is safe (for example where the victim is now and with whom)."
                )
            ]
        }
        return []
    }

    /// Phrases that only say the suspect has gone; on their own they never justify a lower grade.
    static let suspectLeftPhrases = [
        "suspect has left", "suspect left", "suspect has gone", "suspect gone", "suspect no longer present",
        "suspect not present", "suspect not at scene", "suspect no longer at scene", "offender has left", "offender left",
        "offender has gone", "perpetrator has left", "perpetrator left", "perp left", "he has left", "he left", "she has left",
        "she left", "they have left", "they left", "he has gone", "he's gone", "he's left", "she's gone", "she's left",
        "left the scene", "left the address", "left the area", "no longer at the address", "no longer at the scene", "not at the address",
        "has gone", "has left", "gone now", "left now"
    ]
    static let fillerWords: Set<String> = [
        "the", "and", "now", "has", "have", "had", "was", "is", "are", "so", "already", "since", "as", "because", "who",
        "scene", "address", "suspect", "offender", "perpetrator", "left", "gone", "away", "out", "not", "no", "longer", "there",
        "present", "at", "from", "of", "to", "a", "an", "he", "she", "they", "it", "all", "ok", "okay", "fine", "safe", "per"
    ]

    static func substantiveWords(in reason: String) -> Int {
        var text = " " + reason.lowercased().replacingOccurrences(of: "’", with: "'") + " "
        for phrase in suspectLeftPhrases.sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: phrase, with: " ")
        }
        let words = text.split { !$0.isLetter && $0 != "'" }.map(String.init)
        return words.filter { $0.count >= 2 && !fillerWords.contains($0) }.count
    }
}

/// A request to change an incident's grade that waits for a supervisor.
public struct PendingGrade: Sendable, Equatable, Codable {
    public var grade: Grade
    public var reason: String
    public var requestedBy: String
    public var requestedAt: Date
    public init(grade: Grade, reason: String, requestedBy: String, requestedAt: Date) {
        self.grade = grade
        self.reason = reason
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
    }
}

/// One grading decision, kept for ever: who asked, who decided, from what, to what, and why.
public struct GradingDecision: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable { case applied, requested, authorised, refused, withdrawn }
    public var id: String
    public var fromGrade: Grade?
    public var toGrade: Grade
    public var outcome: Outcome
    public var reason: String?
    public var byUsername: String
    public var at: Date
    public init(id: String, fromGrade: Grade?, toGrade: Grade, outcome: Outcome, reason: String?, byUsername: String, at: Date) {
        self.id = id
        self.fromGrade = fromGrade
        self.toGrade = toGrade
        self.outcome = outcome
        self.reason = reason
        self.byUsername = byUsername
        self.at = at
    }
}

/// The control room's side of an incident: grade, targets, the flag, dispatch and arrival.
public struct IncidentResponse: Sendable, Equatable, Codable {
    public var incidentID: String
    public var reference: String
    /// The grade in force. A requested downgrade does not change it until a supervisor authorises it.
    public var grade: Grade
    /// What the answers called for when the call was recorded.
    public var recommendedGrade: Grade
    public var setting: Setting
    public var gradedAt: Date
    /// When officers should be there (nil for a scheduled appointment).
    public var targetAt: Date?
    public var appointmentAt: Date?
    public var pending: PendingGrade?
    public var potentialHighRisk: Bool
    public var highRiskReasons: [String]
    public var highRiskAcknowledgedBy: String?
    public var highRiskAcknowledgedAt: Date?
    public var dispatchedAt: Date?
    public var arrivedAt: Date?
    /// Set when the call is closed, cancelled or resolved by phone: it then leaves the live queue.
    public var closure: CallClosure?
    public var decisions: [GradingDecision]

    public init(
        incidentID: String, reference: String, grade: Grade, recommendedGrade: Grade, setting: Setting, gradedAt: Date, targetAt: Date?,
        appointmentAt: Date? = nil, pending: PendingGrade? = nil, potentialHighRisk: Bool, highRiskReasons: [String],
        highRiskAcknowledgedBy: String? = nil, highRiskAcknowledgedAt: Date? = nil, dispatchedAt: Date? = nil, arrivedAt: Date? = nil,
        closure: CallClosure? = nil, decisions: [GradingDecision] = []
    ) {
        self.incidentID = incidentID
        self.reference = reference
        self.grade = grade
        self.recommendedGrade = recommendedGrade
        self.setting = setting
        self.gradedAt = gradedAt
        self.targetAt = targetAt
        self.appointmentAt = appointmentAt
        self.pending = pending
        self.potentialHighRisk = potentialHighRisk
        self.highRiskReasons = highRiskReasons
        self.highRiskAcknowledgedBy = highRiskAcknowledgedBy
        self.highRiskAcknowledgedAt = highRiskAcknowledgedAt
        self.dispatchedAt = dispatchedAt
        self.arrivedAt = arrivedAt
        self.closure = closure
        self.decisions = decisions
    }
}

/// One line on the control-room supervisor's live queue and why it is there.
public struct ControlRoomAlert: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case authorisationNeeded = "authorisation_needed"
        case potentialHighRisk = "potential_high_risk"
        case priorityNotDispatched = "priority_not_dispatched"
        case targetMissed = "target_missed"
    }
    public var kind: Kind
    public var incidentID: String
    public var reference: String
    public var grade: Grade
    /// Since when the alert has stood (for ordering: the longest-waiting first).
    public var since: Date
    public var detail: String
}

/// The live queue (rules 5 and 6): computed from responses and the injected clock, never stored, so it is always current.
public enum ControlRoomQueue {
    /// Whether a response could still raise an alert, now or later — a request waiting, a flag unacknowledged, or no
    /// officer there yet — so the store keeps it where the live queue looks. Any alert `alerts` can raise must be
    /// watched: a test walks every state of a response and fails if one raises an alert unwatched. A closed call
    /// raises none: it has left the control room's hands.
    public static func watches(_ r: IncidentResponse) -> Bool {
        guard r.closure == nil else { return false }
        return r.pending != nil || (r.potentialHighRisk && r.highRiskAcknowledgedAt == nil) || (r.arrivedAt == nil && r.grade != .scheduled)
    }

    public static func alerts(_ responses: [IncidentResponse], now: Date, policy: ForcePolicy) -> [ControlRoomAlert] {
        var alerts: [ControlRoomAlert] = []
        for r in responses where r.closure == nil {
            if let pending = r.pending {
                alerts.append(
                    ControlRoomAlert(
                        kind: .authorisationNeeded, incidentID: r.incidentID, reference: r.reference, grade: r.grade,
                        since: pending.requestedAt, detail: "\(r.grade.label) → \(pending.grade.label) requested: \(pending.reason)"))
            }
            if r.potentialHighRisk && r.highRiskAcknowledgedAt == nil {
                alerts.append(
                    ControlRoomAlert(
                        kind: .potentialHighRisk, incidentID: r.incidentID, reference: r.reference, grade: r.grade,
                        since: r.gradedAt, detail: r.highRiskReasons.joined(separator: "; ")))
            }
            // An officer at the scene was dispatched, whether or not the dispatch was recorded.
            if r.dispatchedAt == nil, r.arrivedAt == nil, r.grade == .priority {
                let due = r.gradedAt.addingTimeInterval(Double(policy.priorityDispatchAlertMinutes) * 60)
                if now >= due {
                    let waited = Int(now.timeIntervalSince(r.gradedAt) / 60)
                    alerts.append(
                        ControlRoomAlert(
                            kind: .priorityNotDispatched, incidentID: r.incidentID, reference: r.reference, grade: r.grade,
                            since: due, detail: "Priority call not dispatched after \(waited) minutes"))
                }
            }
            if r.arrivedAt == nil, let target = r.targetAt, now > target {
                let late = Int(now.timeIntervalSince(target) / 60)
                alerts.append(
                    ControlRoomAlert(
                        kind: .targetMissed, incidentID: r.incidentID, reference: r.reference, grade: r.grade,
                        since: target, detail: "No officer at the scene \(late) minutes after the \(r.grade.label.lowercased()) target"))
            }
        }
        return alerts.sorted { ($0.since, $0.reference) < ($1.since, $1.reference) }
    }
}
