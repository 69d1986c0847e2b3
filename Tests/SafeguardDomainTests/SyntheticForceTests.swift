import Foundation
import SafeguardDomain
import Testing
import SafeguardSynthetic

private let endDate = Date(timeIntervalSince1970: 1_790_000_000)

/// A small force: 2,000 people over three years, in batches of 100 households so that references across batches are tested.
private func smallForce(seed: UInt64 = 2014, batchHouseholds: Int = 100) -> [SyntheticBatch] {
    let spec = SyntheticForceSpec(people: 2_000, years: 3, seed: seed, endDate: endDate)
    return SyntheticForceGenerator(spec: spec).generateAll(batchHouseholds: batchHouseholds)
}

/// What the tests ask of a generated force, worked out once per force.
private struct ForceFacts {
    var people: [Person] = []
    var personByID: [String: Person] = [:]
    var identityOf: [String: String] = [:]
    var recordsOfIdentity: [String: [String]] = [:]
    var incidents: [Incident] = []

    init(_ batches: [SyntheticBatch]) {
        for batch in batches {
            people += batch.people
            incidents += batch.incidents
            for truth in batch.truth {
                identityOf[truth.recordID] = truth.identityID
                recordsOfIdentity[truth.identityID, default: []].append(truth.recordID)
            }
        }
        for person in people { personByID[person.id] = person }
    }

    /// Incident counts per individual in a role (by identity, so duplicate records count as the same person).
    func incidentCounts(as role: PartyRole) -> [String: Int] {
        var counts: [String: Int] = [:]
        for incident in incidents {
            for party in incident.parties where party.role == role { counts[identityOf[party.personID] ?? "?", default: 0] += 1 }
        }
        return counts
    }

    var involvedIdentities: Set<String> {
        Set(incidents.flatMap { $0.parties.map { identityOf[$0.personID] ?? "?" } })
    }
}

private func byID<T>(_ items: [T], _ id: KeyPath<T, String>) -> [String: T] {
    Dictionary(items.map { ($0[keyPath: id], $0) }, uniquingKeysWith: { first, _ in first })
}

private func truthLines(_ batches: [SyntheticBatch]) -> [String] {
    batches.flatMap(\.truth).map { "\($0.recordID)=\($0.identityID)" }
}

/// Whether text is shaped like a lowercase UUID: 8-4-4-4-12 hexadecimal digits.
private func isLowercaseUUID(_ text: String) -> Bool {
    let groups = text.split(separator: "-", omittingEmptySubsequences: false)
    return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy { "0123456789abcdef".contains($0) } }
}

@Suite("The synthetic force")
struct SyntheticForceTests {
    @Test("The same seed gives the same force, however it is batched")
    func sameSeedGivesTheSameForce() {
        // setup
        let seed: UInt64 = 77
        // act
        let first = smallForce(seed: seed)
        let again = smallForce(seed: seed)
        let rebatched = smallForce(seed: seed, batchHouseholds: 333)
        // check (as booleans: a failed comparison of whole forces would print thousands of records)
        let identical =
            first.flatMap(\.people) == again.flatMap(\.people) && first.flatMap(\.addresses) == again.flatMap(\.addresses)
            && first.flatMap(\.incidents) == again.flatMap(\.incidents) && first.flatMap(\.relationships) == again.flatMap(\.relationships)
            && truthLines(first) == truthLines(again)
        #expect(identical)
        let sameContent =
            byID(first.flatMap(\.people), \.id) == byID(rebatched.flatMap(\.people), \.id)
            && byID(first.flatMap(\.addresses), \.id) == byID(rebatched.flatMap(\.addresses), \.id)
            && byID(first.flatMap(\.incidents), \.id) == byID(rebatched.flatMap(\.incidents), \.id)
            && Set(truthLines(first)) == Set(truthLines(rebatched))
        #expect(sameContent)
        #expect(rebatched.count < first.count)
    }

    @Test("Different seeds give different people and ids")
    func differentSeedsGiveDifferentForces() {
        // setup
        let one = smallForce(seed: 1), two = smallForce(seed: 2)
        // act
        let namesOne = one.flatMap(\.people).prefix(50).map(\.fullName)
        let namesTwo = two.flatMap(\.people).prefix(50).map(\.fullName)
        let idsOne = Set(one.flatMap(\.people).map(\.id))
        // check
        #expect(namesOne != namesTwo)
        #expect(idsOne.isDisjoint(with: two.flatMap(\.people).map(\.id)))
    }

    @Test("Incidents, relationships and address histories only refer to what this or an earlier batch emitted")
    func everyIncidentPartyRefersToAnEmittedPerson() {
        // setup
        let batches = smallForce()
        var people = Set<String>(), addresses = Set<String>()
        var dangling: [String] = []
        // act
        for batch in batches {
            for address in batch.addresses {
                if !addresses.insert(address.id).inserted { dangling.append("address \(address.id) emitted twice") }
            }
            people.formUnion(batch.people.map(\.id))
            for person in batch.people {
                for entry in person.addresses where !addresses.contains(entry.address.id) { dangling.append("history of \(person.id)") }
            }
            for relationship in batch.relationships where !people.contains(relationship.personID) || !people.contains(relationship.otherPersonID) {
                dangling.append("relationship \(relationship.personID)")
            }
            for incident in batch.incidents {
                for party in incident.parties where !people.contains(party.personID) { dangling.append("party of \(incident.reference)") }
                if let address = incident.address, !addresses.contains(address.id) { dangling.append("address of \(incident.reference)") }
            }
        }
        // check
        #expect(dangling.isEmpty, "\(dangling.prefix(5))")
        #expect(batches.count > 1)
        #expect(batches.allSatisfy { !$0.people.isEmpty })
    }

    @Test("Ground truth has one entry per person record and one identity per individual")
    func truthCoversEveryRecord() {
        // setup
        let batches = smallForce()
        // act
        let recordIDs = batches.flatMap(\.people).map(\.id)
        let truthIDs = batches.flatMap(\.truth).map(\.recordID)
        let identities = Set(batches.flatMap(\.truth).map(\.identityID))
        // check
        #expect(truthIDs.count == recordIDs.count)
        #expect(Set(truthIDs) == Set(recordIDs))
        #expect(identities.count == 2_000)
        #expect(identities.allSatisfy(isLowercaseUUID))
        #expect(identities.isDisjoint(with: recordIDs))
    }

    @Test("Some individuals have duplicate records, differing the ways real records do")
    func someIndividualsHaveDuplicateRecords() {
        // setup
        let facts = ForceFacts(smallForce())
        let involved = facts.involvedIdentities
        // act
        let duplicated = facts.recordsOfIdentity.filter { $0.value.count > 1 }
        let involvedShare = Double(duplicated.keys.filter(involved.contains).count) / Double(involved.count)
        var differences = Set<String>()
        for records in duplicated.values {
            let people = records.compactMap { facts.personByID[$0] }
            let first = people[0]
            for other in people.dropFirst() {
                if other.firstName != first.firstName { differences.insert("first name") }
                if other.surname != first.surname { differences.insert("surname") }
                if other.dateOfBirth == nil { differences.insert("no date of birth") }
                if let dob = other.dateOfBirth, dob != first.dateOfBirth { differences.insert("date of birth") }
                if !other.phones.isEmpty, other.phones != first.phones { differences.insert("phone") }
                if other.currentAddress?.id != first.currentAddress?.id { differences.insert("address") }
            }
        }
        let legacy = facts.people.filter { $0.sourceID?.hasPrefix("LEGACY-") == true }
        // check
        #expect(involvedShare > 0.05 && involvedShare < 0.35, "share of involved individuals with duplicates: \(involvedShare)")
        #expect(differences == ["first name", "surname", "no date of birth", "date of birth", "phone", "address"])
        #expect(!legacy.isEmpty)
        #expect(legacy.allSatisfy { !involved.contains(facts.identityOf[$0.id] ?? "") })
    }

    @Test("Repeat victims, repeat perpetrators and serial perpetrators exist in realistic shares")
    func repeatVictimsAndSerialPerpetratorsExist() {
        // setup
        let facts = ForceFacts(smallForce())
        // act
        let victims = facts.incidentCounts(as: .victim)
        let suspects = facts.incidentCounts(as: .suspect)
        var victimsOfSuspect: [String: Set<String>] = [:]
        for incident in facts.incidents {
            let victimIdentities = incident.victims.compactMap { facts.identityOf[$0.personID] }
            for suspect in incident.suspects { victimsOfSuspect[facts.identityOf[suspect.personID] ?? "?", default: []].formUnion(victimIdentities) }
        }
        let repeatShare = Double(victims.values.filter { $0 >= 2 }.count) / Double(victims.count)
        let femaleShare =
            Double(facts.incidents.flatMap(\.victims).filter { facts.personByID[$0.personID]?.sex == .female }.count)
            / Double(facts.incidents.flatMap(\.victims).count)
        let intimateShare = Double(facts.incidents.filter(\.relationship.isIntimate).count) / Double(facts.incidents.count)
        // check
        #expect(repeatShare > 0.15 && repeatShare < 0.6, "repeat victims: \(repeatShare)")
        #expect(victims.values.contains { $0 >= 5 })
        #expect(suspects.values.contains { $0 >= 2 })
        #expect(victimsOfSuspect.values.contains { $0.count >= 2 })
        #expect(femaleShare > 0.6)
        #expect(intimateShare > 0.5 && intimateShare < 1, "intimate share: \(intimateShare)")
    }

    @Test("Surnames spread as in a real force: the hundred commonest cover about a fifth of people, and most names are rare")
    func surnamesSpreadAsInARealForce() {
        // setup
        let spec = SyntheticForceSpec(people: 20_000, years: 1, seed: 2014, endDate: endDate)
        let people = SyntheticForceGenerator(spec: spec).generateAll().flatMap(\.people)
        // act
        var counts: [String: Int] = [:]
        for person in people { counts[person.surname, default: 0] += 1 }
        let byCount = counts.values.sorted(by: >)
        let topHundred = Double(byCount.prefix(100).reduce(0, +)) / Double(people.count)
        let commonest = Double(byCount[0]) / Double(people.count)
        let tail = SyntheticNames.britishSurnameTail
        // check
        #expect(topHundred > 0.15 && topHundred < 0.4, "top 100 surnames: \(topHundred)")
        #expect(commonest < 0.02, "commonest surname: \(commonest)")
        #expect(counts.count > 2_000, "distinct surnames: \(counts.count)")
        #expect(tail.count > 5_000 && Set(tail).count == tail.count)
        #expect(Set(tail).isDisjoint(with: SyntheticNames.britishSurnames))
        #expect(!tail.contains { $0.contains("lll") || $0.contains("sss") })
        #expect(SyntheticNames.withoutTripleLetters("Wallley") == "Walley")
    }

    @Test("Children under 16 appear as child parties, never as victims or suspects")
    func childrenAppearAsChildParties() {
        // setup
        let facts = ForceFacts(smallForce())
        // act
        let childParties = facts.incidents.flatMap { incident in incident.parties.filter { $0.role == .child }.map { (incident, $0) } }
        func age(_ personID: String, at date: Date) -> Int? {
            facts.personByID[personID]?.dateOfBirth.flatMap { CalendarDate.age(of: $0, at: date) }
        }
        // check
        #expect(!childParties.isEmpty)
        for (incident, party) in childParties {
            if let age = age(party.personID, at: incident.occurredAt) { #expect(age < 17, "\(incident.reference): child aged \(age)") }
        }
        for incident in facts.incidents {
            for party in incident.parties where party.role == .victim || party.role == .suspect {
                if let age = age(party.personID, at: incident.occurredAt) { #expect(age >= 15, "\(incident.reference): \(party.role) aged \(age)") }
            }
        }
    }

    @Test("Ids are UUID-shaped and unique; references, phones and relationships are unique")
    func idsAndReferencesAreUnique() {
        // setup
        let batches = smallForce()
        let facts = ForceFacts(batches)
        // act
        let personIDs = facts.people.map(\.id)
        let addressIDs = batches.flatMap(\.addresses).map(\.id)
        let incidentIDs = facts.incidents.map(\.id)
        let references = facts.incidents.map(\.reference)
        let relationships = batches.flatMap(\.relationships).map { "\($0.personID)|\($0.otherPersonID)|\($0.relationship.rawValue)" }
        let parties = facts.incidents.flatMap { incident in incident.parties.map { "\(incident.id)|\($0.personID)|\($0.role.rawValue)" } }
        var phoneOwner: [String: String] = [:]
        var sharedPhones: [String] = []
        for person in facts.people {
            let identity = facts.identityOf[person.id] ?? "?"
            for phone in person.phones {
                if let owner = phoneOwner[phone], owner != identity { sharedPhones.append(phone) }
                phoneOwner[phone] = identity
            }
        }
        // check
        for ids in [personIDs, addressIDs, incidentIDs] {
            #expect(Set(ids).count == ids.count)
            #expect(ids.allSatisfy(isLowercaseUUID))
        }
        #expect(Set(personIDs + addressIDs + incidentIDs).count == personIDs.count + addressIDs.count + incidentIDs.count)
        #expect(Set(references).count == references.count)
        #expect(references.allSatisfy { $0.hasPrefix("DA-") && $0.count == 14 && $0.dropFirst(3).prefix(4).allSatisfy(\.isNumber) })
        #expect(Set(relationships).count == relationships.count)
        #expect(Set(parties).count == parties.count)
        #expect(sharedPhones.isEmpty)
        #expect(phoneOwner.keys.allSatisfy { PhoneNumber.normalise($0) == $0 })
        #expect(batches.flatMap(\.addresses).allSatisfy { Postcode.normalise($0.postcode) == $0.postcode })
    }

    @Test("Dates of birth and address history dates are real dates or missing")
    func datesOfBirthAreValidOrMissing() {
        // setup
        let facts = ForceFacts(smallForce())
        // act
        let births = facts.people.compactMap(\.dateOfBirth)
        let missing = facts.people.count - births.count
        let histories = facts.people.map(\.addresses)
        // check
        #expect(births.allSatisfy { CalendarDate.normalise($0) == $0 && $0 <= CalendarDate.string(endDate) })
        #expect(missing > 0 && missing < facts.people.count / 50)
        for history in histories {
            #expect(!history.isEmpty)
            #expect(history.last?.to == nil)
            #expect(history.dropLast().allSatisfy { $0.to != nil })
            for entry in history {
                guard let from = entry.from else { continue }
                #expect(CalendarDate.normalise(from) == from)
                if let to = entry.to { #expect(CalendarDate.normalise(to) == to && from <= to) }
            }
        }
        let refuges = facts.people.filter { $0.currentAddress?.confidential == true }
        #expect(refuges.allSatisfy { $0.currentAddress?.markers.contains { $0.kind == Marker.refuge } == true })
    }

    @Test("Incidents happen within the years asked for and are reported after they happen")
    func incidentsFallWithinTheHistory() {
        // setup
        let start = endDate.addingTimeInterval(-3 * 366 * 86_400)
        // act
        let incidents = smallForce().flatMap(\.incidents)
        // check
        #expect(!incidents.isEmpty)
        #expect(incidents.allSatisfy { $0.occurredAt >= start && $0.occurredAt <= $0.reportedAt && $0.reportedAt <= endDate })
        #expect(incidents.allSatisfy { (1...3).contains($0.abuseTypes.count) && !$0.summary.isEmpty && $0.address != nil })
        #expect(incidents.allSatisfy { $0.victims.count == 1 && $0.suspects.count == 1 })
    }
}
