import Foundation

/// Records confirmed to be one person, joined: if A is B and B is C, all three are one man, and his incidents are
/// counted together. The record that stands for the group is its lowest id, so the same links always give the same one.
public struct PersonClusters: Sendable {
    private var parent: [String: String] = [:]

    /// From every confirmed pair of records.
    public init(confirmedPairs: [(String, String)]) {
        for (a, b) in confirmedPairs { union(a, b) }
    }

    /// The record that stands for `id`'s group (itself when it is linked to none).
    public func canonical(_ id: String) -> String {
        var current = id
        while let next = parent[current], next != current { current = next }
        return current
    }

    /// Every record in each group, by the record that stands for it (groups of one left out).
    public var groups: [String: [String]] {
        var groups: [String: [String]] = [:]
        for id in parent.keys { groups[canonical(id), default: []].append(id) }
        return groups.mapValues { $0.sorted() }
    }

    private mutating func union(_ a: String, _ b: String) {
        for id in [a, b] where parent[id] == nil { parent[id] = id }
        let (ra, rb) = (root(a), root(b))
        guard ra != rb else { return }
        if ra < rb { parent[rb] = ra } else { parent[ra] = rb }
    }

    private mutating func root(_ id: String) -> String {
        var current = id
        while let next = parent[current], next != current { current = next }
        // Path compression: every record on the way points straight at the root.
        var walk = id
        while let next = parent[walk], next != current {
            parent[walk] = current
            walk = next
        }
        return current
    }
}

/// Rule 24: who is a repeat or serial perpetrator, who harms several victims and who is harmed by several, and how
/// harmful each perpetrator is — by policy, from the incidents in the window, across records confirmed to be one person.
public enum PerpetratorRules {
    /// Whether an incident at `at` is inside the window that ends `now` (the first day of the window counts).
    public static func inWindow(_ at: Date, now: Date, policy: PerpetratorPolicy) -> Bool {
        at <= now && at >= now.addingTimeInterval(-Double(policy.windowDays) * 86_400)
    }

    /// The serial rule, as the force sets it: `incidents` DA incidents as suspect, or offences against `victims`
    /// different victims (crimes, or any incident for a MATAC-style force), within the window.
    public static func isSerial(incidents: Int, crimeVictims: Int, victims: Int, policy: PerpetratorPolicy) -> Bool {
        incidents >= policy.serialIncidents || (policy.serialVictimsFrom == .crimes ? crimeVictims : victims) >= policy.serialVictims
    }

    /// His score and its components, from what he did in the window.
    public static func score(latestAt: Date, incidents: Int, gravity: Double, victims: Int, now: Date, weights: HarmWeights) -> HarmScore {
        let days = max(0, Int(now.timeIntervalSince(latestAt) / 86_400))
        let recency = pow(0.5, Double(days) / weights.recencyHalfLifeDays)
        let multiplier = 1 + weights.perExtraVictim * Double(max(0, victims - 1))
        let score = recency * (weights.pointsPerIncident * Double(incidents) + weights.pointsPerHarmDay * gravity) * multiplier
        return HarmScore(
            daysSinceLatest: days, recency: recency, frequency: incidents, gravity: gravity, victims: victims, victimMultiplier: multiplier, score: score)
    }

    /// Everyone the lists find on `now`: each suspect with a DA incident in the window, scored and ranked, and who is on
    /// each list with the reason.
    public static func find(
        _ incidents: [DAIncidentFacts], clusters: PersonClusters, areas: [Area], policy: PerpetratorPolicy, now: Date
    ) -> PerpetratorFindings {
        struct Tally {
            var incidents = 0, crimes = 0
            var gravity = 0.0
            var victims = Set<String>(), crimeVictims = Set<String>(), areaIDs = Set<String>()
            var latestAt = Date.distantPast
        }
        var bySuspect: [String: Tally] = [:]
        var perpetratorsOfVictim: [String: Set<String>] = [:]
        var areaOfPostcode: [String: String?] = [:]
        for incident in incidents where inWindow(incident.occurredAt, now: now, policy: policy) {
            let suspects = Set(incident.suspectIDs.map(clusters.canonical))
            let victims = Set(incident.victimIDs.map(clusters.canonical))
            var areaID: String?
            if let postcode = incident.postcode {
                if let known = areaOfPostcode[postcode] {
                    areaID = known
                } else {
                    areaID = AreaRules.area(covering: postcode, among: areas)?.id
                    areaOfPostcode[postcode] = areaID
                }
            }
            for suspect in suspects {
                var tally = bySuspect[suspect] ?? Tally()
                tally.incidents += 1
                tally.gravity += policy.weights.harmDays(for: incident.classification, isCrime: incident.isCrime)
                let harmed = victims.subtracting([suspect])
                tally.victims.formUnion(harmed)
                if incident.isCrime {
                    tally.crimes += 1
                    tally.crimeVictims.formUnion(harmed)
                }
                if let areaID { tally.areaIDs.insert(areaID) }
                tally.latestAt = max(tally.latestAt, incident.occurredAt)
                bySuspect[suspect] = tally
            }
            for victim in victims { perpetratorsOfVictim[victim, default: []].formUnion(suspects.subtracting([victim])) }
        }
        let groups = clusters.groups
        let window = "in the last \(policy.windowDays) days"
        var membership: [String: String] = [:]
        var found: [PerpetratorFinding] = bySuspect.map { personID, tally in
            var lists: [PerpetratorList] = []
            if tally.incidents > 1 {
                lists.append(.repeatPerpetrator)
                membership[PerpetratorFindings.key(personID, .repeatPerpetrator)] = "\(tally.incidents) DA incidents as suspect \(window)"
            }
            let countedVictims = policy.serialVictimsFrom == .crimes ? tally.crimeVictims.count : tally.victims.count
            if isSerial(incidents: tally.incidents, crimeVictims: tally.crimeVictims.count, victims: tally.victims.count, policy: policy) {
                lists.append(.serial)
                var why: [String] = []
                if tally.incidents >= policy.serialIncidents { why.append("\(tally.incidents) DA incidents as suspect (serial at \(policy.serialIncidents))") }
                if countedVictims >= policy.serialVictims {
                    let what = policy.serialVictimsFrom == .crimes ? "recorded crimes" : "DA incidents"
                    why.append("\(what) against \(countedVictims) different victims (serial at \(policy.serialVictims))")
                }
                membership[PerpetratorFindings.key(personID, .serial)] = why.joined(separator: "; ") + " \(window)"
            }
            if tally.victims.count >= 2 {
                lists.append(.manyVictims)
                membership[PerpetratorFindings.key(personID, .manyVictims)] = "\(tally.victims.count) different victims \(window)"
            }
            return PerpetratorFinding(
                personID: personID, recordIDs: groups[personID] ?? [personID], incidents: tally.incidents, crimes: tally.crimes,
                victims: tally.victims.count, crimeVictims: tally.crimeVictims.count, latestAt: tally.latestAt, areaIDs: tally.areaIDs.sorted(),
                lists: lists,
                harm: score(
                    latestAt: tally.latestAt, incidents: tally.incidents, gravity: tally.gravity, victims: tally.victims.count, now: now,
                    weights: policy.weights),
                rank: 0)
        }
        for (victim, perpetrators) in perpetratorsOfVictim where perpetrators.count >= 2 {
            membership[PerpetratorFindings.key(victim, .victimManyPerpetrators)] = "harmed by \(perpetrators.count) different perpetrators \(window)"
        }
        found.sort { a, b in
            if a.harm.score != b.harm.score { return a.harm.score > b.harm.score }
            if a.latestAt != b.latestAt { return a.latestAt > b.latestAt }
            return a.personID < b.personID
        }
        for index in found.indices { found[index].rank = index + 1 }
        return PerpetratorFindings(perpetrators: found, membership: membership)
    }

    /// Who goes on a list and who comes off it, against the entries open now: each change with its reason.
    public static func changes(
        open: [PerpetratorListEntry], findings: PerpetratorFindings, clusters: PersonClusters, policy: PerpetratorPolicy, now: Date,
        newID: () -> String
    ) -> (entered: [PerpetratorListEntry], left: [PerpetratorListEntry]) {
        var stillOn = Set<String>()
        var left: [PerpetratorListEntry] = []
        let tallies = Dictionary(uniqueKeysWithValues: findings.perpetrators.map { ($0.personID, $0) })
        for var entry in open {
            let key = PerpetratorFindings.key(entry.personID, entry.list)
            if findings.membership[key] != nil {
                stillOn.insert(key)
                continue
            }
            entry.leftAt = now
            let canonical = clusters.canonical(entry.personID)
            if canonical != entry.personID {
                entry.leftReason = "Confirmed to be the same person as record \(canonical): listed under that record"
            } else if let now = tallies[entry.personID] {
                entry.leftReason = "No longer meets the rule: \(now.incidents) DA incidents, \(now.victims) victims in the last \(policy.windowDays) days"
            } else {
                entry.leftReason = "No longer meets the rule: nothing in the last \(policy.windowDays) days"
            }
            left.append(entry)
        }
        let entered = findings.membership.filter { !stillOn.contains($0.key) }.sorted { $0.key < $1.key }.compactMap { key, reason -> PerpetratorListEntry? in
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2, let list = PerpetratorList(rawValue: parts[0]) else { return nil }
            return PerpetratorListEntry(id: newID(), personID: parts[1], list: list, enteredAt: now, enteredReason: reason)
        }
        return (entered, left)
    }
}
