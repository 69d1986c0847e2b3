import Foundation
import SafeguardDomain
import Testing

/// Rule 24's lists and harm ranking as pure rules: boundaries of the serial rule, the window's edge, records confirmed
/// to be one man counted together, and a score that rises with each of its components.
@Suite("Perpetrator list rules")
struct PerpetratorRulesTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let day = 86_400.0

    /// `n` incidents by `suspect` against the victims given in turn, `daysAgo` each, crimes or not.
    static func incidents(
        _ suspect: String, victims: [String], count n: Int, daysAgo: Double = 10, crime: CrimeClassification? = .assaultWithInjury, prefix: String = "i"
    ) -> [DAIncidentFacts] {
        (0..<n).map { k in
            DAIncidentFacts(
                id: "\(prefix)\(suspect)\(k)", occurredAt: now.addingTimeInterval(-(daysAgo + Double(k)) * day), isCrime: crime != nil,
                classification: crime, postcode: "PR1 1AA", victimIDs: [victims[k % victims.count]], suspectIDs: [suspect])
        }
    }

    static func lists(_ facts: [DAIncidentFacts], policy: PerpetratorPolicy = PerpetratorPolicy(), pairs: [(String, String)] = []) -> [String:
        [PerpetratorList]]
    {
        let found = PerpetratorRules.find(facts, clusters: PersonClusters(confirmedPairs: pairs), areas: [], policy: policy, now: now)
        return Dictionary(uniqueKeysWithValues: found.perpetrators.map { ($0.personID, $0.lists) })
    }

    @Test("Rule 24: serial at five DA incidents as suspect, not at four (Lancashire); repeat at two, not at one")
    func rule24SerialAtFiveIncidentsNotFour() {
        let found = Self.lists(
            Self.incidents("four", victims: ["v1"], count: 4, crime: nil) + Self.incidents("five", victims: ["v2"], count: 5, crime: nil)
                + Self.incidents("one", victims: ["v3"], count: 1))
        #expect(found["four"] == [.repeatPerpetrator])
        #expect(found["five"] == [.repeatPerpetrator, .serial])
        #expect(found["one"] == [])
    }

    @Test("Rule 24: serial at recorded crimes against three different victims, not two; incidents with no crime do not count (Lancashire)")
    func rule24SerialAtCrimesAgainstThreeVictims() {
        let found = Self.lists(
            Self.incidents("two", victims: ["a", "b"], count: 2) + Self.incidents("three", victims: ["c", "d", "e"], count: 3)
                + Self.incidents("nocrime", victims: ["f", "g", "h"], count: 3, crime: nil))
        #expect(found["two"] == [.repeatPerpetrator, .manyVictims])
        #expect(found["three"] == [.repeatPerpetrator, .serial, .manyVictims])
        #expect(found["nocrime"] == [.repeatPerpetrator, .manyVictims])
    }

    @Test("Rule 24: a MATAC-style force sets incidents against two or more victims instead")
    func rule24MatacIncidentsAgainstTwoVictims() {
        var policy = PerpetratorPolicy()
        policy.serialVictims = 2
        policy.serialVictimsFrom = .incidents
        let found = Self.lists(
            Self.incidents("two", victims: ["a", "b"], count: 2, crime: nil) + Self.incidents("one", victims: ["c"], count: 2, crime: nil), policy: policy)
        #expect(found["two"]?.contains(.serial) == true)
        #expect(found["one"]?.contains(.serial) == false)
    }

    @Test("Rule 24: the window's edge — an incident on its first day counts, one a day before it does not")
    func rule24WindowEdge() {
        let policy = PerpetratorPolicy()
        let edge = Self.now.addingTimeInterval(-Double(policy.windowDays) * Self.day)
        #expect(PerpetratorRules.inWindow(edge, now: Self.now, policy: policy))
        #expect(!PerpetratorRules.inWindow(edge.addingTimeInterval(-1), now: Self.now, policy: policy))
        // Four recent incidents and a fifth at the edge: serial; with the fifth a day older: not.
        var facts = Self.incidents("s", victims: ["v"], count: 4, crime: nil)
        facts.append(DAIncidentFacts(id: "edge", occurredAt: edge, isCrime: false, classification: nil, postcode: nil, victimIDs: ["v"], suspectIDs: ["s"]))
        #expect(Self.lists(facts, policy: policy)["s"]?.contains(.serial) == true)
        facts[4].occurredAt = edge.addingTimeInterval(-Self.day)
        #expect(Self.lists(facts, policy: policy)["s"]?.contains(.serial) == false)
    }

    @Test("Rule 24: records confirmed to be one man are counted together (three records, chained links), under his lowest record id")
    func rule24ConfirmedRecordsCountedTogether() {
        let facts =
            Self.incidents("s-b", victims: ["v1"], count: 2, crime: nil, prefix: "x")
            + Self.incidents("s-c", victims: ["v2"], count: 2, crime: nil, prefix: "y")
            + Self.incidents("s-a", victims: ["v3"], count: 1, crime: nil, prefix: "z")
        let found = PerpetratorRules.find(
            facts, clusters: PersonClusters(confirmedPairs: [("s-b", "s-c"), ("s-c", "s-a")]), areas: [], policy: PerpetratorPolicy(), now: Self.now)
        #expect(found.perpetrators.count == 1)
        #expect(found.perpetrators.first?.personID == "s-a" && found.perpetrators.first?.recordIDs == ["s-a", "s-b", "s-c"])
        #expect(found.perpetrators.first?.lists == [.repeatPerpetrator, .serial, .manyVictims])
    }

    @Test("Rule 24: one victim harmed by two different perpetrators is on West Mercia's list; by one (on two records of him) she is not")
    func rule24VictimWithManyPerpetrators() {
        let facts =
            Self.incidents("p1", victims: ["v"], count: 1, prefix: "a") + Self.incidents("p2", victims: ["v"], count: 1, prefix: "b")
            + Self.incidents("q1", victims: ["w"], count: 1, prefix: "c") + Self.incidents("q2", victims: ["w"], count: 1, prefix: "d")
        let found = PerpetratorRules.find(
            facts, clusters: PersonClusters(confirmedPairs: [("q1", "q2")]), areas: [], policy: PerpetratorPolicy(), now: Self.now)
        #expect(found.membership[PerpetratorFindings.key("v", .victimManyPerpetrators)] != nil)
        #expect(found.membership[PerpetratorFindings.key("w", .victimManyPerpetrators)] == nil)
    }

    @Test("Rule 24: the harm score rises with each component — more recent, more incidents, graver crimes, more victims")
    func rule24ScoreMonotoneInEachComponent() {
        let weights = HarmWeights()
        func score(days: Double = 10, incidents: Int = 3, gravity: Double = 200, victims: Int = 1) -> Double {
            PerpetratorRules.score(
                latestAt: Self.now.addingTimeInterval(-days * Self.day), incidents: incidents, gravity: gravity, victims: victims, now: Self.now,
                weights: weights
            ).score
        }
        #expect(score(days: 5) > score(days: 10) && score(days: 10) > score(days: 400))
        #expect(score(incidents: 4) > score(incidents: 3))
        #expect(score(gravity: 1825) > score(gravity: 182))
        #expect(score(victims: 3) > score(victims: 2) && score(victims: 2) > score(victims: 1))
        let parts = PerpetratorRules.score(
            latestAt: Self.now.addingTimeInterval(-180 * Self.day), incidents: 2, gravity: 100, victims: 3, now: Self.now, weights: weights)
        // Every component is shown: half-life 180 days, 10 a incident, 0.1 a harm day, ×1.5 a victim beyond the first.
        #expect(parts.daysSinceLatest == 180 && abs(parts.recency - 0.5) < 1e-9 && parts.victimMultiplier == 2.0)
        #expect(abs(parts.score - 0.5 * (20 + 10) * 2.0) < 1e-9)
    }

    @Test("Rule 24: a change of weights re-ranks — the graver offender first by gravity, the more frequent first by frequency")
    func rule24WeightChangeReranks() {
        let facts =
            Self.incidents("grave", victims: ["a"], count: 1, crime: .assaultWithIntent, prefix: "g")
            + Self.incidents("often", victims: ["b"], count: 6, crime: .harassment, prefix: "o")
        var policy = PerpetratorPolicy()
        let byGravity = PerpetratorRules.find(facts, clusters: PersonClusters(confirmedPairs: []), areas: [], policy: policy, now: Self.now)
        #expect(byGravity.perpetrators.map(\.personID) == ["grave", "often"])
        policy.weights.pointsPerHarmDay = 0.001
        let byFrequency = PerpetratorRules.find(facts, clusters: PersonClusters(confirmedPairs: []), areas: [], policy: policy, now: Self.now)
        #expect(byFrequency.perpetrators.map(\.personID) == ["often", "grave"])
        #expect(policy.weights.canonicalJSON != HarmWeights().canonicalJSON)
    }

    @Test("Rule 24: a man goes on a list with the reason and comes off it by rule, with the reason (the window passing him by)")
    func rule24EntersAndLeavesByRule() {
        let policy = PerpetratorPolicy()
        let facts = Self.incidents("s", victims: ["v"], count: 5, crime: nil)
        let clusters = PersonClusters(confirmedPairs: [])
        let first = PerpetratorRules.find(facts, clusters: clusters, areas: [], policy: policy, now: Self.now)
        var counter = 0
        let newID: () -> String = {
            counter += 1
            return "e\(counter)"
        }
        let on = PerpetratorRules.changes(open: [], findings: first, clusters: clusters, policy: policy, now: Self.now, newID: newID)
        #expect(Set(on.entered.map(\.list)) == [.repeatPerpetrator, .serial] && on.left.isEmpty)
        #expect(on.entered.first { $0.list == .serial }?.enteredReason.contains("5 DA incidents as suspect (serial at 5)") == true)
        // Four years on, nothing in the window: he leaves both lists, saying why.
        let later = Self.now.addingTimeInterval(4 * 365 * Self.day)
        let none = PerpetratorRules.find(facts, clusters: clusters, areas: [], policy: policy, now: later)
        let off = PerpetratorRules.changes(open: on.entered, findings: none, clusters: clusters, policy: policy, now: later, newID: newID)
        #expect(off.entered.isEmpty && off.left.count == 2 && off.left.allSatisfy { $0.leftAt == later && $0.leftReason?.contains("No longer") == true })
        // Unchanged, he stays on (no new entry).
        let same = PerpetratorRules.changes(open: on.entered, findings: first, clusters: clusters, policy: policy, now: Self.now, newID: newID)
        #expect(same.entered.isEmpty && same.left.isEmpty)
    }

    @Test("Rule 24: a policy that would list nonsense is refused at start-up")
    func rule24PolicyChecked() throws {
        var policy = ForcePolicy()
        policy.perpetrators.serialIncidents = 1
        policy.perpetrators.weights.harmDays["burglary"] = 30
        do {
            try policy.validate()
            Issue.record("a serial rule of one incident was accepted")
        } catch DomainError.invalid(let errors) {
            #expect(Set(errors.map(\.field)) == ["perpetrators.serialIncidents", "perpetrators.weights.harmDays"])
        }
        let json = #"{"perpetrators": {"serialVictims": 2, "weights": {"harmDays": {"stalking": 300}}}}"#
        let read = try JSONDecoder().decode(ForcePolicy.self, from: Data(json.utf8))
        #expect(read.perpetrators.serialVictims == 2 && read.perpetrators.serialIncidents == 5)
        #expect(read.perpetrators.weights.harmDays["stalking"] == 300 && read.perpetrators.weights.harmDays["sexual_offence"] == 1825)
    }
}
