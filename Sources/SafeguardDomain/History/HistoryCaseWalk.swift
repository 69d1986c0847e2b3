import Foundation

/// Her cases as the past made them: rule 15's opening, closing and reopening, walked over one victim's events in time
/// order. A new incident joins her open case, reopens the case closed within `caseReopenWindowMonths`, or opens a new
/// one; a risk level sets her open case's level from that moment; a closure closes it. The walk is pure, so the same
/// events give the same cases whatever order the file held them in.
public enum HistoryCaseWalk {
    /// One spell a case is open at one level (`to` nil: still open).
    public struct Spell: Sendable, Equatable {
        public var level: RiskLevel?
        public var from: Date
        public var to: Date?
    }

    /// A case the walk opened or changed.
    public struct WalkedCase: Sendable, Equatable {
        /// The existing case's id, or nil for a case the walk opened.
        public var existingID: String?
        public var openedAt: Date
        public var closedAt: Date?
        public var level: RiskLevel?
        /// Spells opened by the walk, in order; on an existing case, its spell open before the walk ends at `existingSpellEnds`.
        public var spells: [Spell] = []
        public var existingSpellEnds: Date?
        /// Incident refs that join the case.
        public var incidentRefs: [String] = []
        /// Dated events (reopened, level changed, closed) with their note.
        public var events: [(kind: CaseOwnershipEvent.Kind, at: Date, note: String)] = []

        public var isOpen: Bool { closedAt == nil }

        public static func == (a: WalkedCase, b: WalkedCase) -> Bool {
            a.existingID == b.existingID && a.openedAt == b.openedAt && a.closedAt == b.closedAt && a.level == b.level && a.spells == b.spells
                && a.incidentRefs == b.incidentRefs && a.events.map(\.kind) == b.events.map(\.kind) && a.events.map(\.at) == b.events.map(\.at)
        }
    }

    /// Her latest case before the walk, if any.
    public struct Start: Sendable {
        public var caseID: String
        public var open: Bool
        public var level: RiskLevel?
        public var closedAt: Date?
        public init(caseID: String, open: Bool, level: RiskLevel?, closedAt: Date?) {
            self.caseID = caseID
            self.open = open
            self.level = level
            self.closedAt = closedAt
        }
    }

    /// The cases her events make, and the events that could not apply (by key, with why).
    public static func walk(_ events: [HistoryEvent], from start: Start?, policy: ForcePolicy) -> (
        cases: [WalkedCase], unusable: [(key: String, problem: String)]
    ) {
        var cases: [WalkedCase] = []
        var unusable: [(key: String, problem: String)] = []
        // The case the walk is on: an index into `cases`, open or most recently closed. The case she already has is
        // where the walk begins: open, or closed and perhaps to be reopened.
        var current: Int?
        if let start {
            cases.append(WalkedCase(existingID: start.caseID, openedAt: start.closedAt ?? .distantPast, closedAt: start.closedAt, level: start.level))
            current = 0
        }
        func openSpell(_ index: Int, level: RiskLevel?, at: Date) {
            if let last = cases[index].spells.indices.last, cases[index].spells[last].to == nil {
                cases[index].spells[last].to = at
            } else if cases[index].existingID != nil, cases[index].isOpen, cases[index].existingSpellEnds == nil {
                cases[index].existingSpellEnds = at
            }
            cases[index].spells.append(Spell(level: level, from: at, to: nil))
        }
        for event in events.sorted(by: HistoryEvent.applyOrder) {
            switch event.kind {
            case .incident:
                guard let ref = event.ref else { continue }
                if let index = current, cases[index].isOpen {
                    cases[index].incidentRefs.append(ref)
                } else if let index = current, let closedAt = cases[index].closedAt,
                    CaseClosureRules.reopens(closedAt: closedAt, now: event.at, policy: policy)
                {
                    cases[index].closedAt = nil
                    cases[index].events.append((.reopened, event.at, "A new incident (\(ref)) within \(policy.caseReopenWindowMonths) months of closing"))
                    openSpell(index, level: cases[index].level, at: event.at)
                    cases[index].incidentRefs.append(ref)
                } else {
                    cases.append(WalkedCase(existingID: nil, openedAt: event.at, closedAt: nil, level: nil, spells: [Spell(level: nil, from: event.at)]))
                    current = cases.count - 1
                    cases[cases.count - 1].incidentRefs.append(ref)
                }
            case .riskLevel:
                guard let index = current, cases[index].isOpen, let level = event.level else {
                    unusable.append((event.key, "she has no case open at \(TypedDateTime.format(event.at)) for the level to apply to"))
                    continue
                }
                guard cases[index].level != level else { continue }
                cases[index].events.append((.levelChanged, event.at, "\(cases[index].level?.rawValue ?? "not assessed") to \(level.rawValue) (imported)"))
                cases[index].level = level
                openSpell(index, level: level, at: event.at)
            case .caseClosed:
                guard let index = current, cases[index].isOpen else {
                    unusable.append((event.key, "she has no case open at \(TypedDateTime.format(event.at)) to close"))
                    continue
                }
                cases[index].closedAt = event.at
                cases[index].events.append((.closed, event.at, event.reason ?? "Closed before Safeguard (imported; no reason recorded)"))
                if let last = cases[index].spells.indices.last, cases[index].spells[last].to == nil {
                    cases[index].spells[last].to = event.at
                } else if cases[index].existingID != nil, cases[index].existingSpellEnds == nil {
                    cases[index].existingSpellEnds = event.at
                }
            case .arrest, .outcome, .warning:
                continue  // these attach to incidents, people and places, not cases
            }
        }
        // The start case is reported only if the walk changed it.
        let changed = cases.filter { $0.existingID == nil || !$0.incidentRefs.isEmpty || !$0.events.isEmpty }
        return (changed, unusable)
    }
}
