import Foundation

/// Rule 25: an incident between the person an order or bail condition binds and the person it protects, on a day it
/// is in force, may be a breach — found when the incident comes in, not left for someone to notice.
public enum BreachRules {
    /// The orders an incident on `day` may breach: in force that day, binding one of the suspect's records and
    /// protecting one of the victim's (records confirmed to be each). Conditions that name nobody protected (some bail)
    /// are breached by any incident with a victim.
    public static func possiblyBreached(_ orders: [ProtectiveOrder], day: String, suspectRecords: Set<String>, victimRecords: Set<String>) -> [ProtectiveOrder]
    {
        orders.filter { order in
            order.isActive(on: day) && suspectRecords.contains(order.subjectPersonID)
                && (order.protectedPersonID.map(victimRecords.contains) ?? !victimRecords.isEmpty)
        }
    }

    /// What the system writes on the order: which incident, when, and that an officer is to confirm it.
    public static func note(order: ProtectiveOrder, incidentReference: String, day: String) -> String {
        "Incident \(incidentReference) on \(day), between the person bound and the person protected while the \(order.kind.label.lowercased()) was in force: a possible breach, found when the incident was recorded. Confirm it by recording the breach, or say why it is not one."
    }
}

/// An order an incident may have breached, as the incident's record and the briefing flag it.
public struct BreachFlag: Sendable, Equatable, Codable {
    public var orderID: String
    public var kind: ProtectiveOrder.Kind
    public var endsOn: String?
    /// An officer has recorded the breach on this incident (not only the system's flag).
    public var confirmed: Bool
}

extension SafeguardService {
    /// The orders an incident was flagged against (or recorded as breaching), from the orders of its suspects.
    func breachFlags(_ tx: any RepositoryTransaction, incident: Incident) async throws -> [BreachFlag] {
        var records: Set<String> = []
        for suspect in incident.suspects { records.formUnion(try await recordsOfSamePerson(tx, suspect.personID)) }
        guard !records.isEmpty else { return [] }
        return try await tx.orders.involving(Array(records)).compactMap { order in
            let events = order.history.filter { $0.incidentID == incident.id && ($0.kind == .possibleBreach || $0.kind == .breached) }
            guard !events.isEmpty else { return nil }
            return BreachFlag(orderID: order.id, kind: order.kind, endsOn: order.endsOn, confirmed: events.contains { $0.kind == .breached })
        }
    }

    /// Looks for orders a new incident may breach and, for each, records the possible breach on the order and fires
    /// its triggers on her case (reassess, review, tell her; the investigator looks into it). Returns the tasks set.
    func detectBreaches(_ tx: any RepositoryTransaction, incident: Incident, actor: Actor, at now: Date) async throws -> [CaseTask] {
        let day = CalendarDate.string(incident.occurredAt)
        var tasks: [CaseTask] = []
        var flagged = Set<String>()
        for suspect in incident.suspects {
            let suspectRecords = Set(try await recordsOfSamePerson(tx, suspect.personID))
            let orders = try await tx.orders.involving(Array(suspectRecords))
            guard !orders.isEmpty else { continue }
            for victim in incident.victims {
                let victimRecords = Set(try await recordsOfSamePerson(tx, victim.personID))
                for order in BreachRules.possiblyBreached(orders, day: day, suspectRecords: suspectRecords, victimRecords: victimRecords)
                where flagged.insert(order.id).inserted {
                    // Read again: an earlier flag in this loop may have moved its version on.
                    guard let current = try await tx.orders.find(id: order.id) else { continue }
                    let event = OrderEvent(
                        id: Self.newID(at: now), orderID: order.id, kind: .possibleBreach, at: incident.occurredAt,
                        note: BreachRules.note(order: order, incidentReference: incident.reference, day: day), incidentID: incident.id,
                        recordedBy: actor.user.username, recordedAt: now)
                    let updated = current.applying(event)
                    guard try await tx.orders.record(event, byUserID: actor.user.id, order: updated, expectedVersion: current.version) else {
                        throw DomainError.conflict("Someone recorded something on an order of his just now; record the call again.")
                    }
                    try await tx.audit.append(
                        AuditEntry(
                            at: now, user: actor.user, action: .recordOrder, recordType: "order", recordID: order.id,
                            detail: "possible_breach; incident=\(incident.id)"))
                    tasks += try await fireOrderTriggers(tx, order: updated, event: event, at: now)
                }
            }
        }
        return tasks
    }
}

/// An order in force between two people a call may be about, found before the call is recorded (rule 25).
public struct OrderBetween: Sendable, Equatable {
    public var flag: BreachFlag
    /// The suspect's and the victim's records as the handler may choose them (one of the call's possible matches).
    public var suspectPersonID: String
    public var victimPersonID: String?
}

extension SafeguardService {
    /// Before a call is saved (rule 25): the orders in force today binding any of the records the handler may choose as
    /// the suspect and protecting any of those they may choose as the victim (each across records confirmed to be
    /// them), so the call form warns of a possible breach while the call is still being taken. Recording the call
    /// then flags it on the order and fires its triggers (`detectBreaches`). Audited as a read of orders.
    public func ordersBetween(_ actor: Actor, suspects: [String], victims: [String]) async throws -> [OrderBetween] {
        try actor.require(.recordCall)
        let now = clock.now()
        let day = CalendarDate.string(now)
        let (suspectIDs, victimIDs) = (Array(Set(suspects)).sorted(), Array(Set(victims)).sorted())
        guard !suspectIDs.isEmpty, !victimIDs.isEmpty else { return [] }
        return try await repositories.transaction { tx in
            var found: [OrderBetween] = []
            var victimRecords: [String: Set<String>] = [:]
            for victim in victimIDs { victimRecords[victim] = Set(try await self.recordsOfSamePerson(tx, victim)) }
            for suspect in suspectIDs {
                let suspectRecords = Set(try await self.recordsOfSamePerson(tx, suspect))
                let orders = try await tx.orders.involving(Array(suspectRecords))
                guard !orders.isEmpty else { continue }
                for victim in victimIDs {
                    for order in BreachRules.possiblyBreached(orders, day: day, suspectRecords: suspectRecords, victimRecords: victimRecords[victim] ?? [])
                    where !found.contains(where: { $0.flag.orderID == order.id }) {
                        found.append(
                            OrderBetween(
                                flag: BreachFlag(orderID: order.id, kind: order.kind, endsOn: order.endsOn, confirmed: false), suspectPersonID: suspect,
                                victimPersonID: order.protectedPersonID == nil ? nil : victim))
                    }
                }
            }
            if !found.isEmpty {
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: actor.user, action: .viewOrders, recordType: "order", recordID: found[0].flag.orderID,
                        detail: "orders in force between the call's possible parties: \(found.map(\.flag.orderID).joined(separator: ","))"))
            }
            return found
        }
    }
}
