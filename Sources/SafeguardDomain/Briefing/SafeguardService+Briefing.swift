import Foundation

extension SafeguardService {
    /// The officer's briefing for an incident (rule 3): for each victim, suspect and child, every earlier incident across
    /// confirmed and strongly proposed records of the same person, risk levels, warnings on them and their addresses,
    /// orders in force, and for suspects their other victims. One audited read.
    public func briefing(_ actor: Actor, incidentID: String, reason: String? = nil) async throws -> Briefing {
        try await recordingRefusal(actor, .viewBriefing, recordType: "incident", recordID: incidentID, reason: reason) {
            try await openBriefing(actor, incidentID: incidentID, reason: reason)
        }
    }

    private func openBriefing(_ actor: Actor, incidentID: String, reason: String?) async throws -> Briefing {
        try actor.require(.viewIncident)
        let why = try statedReason(actor, reason)
        let now = clock.now()
        let today = CalendarDate.string(now)
        let visibility = Visibility(actor.role)
        return try await repositories.transaction { tx in
            guard let incident = try await tx.incidents.find(id: incidentID) else { throw DomainError.notFound(kind: "incident", id: incidentID) }
            try await self.requireInArea(tx, actor, incident: incident)
            let call = try await tx.incidents.call(incidentID: incidentID)
            let response = try await tx.incidents.response(incidentID: incidentID)

            // Parties first, then children of each victim's household who are not parties.
            // Rule 9: the children of each victim's household today, as their links record them, with any risk noted.
            var entries: [(personID: String, role: PartyRole, householdOnly: Bool)] = incident.parties.map { ($0.personID, $0.role, false) }
            let household = try await self.householdChildren(
                tx, adults: incident.victims.map(\.personID), today: today, visibility: visibility, now: now)
            for child in household where !entries.contains(where: { $0.personID == child.person.id }) {
                entries.append((child.person.id, .child, true))
            }
            let riskNotes = Dictionary(household.map { ($0.person.id, $0.riskNotes) }, uniquingKeysWith: { a, b in a + b })

            var people: [BriefingPerson] = []
            for entry in entries {
                guard let person = try await tx.people.find(id: entry.personID) else { continue }
                // One read of her history serves the list below and her repeat status (rule 2's one definition).
                let history = try await self.repeatHistory(tx, personID: entry.personID)
                let recordIDs = [entry.personID] + history.records.map(\.personID)
                let summaries = try await tx.people.summaries(ids: [entry.personID])
                guard let summary = summaries[entry.personID] else { continue }
                var markers = person.markers
                var addressMarkers = person.addresses.flatMap { $0.address.markers }
                for other in history.records {
                    if let linked = try await tx.people.find(id: other.personID) {
                        markers += linked.markers.filter { !markers.contains($0) }
                        addressMarkers += linked.addresses.flatMap { $0.address.markers }.filter { !addressMarkers.contains($0) }
                    }
                }
                // The refuge marker would reveal a refuge to roles that may not know it.
                if !actor.role.can(.viewRestricted) { addressMarkers.removeAll { $0.kind == Marker.refuge } }
                let status =
                    entry.role == .victim ? self.victimStatus(person: person, at: incident.occurredAt, excluding: incidentID, history: history) : nil
                var otherVictims: [PersonSummary] = []
                if entry.role == .suspect {
                    let victimIDs = try await tx.incidents.victims(ofSuspectRecords: recordIDs)
                        .filter { id in !incident.victims.contains { $0.personID == id } }
                    otherVictims = try await tx.people.summaries(ids: victimIDs).values.sorted { ($0.surname, $0.firstName) < ($1.surname, $1.firstName) }.map(
                        visibility.summary)
                }
                let orders = try await tx.orders.involving(recordIDs).filter { $0.isActive(on: today) }
                // A restricted record (rule 33) keeps its warnings, levels and orders, which protect whoever attends,
                // but not its history, for roles that may not open it.
                let hidden = person.restricted && !actor.role.can(.viewRestricted)
                people.append(
                    BriefingPerson(
                        role: entry.role, householdOnly: entry.householdOnly, person: visibility.summary(summary), status: status,
                        markers: markers.active(on: today), addressMarkers: addressMarkers.active(on: today),
                        history: hidden ? [] : history.incidents.filter { $0.id != incidentID }.map(visibility.incidentSummary),
                        linkedRecords: hidden
                            ? [] : history.records.map { BriefingLinkedRecord(personID: $0.personID, status: $0.status, probability: $0.probability) },
                        riskLevels: try await tx.incidents.riskLevels(ofPeople: recordIDs), orders: orders, otherVictims: hidden ? [] : otherVictims,
                        riskNotes: riskNotes[entry.personID] ?? []))
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewBriefing, recordType: "incident", recordID: incidentID,
                    reason: why, detail: "people=\(people.count)"))
            let visible = visibility.incident(incident)
            return Briefing(
                incident: visible, call: call, response: response,
                locationMarkers: (visible.address?.markers ?? []).active(on: today),
                locationHistory: try await self.atSamePlace(tx, visible, visibility: visibility), people: people,
                possibleBreaches: try await self.breachFlags(tx, incident: incident), generatedAt: now)
        }
    }
}
