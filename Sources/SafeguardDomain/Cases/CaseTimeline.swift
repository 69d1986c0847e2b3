import Foundation

/// One line of a case's timeline (issue 5 part 5): everything that happened on the case, in order, in one place.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case incident, assessment, levelDecision = "level_decision", scene, custody, order, ownership, taskSet = "task_set", taskDone = "task_done"
        case contact, outcome
    }
    public var at: Date
    public var kind: Kind
    public var title: String
    public var detail: String?
    /// The incident the line belongs to, if any (the page links to it).
    public var incidentID: String?

    public init(at: Date, kind: Kind, title: String, detail: String? = nil, incidentID: String? = nil) {
        self.at = at
        self.kind = kind
        self.title = title
        self.detail = detail
        self.incidentID = incidentID
    }
}

/// Builds the timeline from what a case holds. Pure: the service reads the records, this puts them in order.
public enum CaseTimeline {
    public static func entries(
        incidents: [Incident], assessments: [RiskAssessment], scenes: [SceneRecord], custody: [CustodyEvent],
        events: [CaseOwnershipEvent], tasks: [CaseTask], userNames: [String: String], orders: [ProtectiveOrder] = [],
        contacts: [ContactEntry] = [], outcomes: [CrimeOutcome] = []
    ) -> [TimelineEntry] {
        var lines: [TimelineEntry] = []
        let references = Dictionary(incidents.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
        for incident in incidents {
            lines.append(
                TimelineEntry(
                    at: incident.occurredAt, kind: .incident, title: "Incident \(incident.reference)",
                    detail: incident.summary.isEmpty ? nil : incident.summary, incidentID: incident.id))
        }
        for a in assessments {
            lines.append(
                TimelineEntry(
                    at: a.assessedAt, kind: .assessment, title: "Risk assessed \(a.level.rawValue) by \(a.assessedBy)",
                    detail: "\(a.yesCount) yes answers; \(a.rationale)", incidentID: a.incidentID))
            for d in a.decisions {
                lines.append(
                    TimelineEntry(
                        at: d.at, kind: .levelDecision, title: "Level \(d.fromLevel.rawValue) → \(d.toLevel.rawValue) by \(d.byUsername)",
                        detail: "\(d.reason.label): \(d.explanation)\(d.flaggedForScrutiny ? " (downgrade without new information: for scrutiny)" : "")",
                        incidentID: a.incidentID))
            }
        }
        for s in scenes {
            let evidence = s.evidenceCompleteness
            lines.append(
                TimelineEntry(
                    at: s.recordedAt, kind: .scene, title: "Scene of \(references[s.incidentID] ?? "the incident") recorded by \(s.recordedBy)",
                    detail:
                        "\(s.children.count) child(ren); evidence \(evidence.gathered) of \(evidence.applicable); \(s.arrest.arrested ? "arrested" : "not arrested")",
                    incidentID: s.incidentID))
        }
        for e in custody {
            lines.append(
                TimelineEntry(
                    at: e.at, kind: .custody, title: "Suspect: \(e.kind.label.lowercased())",
                    detail: [e.conditions.map { "conditions: \($0)" }, e.endsOn.map { "until \($0)" }, e.note].compactMap { $0 }.joined(separator: "; "),
                    incidentID: e.incidentID))
        }
        for order in orders {
            for e in order.history {
                let detail: String? =
                    switch e.kind {
                    case .made: "\(order.terms)\(order.endsOn.map { " (until \($0))" } ?? "")"
                    case .hearingBooked: e.hearingAt.map { "hearing \(TypedDateTime.format($0))" }
                    case .varied: [e.terms, e.endsOn.map { "now until \($0)" }].compactMap { $0 }.joined(separator: "; ")
                    default: e.note
                    }
                lines.append(
                    TimelineEntry(
                        at: e.at, kind: .order, title: "\(order.kind.label): \(e.kind.label.lowercased())", detail: detail,
                        incidentID: e.incidentID ?? order.incidentID))
            }
        }
        for c in contacts {
            lines.append(
                TimelineEntry(
                    at: c.at, kind: .contact,
                    title: "Contact: \(c.team.label), \(c.method.label.lowercased())\(c.reached ? "" : " (not reached)") by \(c.madeBy)",
                    detail: c.summary))
        }
        for o in outcomes {
            lines.append(
                TimelineEntry(
                    at: CalendarDate.date(o.decidedOn) ?? o.recordedAt, kind: .outcome,
                    title: "Outcome of \(references[o.incidentID] ?? "the crime"): \(o.kind.label) (\(o.decidedBy.label))",
                    detail: o.reason.isEmpty ? nil : o.reason, incidentID: o.incidentID))
        }
        for e in events {
            let to = e.toUserID.flatMap { userNames[$0] }
            lines.append(
                TimelineEntry(
                    at: e.at, kind: .ownership,
                    title: e.kind.rawValue.replacingOccurrences(of: "_", with: " ").capitalizedFirst
                        + (to.map { " – \($0)" } ?? ""), detail: e.note.isEmpty ? nil : e.note))
        }
        for t in tasks {
            lines.append(
                TimelineEntry(at: t.createdAt, kind: .taskSet, title: "Task set: \(t.title)", detail: "for \(t.owner.displayName)", incidentID: t.incidentID))
            if let done = t.completedAt {
                lines.append(TimelineEntry(at: done, kind: .taskDone, title: "Task done: \(t.title)", detail: t.outcome, incidentID: t.incidentID))
            }
        }
        // Oldest first; at the same second, the order things are listed above (an incident before what followed it).
        return lines.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
