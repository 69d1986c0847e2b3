import Foundation
import SafeguardDomain
import SafeguardMatching

/// A victim and a suspect, and the stretch of days over which incidents between them happen.
/// `relationship` reads from the victim's side, as `PersonRelationship` does: "victim is `relationship` of suspect".
struct AbusePair: Sendable {
    var victim: Int
    var suspect: Int
    var relationship: Relationship
    var start: Int
    var end: Int
    var count: Int
    /// Partners who have since split up: some incidents are recorded as ex-partner abuse.
    var nowSeparated = false
}

extension ForcePlanner {
    // MARK: Who abuses whom

    /// Decides, household by household, where domestic abuse happens, so that roughly 3–6% of households have it:
    /// mostly between partners, sometimes between parents and adult children or siblings, and a few serial
    /// perpetrators who move on to new partners living elsewhere.
    mutating func planAbuse() {
        for h in plan.households.indices {
            let household = plan.households[h]
            let first = household.members.lowerBound
            switch household.kind {
            case .coupleNoChildren, .coupleYoungChildren, .coupleOlderChildren:
                let p = household.kind == .coupleYoungChildren ? 0.045 : household.kind == .coupleNoChildren ? 0.025 : 0.035
                if rng.chance(p) { addPartnerAbuse(first, first + 1, livingTogether: true) }
                if household.kind == .coupleOlderChildren, rng.chance(0.05) {
                    addFamilyAbuse(parents: [first, first + 1], children: Array(household.members.dropFirst(2)))
                }
            case .singleParent:
                if rng.chance(0.14), h + 1 < plan.households.count {
                    addPartnerAbuse(first, plan.households[h + 1].members.lowerBound, livingTogether: false)
                }
            case .parentWithAdultChild:
                if rng.chance(0.1) { addFamilyAbuse(parents: [first], children: Array(household.members.dropFirst())) }
            case .adultSiblings:
                if rng.chance(0.07) { addSiblingAbuse(first, first + 1) }
            case .singleAdult, .separatedParent:
                break
            }
        }
    }

    private mutating func addPartnerAbuse(_ a: Int, _ b: Int, livingTogether: Bool) {
        let sexA = plan.individuals[a].sex, sexB = plan.individuals[b].sex
        let victim: Int
        if sexA != sexB {
            let woman = sexA == .female ? a : b
            victim = rng.chance(0.85) ? woman : (woman == a ? b : a)
        } else {
            victim = rng.chance(0.5) ? a : b
        }
        let suspect = victim == a ? b : a
        let relationship: Relationship = livingTogether ? .intimatePartner : .exPartner
        let serialChance = plan.individuals[suspect].sex == .male ? 0.13 : 0.04
        guard rng.chance(serialChance) else {
            addPair(victim: victim, suspect: suspect, relationship: relationship, start: startDay, end: endDay - 1)
            return
        }
        // A serial perpetrator: earlier or later partners, found among adults living alone, each in their own stretch of time.
        var others: [Int] = []
        for _ in 0..<[1, 2, 3][rng.index(weights: [60, 28, 12])] {
            if let partner = takeSingle(sex: plan.individuals[victim].sex, near: plan.individuals[suspect].birthDay) { others.append(partner) }
        }
        var cuts = (0..<others.count).map { _ in rng.int(in: startDay + 60...endDay - 60) }
        cuts.sort()
        let bounds = [startDay] + cuts + [endDay - 1]
        // Living together now: the others came before. Separated: the others came after, the last is the current partner.
        var order = livingTogether ? others + [victim] : [victim] + others
        if order.count > bounds.count - 1 { order = Array(order.prefix(bounds.count - 1)) }
        for (k, partner) in order.enumerated() {
            let isCurrent = k == order.count - 1 && (livingTogether || partner != victim)
            let isOriginal = partner == victim
            let rel: Relationship = isOriginal ? relationship : (isCurrent ? .intimatePartner : .exPartner)
            if !isOriginal { relate(suspect, partner, rel, rel) }
            addPair(
                victim: partner, suspect: suspect, relationship: isOriginal ? relationship : .intimatePartner,
                start: bounds[k], end: bounds[k + 1], separated: !isOriginal && !isCurrent)
        }
    }

    /// An adult child abusing a parent, a parent abusing a child of 16 or over, or siblings.
    private mutating func addFamilyAbuse(parents: [Int], children: [Int]) {
        let grown = children.filter { age($0, on: endDay) >= 16 }
        guard !grown.isEmpty else { return }
        let adults = grown.filter { age($0, on: endDay) >= 18 }
        let roll = rng.unit()
        if grown.count >= 2, roll < 0.15 {
            addSiblingAbuse(grown[0], grown[1])
        } else if !adults.isEmpty, roll < 0.75 {
            let sons = adults.filter { plan.individuals[$0].sex == .male }
            let suspect = !sons.isEmpty && rng.chance(0.7) ? rng.pick(sons) : rng.pick(adults)
            let mothers = parents.filter { plan.individuals[$0].sex == .female }
            let victim = !mothers.isEmpty && rng.chance(0.75) ? mothers[0] : rng.pick(parents)
            addPair(victim: victim, suspect: suspect, relationship: .parentOfChild, start: startDay, end: endDay - 1)
        } else {
            let fathers = parents.filter { plan.individuals[$0].sex == .male }
            let suspect = !fathers.isEmpty && rng.chance(0.75) ? fathers[0] : rng.pick(parents)
            addPair(victim: rng.pick(grown), suspect: suspect, relationship: .childOfParent, start: startDay, end: endDay - 1)
        }
    }

    private mutating func addSiblingAbuse(_ a: Int, _ b: Int) {
        let women = [a, b].filter { plan.individuals[$0].sex == .female }
        let victim = women.count == 1 && rng.chance(0.7) ? women[0] : (rng.chance(0.5) ? a : b)
        addPair(victim: victim, suspect: victim == a ? b : a, relationship: .sibling, start: startDay, end: endDay - 1)
    }

    /// A pair with its number of incidents: most victims report once, about a third more often, a few 5–10 times.
    private mutating func addPair(victim: Int, suspect: Int, relationship: Relationship, start: Int, end: Int, separated: Bool = false) {
        // Domestic abuse is between people aged 16 or over.
        let adultFrom = max(plan.individuals[victim].birthDay, plan.individuals[suspect].birthDay) + 16 * 365 + 4
        let from = max(start, adultFrom)
        guard end - from > 14 else { return }
        let count =
            switch rng.index(weights: [63, 15, 9, 6, 7]) {
            case 0: 1
            case 1: 2
            case 2: 3
            case 3: 4
            default: 5 + Int(6 * rng.unit() * rng.unit())
            }
        pairs.append(AbusePair(victim: victim, suspect: suspect, relationship: relationship, start: from, end: end, count: count, nowSeparated: separated))
    }

    /// An adult living alone, of the given sex and within about fifteen years of age, who becomes a later partner.
    private mutating func takeSingle(sex: Sex, near birthDay: Int) -> Int? {
        let pool = sex == .female ? 0 : 1
        for _ in 0..<40 where !singles[pool].isEmpty {
            let slot = rng.int(below: singles[pool].count)
            let candidate = singles[pool][slot]
            guard abs(plan.individuals[candidate].birthDay - birthDay) < 15 * 365 else { continue }
            singles[pool].swapAt(slot, singles[pool].count - 1)
            singles[pool].removeLast()
            return candidate
        }
        return nil
    }

    // MARK: Incidents

    /// The incidents of every pair, clustered in time as repeat abuse is, with children and witnesses where present.
    mutating func makeIncidents() {
        for pair in pairs {
            let length = pair.end - pair.start
            let span = pair.count == 1 ? 0 : min(length, rng.int(in: 60...720))
            let first = pair.start + rng.int(in: 0...(length - span))
            var days = (0..<pair.count).map { _ in first + (span == 0 ? 0 : rng.int(in: 0...span)) }
            days.sort()
            for (sequence, day) in days.enumerated() {
                plan.incidents.append(makeIncident(pair, day: day, sequence: sequence))
            }
        }
    }

    // Incidents cluster in the evening and at night.
    private static let hourWeights: [Double] = [6, 5, 4, 3, 2, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 5, 6, 7, 8, 8, 8, 7]

    private mutating func makeIncident(_ pair: AbusePair, day: Int, sequence: Int) -> PlannedIncident {
        let occurred = day * CivilDay.secondsPerDay + rng.index(weights: Self.hourWeights) * 3600 + rng.int(below: 3600)
        let channels: [Channel] = [.emergency999, .nonEmergency101, .frontCounter, .online, .partnerAgency]
        let channel = channels[rng.index(weights: [50, 33, 6, 6, 5])]
        let delay: ClosedRange<Int> =
            switch channel {
            case .emergency999: 120...1800
            case .nonEmergency101: 1800...172_800
            case .frontCounter: 86_400...864_000
            case .online: 3600...432_000
            case .partnerAgency, .notRecorded: 86_400...1_209_600
            }
        let reported = min(occurred + rng.int(in: delay), endSecond)
        var relationship = pair.relationship
        if relationship == .intimatePartner, pair.nowSeparated, rng.chance(0.5) { relationship = .exPartner }
        let abuseTypes = pickAbuseTypes(relationship, sequence: sequence)
        let isCrime = crimeOutcome(abuseTypes)

        let victimHousehold = plan.individuals[pair.victim].household
        let livesApart = victimHousehold != plan.individuals[pair.suspect].household
        let placeRoll = rng.unit()
        let place: IncidentPlace =
            if placeRoll < 0.07, victimHousehold > 0 {
                .friend(household: max(0, victimHousehold - rng.int(in: 1...40)))
            } else if placeRoll < 0.14, livesApart {
                .suspectHome
            } else {
                .victimHome
            }

        var parties = [
            PlannedParty(individual: pair.victim, role: .victim, record: .primary(pair.victim)),
            PlannedParty(individual: pair.suspect, role: .suspect, record: .primary(pair.suspect))
        ]
        let others = plan.households[victimHousehold].members.filter { $0 != pair.victim && $0 != pair.suspect && plan.individuals[$0].birthDay < day }
        let children = others.filter { age($0, on: day) < 16 }
        if case .victimHome = place, !children.isEmpty, rng.chance(0.6) {
            for child in children { parties.append(PlannedParty(individual: child, role: .child, record: .primary(child))) }
        }
        if rng.chance(0.12) {
            let grown = others.filter { age($0, on: day) >= 16 }
            let neighbour = plan.households[max(0, victimHousehold - rng.int(in: 1...12))].members.lowerBound
            let witness = grown.isEmpty ? neighbour : rng.pick(grown)
            if !parties.contains(where: { $0.individual == witness }), age(witness, on: day) >= 16 {
                parties.append(PlannedParty(individual: witness, role: .witness, record: .primary(witness)))
            }
        }
        let summary = summarise(
            channel: channel, abuseTypes: abuseTypes, relationship: relationship, suspect: pair.suspect,
            childrenPresent: parties.contains { $0.role == .child }, isCrime: isCrime)
        return PlannedIncident(
            occurred: occurred, reported: reported, channel: channel, relationship: relationship, abuseTypes: abuseTypes,
            isCrime: isCrime, parties: parties, place: place, summary: summary)
    }

    private mutating func pickAbuseTypes(_ relationship: Relationship, sequence: Int) -> [AbuseType] {
        let types: [AbuseType] = [.physical, .emotional, .threatening, .coerciveControl, .stalking, .economic, .sexual, .strangulation]
        var weights: [Double] = relationship.isIntimate ? [30, 22, 15, 12, 5, 4, 4, 4] : [30, 25, 20, 5, 1, 6, 0.5, 1]
        if relationship == .exPartner { weights[4] = 15 }
        // Abuse escalates: later incidents in a run are more often physical and include strangulation.
        if sequence >= 3 { weights[0] += 10; weights[7] += 3 }
        var chosen: [AbuseType] = []
        let wanted = rng.index(weights: [50, 35, 15]) + 1
        while chosen.count < wanted {
            let type = types[rng.index(weights: weights)]
            if !chosen.contains(type) { chosen.append(type) }
        }
        return chosen
    }

    private mutating func crimeOutcome(_ types: [AbuseType]) -> Bool {
        if types.contains(where: { [.physical, .sexual, .strangulation, .stalking].contains($0) }) { return rng.chance(0.6) }
        if types.contains(.coerciveControl) { return rng.chance(0.35) }
        if types.contains(.threatening) { return rng.chance(0.25) }
        return rng.chance(0.05)
    }

    /// A short, neutral account; no detail beyond what a log entry would carry.
    private mutating func summarise(
        channel: Channel, abuseTypes: [AbuseType], relationship: Relationship, suspect: Int,
        childrenPresent: Bool, isCrime: Bool
    ) -> String {
        let opener =
            switch channel {
            case .emergency999: "999 call reporting"
            case .nonEmergency101: "101 call reporting"
            case .frontCounter: "Report at the front counter of"
            case .online: "Online report of"
            case .partnerAgency: "Referral from a partner agency about"
            case .notRecorded: "Report of"
            }
        let what = abuseTypes.prefix(2).map { type in
            switch type {
            case .physical: "an assault"
            case .sexual: "a sexual offence (details recorded separately)"
            case .threatening: "threats"
            case .coerciveControl: "a pattern of controlling behaviour"
            case .economic: "control of money and bank cards"
            case .emotional: "verbal abuse and intimidation"
            case .stalking: "repeated unwanted contact and following"
            case .strangulation: "non-fatal strangulation"
            }
        }.joined(separator: " and ")
        let male = plan.individuals[suspect].sex == .male
        let who =
            switch relationship {
            case .intimatePartner: "their partner"
            case .exPartner: "their former partner"
            case .parentOfChild: male ? "their adult son" : "their adult daughter"
            case .childOfParent: male ? "their father" : "their mother"
            case .sibling: male ? "their brother" : "their sister"
            case .otherFamily, .notRecorded: "a family member"
            }
        let outcome =
            isCrime
            ? rng.pick([
                "Suspect arrested at the scene.", "Suspect left before officers arrived; enquiries ongoing.",
                "Crime recorded; suspect to be interviewed.", "Suspect arrested later the same day."
            ])
            : rng.pick([
                "Officers attended; no offences disclosed.", "Words exchanged only; safeguarding advice given.",
                "Parties separated for the night; advice given.", "Caller later said all was well; risk assessment completed."
            ])
        return "\(opener) \(what) by \(who). \(outcome)" + (childrenPresent ? " Children were present." : "")
    }

    /// Puts incidents in time order, which numbers them and lets later noise know which incidents come later.
    mutating func orderIncidents() {
        let order = plan.incidents.indices.sorted { (plan.incidents[$0].occurred, $0) < (plan.incidents[$1].occurred, $1) }
        plan.incidents = order.map { plan.incidents[$0] }
    }

    /// Officer-safety markers on some violent suspects, and vulnerabilities recorded on some victims.
    mutating func markPerpetratorsAndVictims() {
        var violent = [Bool](repeating: false, count: plan.individuals.count)
        var victim = [Bool](repeating: false, count: plan.individuals.count)
        for incident in plan.incidents {
            for party in incident.parties {
                if party.role == .suspect, incident.abuseTypes.contains(where: { $0 == .physical || $0 == .strangulation }) { violent[party.individual] = true }
                if party.role == .victim { victim[party.individual] = true }
            }
        }
        for i in plan.individuals.indices {
            if violent[i] {
                if rng.chance(0.35) { plan.individuals[i].markers.append(Marker(kind: "violence", detail: "Violence towards a partner or family member")) }
                if rng.chance(0.07) {
                    plan.individuals[i].markers.append(Marker(kind: "weapons", detail: "Has threatened others with a knife"))
                    let home = plan.individuals[i].stays[plan.individuals[i].stays.count - 1].address
                    plan.addresses[home].address.markers.append(Marker(kind: "weapons", detail: "Occupant known to keep a knife to hand"))
                }
                if rng.chance(0.015) { plan.individuals[i].markers.append(Marker(kind: "firearms", detail: "Access to firearms reported")) }
            }
            if victim[i], rng.chance(0.3) {
                let need = rng.pick(SyntheticNames.vulnerabilities)
                if !plan.individuals[i].vulnerabilities.contains(need) { plan.individuals[i].vulnerabilities.append(need) }
            }
        }
    }

    // MARK: Refuges and places

    /// A few refuges, emitted with the first household; their addresses are confidential.
    mutating func makeRefuges() {
        guard !plan.households.isEmpty else { return }
        for _ in 0..<max(2, spec.people / 20_000) {
            refuges.append(newAddress(owner: 0, confidential: true, markers: [Marker(kind: Marker.refuge, detail: "Refuge: address confidential")]))
        }
    }

    /// Some victims of repeated abuse go to a refuge after their last incident, with their young children.
    mutating func moveSomeVictimsToRefuges() {
        guard !refuges.isEmpty else { return }
        var victimCount = [Int](repeating: 0, count: plan.individuals.count)
        var lastDay = [Int](repeating: Int.min, count: plan.individuals.count)
        for incident in plan.incidents {
            for party in incident.parties {
                if party.role == .victim { victimCount[party.individual] += 1 }
                lastDay[party.individual] = max(lastDay[party.individual], incident.occurred / CivilDay.secondsPerDay)
            }
        }
        for i in plan.individuals.indices where victimCount[i] >= 4 && plan.individuals[i].movedTo == nil && rng.chance(0.2) {
            let day = lastDay[i] + rng.int(in: 1...21)
            // Only a move away from where they live now (not before they moved in there).
            guard day < endDay, day > plan.individuals[i].stays[plan.individuals[i].stays.count - 1].from else { continue }
            let refuge = rng.pick(refuges)
            var movers = [i]
            for member in plan.households[plan.individuals[i].household].members
            where member != i && age(member, on: day) < 16 && plan.individuals[member].birthDay < day && lastDay[member] < day
                && plan.individuals[member].movedTo == nil && plan.individuals[member].stays[plan.individuals[member].stays.count - 1].from < day
            {
                movers.append(member)
            }
            for mover in movers {
                let last = plan.individuals[mover].stays.count - 1
                plan.individuals[mover].stays[last].to = day
                plan.individuals[mover].stays.append(Stay(address: refuge, from: day, to: nil))
            }
        }
    }

    /// Where an individual lived on a day, including a move only a later record knows about.
    func addressOf(_ i: Int, on day: Int) -> Int {
        let person = plan.individuals[i]
        if let moved = person.movedTo, day >= moved.day { return moved.address }
        for stay in person.stays.reversed() where stay.from <= day { return stay.address }
        return person.stays[0].address
    }

    /// Fixes each incident's address and batch, gives it a reference, and dates the records it first uses.
    mutating func resolveIncidents() {
        var perYear: [Int: Int] = [:]
        for n in plan.incidents.indices {
            var incident = plan.incidents[n]
            let day = incident.occurred / CivilDay.secondsPerDay
            incident.address =
                switch incident.place {
                case .victimHome: addressOf(incident.parties[0].individual, on: day)
                case .suspectHome: addressOf(incident.parties[1].individual, on: day)
                case .friend(let household): plan.households[household].address
                }
            var owner = plan.addresses[incident.address].owner
            for party in incident.parties {
                owner = max(owner, plan.individuals[party.individual].household)
                if case .primary(let i) = party.record, plan.individuals[i].firstUsed.map({ $0 > incident.reported }) ?? true {
                    plan.individuals[i].firstUsed = incident.reported
                }
            }
            incident.owner = owner
            let year = CivilDay.date(incident.reported / CivilDay.secondsPerDay).year
            let number = (perYear[year] ?? 0) + 1
            perYear[year] = number
            let digits = String(number)
            incident.reference = "DA-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            plan.incidents[n] = incident
        }
    }
}
