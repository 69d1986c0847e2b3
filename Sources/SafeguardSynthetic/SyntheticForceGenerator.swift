import Foundation
import SafeguardDomain
import SafeguardMatching

/// How far a generation run has got, handed over with each batch so a command can show progress on long runs.
public struct SyntheticProgress: Sendable, Equatable {
    /// This batch's position, from 0.
    public var batchIndex: Int
    public var batchCount: Int
    /// Distinct individuals emitted so far, this batch included; reaches `individualsTotal` with the last batch.
    public var individualsSoFar: Int
    public var individualsTotal: Int
    /// Person records emitted so far (individuals plus their duplicate records).
    public var recordsSoFar: Int
    public var incidentsSoFar: Int

    /// A progress report; the generator makes these, tests and callers may too.
    public init(batchIndex: Int, batchCount: Int, individualsSoFar: Int, individualsTotal: Int, recordsSoFar: Int, incidentsSoFar: Int) {
        self.batchIndex = batchIndex
        self.batchCount = batchCount
        self.individualsSoFar = individualsSoFar
        self.individualsTotal = individualsTotal
        self.recordsSoFar = recordsSoFar
        self.incidentsSoFar = incidentsSoFar
    }
}

/// Generates a deterministic synthetic force: households at addresses, partners, children and family, domestic abuse
/// incidents over the years (repeat victims, repeat and serial perpetrators, children present, witnesses), and the record
/// noise real systems hold, with the ground truth of which records are the same individual.
/// The same spec gives the same force on every machine, however the batches are sized.
public struct SyntheticForceGenerator: Sendable {
    /// The shape of the force: individuals, years, seed and end date.
    public let spec: SyntheticForceSpec

    /// A generator for one force shape; nothing is generated until `generate` or `generateAll` is called.
    public init(spec: SyntheticForceSpec) {
        self.spec = spec
    }

    /// Generates the force and hands it over in batches of about `batchHouseholds` households, in order: every record,
    /// address and relationship a batch refers to is in that batch or an earlier one, so each can be stored as it comes.
    /// Runs in the caller's isolation, so `emit` may use the caller's state without being `Sendable`.
    public func generate(
        batchHouseholds: Int = 500,
        isolation: isolated (any _Concurrency.Actor)? = #isolation,
        emit: (SyntheticBatch, SyntheticProgress) async throws -> Void
    ) async rethrows {
        let emitter = BatchEmitter(plan: planForce(), batchHouseholds: batchHouseholds)
        var progress = SyntheticProgress(
            batchIndex: 0, batchCount: emitter.batchCount, individualsSoFar: 0, individualsTotal: spec.people,
            recordsSoFar: 0, incidentsSoFar: 0)
        for index in 0..<emitter.batchCount {
            let batch = emitter.batch(index)
            progress.batchIndex = index
            progress.individualsSoFar = emitter.individualsEmitted(through: index)
            progress.recordsSoFar += batch.people.count
            progress.incidentsSoFar += batch.incidents.count
            try await emit(batch, progress)
        }
    }

    /// The whole force at once, for tests and small forces.
    public func generateAll(batchHouseholds: Int = 500) -> [SyntheticBatch] {
        let emitter = BatchEmitter(plan: planForce(), batchHouseholds: batchHouseholds)
        return (0..<emitter.batchCount).map(emitter.batch)
    }

    func planForce() -> ForcePlan {
        var planner = ForcePlanner(spec: spec)
        return planner.build()
    }
}

/// Turns a planned force into batches of `Person`, `Address`, `Incident` and truth values, one batch at a time.
struct BatchEmitter {
    let plan: ForcePlan
    let batchHouseholds: Int
    let batchCount: Int
    private var addressesByBatch: [[Int]]
    private var duplicatesByBatch: [[Int]]
    private var relationshipsByBatch: [[Int]]
    private var incidentsByBatch: [[Int]]
    /// Primary record and identity ids, made once: relationships and truth name them again and again.
    private let personIDs: [String]
    private let identityIDs: [String]

    init(plan: ForcePlan, batchHouseholds: Int) {
        self.plan = plan
        self.batchHouseholds = max(1, batchHouseholds)
        let size = self.batchHouseholds
        batchCount = (plan.households.count + size - 1) / size
        func buckets(_ count: Int, _ owner: (Int) -> Int) -> [[Int]] {
            var result = [[Int]](repeating: [], count: (plan.households.count + size - 1) / size)
            for item in 0..<count { result[owner(item) / size].append(item) }
            return result
        }
        addressesByBatch = buckets(plan.addresses.count) { plan.addresses[$0].owner }
        duplicatesByBatch = buckets(plan.duplicates.count) { plan.individuals[plan.duplicates[$0].individual].household }
        relationshipsByBatch = buckets(plan.relationships.count) { r in
            max(plan.individuals[plan.relationships[r].a].household, plan.individuals[plan.relationships[r].b].household)
        }
        incidentsByBatch = buckets(plan.incidents.count) { plan.incidents[$0].owner }
        personIDs = plan.individuals.indices.map { plan.id(.person, $0) }
        identityIDs = plan.individuals.indices.map { plan.id(.identity, $0) }
    }

    private func households(_ index: Int) -> Range<Int> {
        index * batchHouseholds..<min(plan.households.count, (index + 1) * batchHouseholds)
    }

    /// Individuals in batches `0...index`: households hold contiguous runs of individuals.
    func individualsEmitted(through index: Int) -> Int {
        plan.households[households(index).upperBound - 1].members.upperBound
    }

    /// Batch `index`, built from the plan.
    func batch(_ index: Int) -> SyntheticBatch {
        var batch = SyntheticBatch()
        let range = households(index)
        let individuals = plan.households[range.lowerBound].members.lowerBound..<plan.households[range.upperBound - 1].members.upperBound
        batch.addresses = addressesByBatch[index].map { plan.addresses[$0].address }
        batch.people.reserveCapacity(individuals.count + duplicatesByBatch[index].count)
        batch.truth.reserveCapacity(individuals.count + duplicatesByBatch[index].count)
        for i in individuals {
            batch.people.append(primaryPerson(i))
            batch.truth.append((recordID: personIDs[i], identityID: identityIDs[i]))
        }
        for d in duplicatesByBatch[index] {
            batch.people.append(duplicatePerson(d))
            batch.truth.append((recordID: plan.id(.duplicate, d), identityID: identityIDs[plan.duplicates[d].individual]))
        }
        batch.relationships = relationshipsByBatch[index].map { r in
            let planned = plan.relationships[r]
            return PersonRelationship(personID: personIDs[planned.a], otherPersonID: personIDs[planned.b], relationship: planned.relationship)
        }
        batch.incidents = incidentsByBatch[index].map(incident)
        for (n, incident) in zip(incidentsByBatch[index], batch.incidents) { aftermath(n, incident, into: &batch) }
        return batch
    }

    private func recordID(_ ref: RecordRef) -> String {
        switch ref {
        case .primary(let i): personIDs[i]
        case .duplicate(let d): plan.id(.duplicate, d)
        }
    }

    private func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: Double(seconds)) }

    private func history(_ stays: [Stay]) -> [AddressHistoryEntry] {
        stays.map { AddressHistoryEntry(address: plan.addresses[$0.address].address, from: CivilDay.text($0.from), to: $0.to.map(CivilDay.text)) }
    }

    private func primaryPerson(_ i: Int) -> Person {
        let p = plan.individuals[i]
        var otherNames: [PersonName] = []
        if p.showsPreviousName, let previous = p.previousSurname { otherNames.append(PersonName(firstName: p.firstName, surname: previous, kind: .previous)) }
        if let nickname = p.knownNickname { otherNames.append(PersonName(firstName: nickname, surname: p.surname, kind: .nickname)) }
        // Created when an incident first named it; otherwise at the start of the history, or at birth if later.
        let created = date(p.firstUsed ?? max(plan.baseline, (p.birthDay + 1) * 86_400))
        return Person(
            id: personIDs[i], firstName: p.firstName, middleNames: p.middleName, surname: p.surname,
            dateOfBirth: CivilDay.text(p.birthDay), sex: p.sex, ethnicity: p.ethnicity, interpreterLanguage: p.interpreter,
            restricted: p.restricted, vulnerabilities: p.vulnerabilities, otherNames: otherNames, phones: p.phones, emails: p.emails,
            addresses: history(p.stays), markers: p.markers, version: 1, createdAt: created, updatedAt: created)
    }

    private func duplicatePerson(_ d: Int) -> Person {
        let r = plan.duplicates[d]
        let p = plan.individuals[r.individual]
        let created = date(r.created)
        return Person(
            id: plan.id(.duplicate, d), sourceID: r.sourceID, firstName: r.firstName, middleNames: r.middleName, surname: r.surname,
            dateOfBirth: r.dateOfBirth, sex: p.sex, ethnicity: r.ethnicity, interpreterLanguage: p.interpreter, restricted: p.restricted,
            vulnerabilities: [], otherNames: r.otherNames, phones: r.phones, emails: r.emails, addresses: history(r.stays),
            markers: [], version: 1, createdAt: created, updatedAt: created)
    }

    /// What followed an incident in the records: a risk level for each victim and child, and sometimes an order or
    /// bail conditions against the suspect. Drawn from a stream of their own, so the rest of the force is unchanged.
    private func aftermath(_ n: Int, _ incident: Incident, into batch: inout SyntheticBatch) {
        var rng = SeededGenerator(seed: plan.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(n) &+ 0x5151)
        let serious = incident.abuseTypes.contains(.strangulation) || incident.abuseTypes.contains(.stalking) || incident.abuseTypes.contains(.sexual)
        for (k, party) in incident.parties.enumerated() where party.role == .victim || party.role == .child {
            let roll = rng.unit()
            let level: RiskLevel = roll < (serious ? 0.35 : 0.1) ? .high : (roll < (serious ? 0.75 : 0.4) ? .medium : .standard)
            batch.riskLevels.append(
                (
                    id: "\(incident.id)-r\(k)",
                    record: RiskLevelRecord(
                        personID: party.personID, incidentID: incident.id, incidentReference: incident.reference, level: level,
                        assessedAt: incident.reportedAt.addingTimeInterval(3600), source: "dash")
                ))
        }
        guard incident.isCrime, rng.chance(0.15), let suspect = incident.suspects.first, let victim = incident.victims.first else { return }
        let kind = rng.pick([ProtectiveOrder.Kind.policeBail, .courtBail, .dvpo, .nonMolestation, .restraining])
        let start = incident.reportedAt.addingTimeInterval(Double(rng.int(in: 0...21)) * 86_400)
        let days: Double =
            switch kind {
            case .policeBail: 90
            case .courtBail: 120
            case .dvpo, .dapo: 28
            default: 365
            }
        let terms =
            switch kind {
            case .policeBail, .courtBail: "Not to contact the victim directly or indirectly; not to enter the street where she lives"
            case .dvpo, .dapo, .dvpn, .dapn: "Not to molest the victim or come within 100 metres of her home"
            default: "Not to use or threaten violence, or contact her by any means; not to go within 200 metres of her home"
            }
        batch.orders.append(
            ProtectiveOrder(
                id: "\(incident.id)-o", kind: kind, subjectPersonID: suspect.personID, protectedPersonID: victim.personID,
                terms: terms, startsOn: CalendarDate.string(start), endsOn: CalendarDate.string(start.addingTimeInterval(days * 86_400))))
    }

    private func incident(_ n: Int) -> Incident {
        let planned = plan.incidents[n]
        return Incident(
            id: plan.id(.incident, n), reference: planned.reference, occurredAt: date(planned.occurred), reportedAt: date(planned.reported),
            channel: planned.channel, address: plan.addresses[planned.address].address, relationship: planned.relationship,
            abuseTypes: planned.abuseTypes, isCrime: planned.isCrime, summary: planned.summary,
            parties: planned.parties.map { IncidentParty(personID: recordID($0.record), role: $0.role, displayName: plan.displayName($0.record)) },
            version: 1)
    }
}
