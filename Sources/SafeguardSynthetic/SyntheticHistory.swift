import Foundation
import SafeguardDomain

/// A force's past as `safeguard import history` reads it: victims' stories over the years — incidents (some crimes,
/// some not), arrests, outcomes, the risk level an officer set, cases closed when things went quiet and reopened when
/// they did not — as JSON lines in no particular order. The same seed gives the same file.
public struct SyntheticHistory: Sendable {
    /// Whom the stories are about.
    public enum People: Sendable {
        /// New people, written as person lines first (the demo's migrated slice), with ids starting `prefix`.
        case invent(prefix: String)
        /// Record ids already loaded from the people file (the migration bench).
        case existing([String])
    }

    public var incidents: Int
    public var years: Int
    public var seed: UInt64
    public var endDate: Date
    public var people: People

    public init(incidents: Int, years: Int, seed: UInt64, endDate: Date, people: People) {
        self.incidents = incidents
        self.years = max(1, years)
        self.seed = seed
        self.endDate = endDate
        self.people = people
    }

    /// What was written.
    public struct Counts: Sendable {
        public var lines = 0, people = 0, incidents = 0, arrests = 0, outcomes = 0, levels = 0, closures = 0
    }

    /// Writes every line through `emit`, story by story (each story's lines shuffled, so order never helps).
    public func write(_ emit: (String) throws -> Void) throws -> Counts {
        var rng = SeededGenerator(seed: seed ^ 0x4157_0421)
        var counts = Counts()
        let end = endDate.timeIntervalSince1970 - 3600
        let start = end - Double(years) * 365.25 * 86_400
        var story = 0
        func line(_ fields: [String: Any]) -> String {
            String(decoding: (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        func time(_ seconds: Double) -> String { formatter.string(from: Date(timeIntervalSince1970: seconds)) }
        while counts.incidents < incidents {
            story += 1
            var lines: [String] = []
            let town = SyntheticNames.towns[rng.index(weights: SyntheticNames.towns.map { Double($0.weight) })]
            let district = town.firstDistrict + rng.int(below: town.districts)
            let postcode =
                "\(town.postcodeArea)\(district) \(rng.int(in: 1...9))\(rng.pick(SyntheticNames.postcodeUnitLetters))\(rng.pick(SyntheticNames.postcodeUnitLetters))"
            let street = "\(rng.int(in: 1...180)) \(rng.pick(SyntheticNames.streetNames)) \(rng.pick(SyntheticNames.streetTypes))"
            let victim: String, suspect: String
            switch people {
            case .invent(let prefix):
                victim = "\(prefix)V\(story)"
                suspect = "\(prefix)S\(story)"
                let surname = rng.pick(SyntheticNames.britishSurnames)
                let birthYear = Calendar.current.component(.year, from: endDate) - rng.int(in: 19...64)
                lines.append(
                    line([
                        "type": "person", "record_id": victim, "first_name": rng.pick(SyntheticNames.femaleFirstNames), "surname": surname,
                        "sex": rng.pick(["F", "Female", "f"]),
                        "date_of_birth": String(format: "%04d-%02d-%02d", birthYear, rng.int(in: 1...12), rng.int(in: 1...28)),
                        "postcode": postcode, "address_line": street, "ethnicity": rng.pick(["W1", "W1", "W1", "W9", "A2", "B2", "M1", "Not stated", ""])
                    ]))
                lines.append(
                    line([
                        "type": "person", "record_id": suspect, "first_name": rng.pick(SyntheticNames.maleFirstNames),
                        "surname": rng.chance(0.6) ? surname : rng.pick(SyntheticNames.britishSurnames), "sex": rng.pick(["M", "Male", "m"]),
                        "date_of_birth": String(format: "%04d-%02d-%02d", birthYear - rng.int(in: -3...8), rng.int(in: 1...12), rng.int(in: 1...28))
                    ]))
                counts.people += 2
            case .existing(let ids):
                guard ids.count >= 2 else { return counts }
                victim = ids[rng.int(below: ids.count)]
                var other = ids[rng.int(below: ids.count)]
                if other == victim { other = ids[(ids.firstIndex(of: victim)! + 1) % ids.count] }
                suspect = other
            }
            // How often she is heard from: most once, a third more often, a few many times.
            let count = min(incidents - counts.incidents, [1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8][rng.int(below: 14)])
            var at = start + Double(rng.int(below: Int(end - start)))
            var level: RiskLevel?
            var caseOpen = false
            let relationship = rng.pick([
                "intimate_partner", "intimate_partner", "intimate_partner", "ex_partner", "ex_partner", "parent_of_child", "other_family"
            ])
            for index in 0..<count {
                if at >= end { break }
                let ref = "H\(seed % 1000)-\(story)-\(index + 1)"
                let crime: String? =
                    rng.chance(0.5)
                    ? rng.pick([
                        "assault_without_injury", "assault_without_injury", "assault_with_injury", "harassment", "coercive_control", "criminal_damage",
                        "stalking", "non_fatal_strangulation", "sexual_offence", "assault_with_intent", "other"
                    ]) : nil
                var fields: [String: Any] = [
                    "type": "incident", "ref": ref, "at": time(at), "victim": victim, "suspect": suspect, "relationship": relationship,
                    "channel": rng.pick(["999", "999", "101", "101", "front_counter", "online", "partner_agency"]),
                    "abuse_types": [rng.pick(["physical", "threatening", "emotional", "coercive_control", "economic", "stalking"])],
                    "address_line": street, "postcode": postcode
                ]
                if let crime { fields["crime"] = crime }
                lines.append(line(fields))
                counts.incidents += 1
                if crime != nil, rng.chance(0.45) {
                    let arrested = at + Double(rng.int(in: 1...6)) * 3600
                    if arrested < end {
                        lines.append(line(["type": "arrest", "incident": ref, "at": time(arrested)]))
                        counts.arrests += 1
                        let decided = arrested + Double(rng.int(in: 14...120)) * 86_400
                        if rng.chance(0.7), decided < end {
                            let outcome = rng.pick(["charge", "charge", "police_nfa", "cps_nfa", "caution", "conviction", "community_resolution"])
                            lines.append(line(["type": "outcome", "incident": ref, "outcome": outcome, "at": time(decided)]))
                            counts.outcomes += 1
                        }
                    }
                }
                // The officer's level the next day: on a new case, or a raise after a repeat.
                let assessed = at + 86_400
                if assessed < end, !caseOpen || (level != .high && rng.chance(0.3)) {
                    let next: RiskLevel =
                        caseOpen ? (level == .medium ? .high : .medium) : [RiskLevel.standard, .standard, .standard, .medium, .medium, .high][rng.int(below: 6)]
                    lines.append(line(["type": "risk_level", "victim": victim, "level": next.rawValue, "at": time(assessed)]))
                    counts.levels += 1
                    level = next
                }
                caseOpen = true
                // The gap to her next call; when it is long the case is closed in between, as quiet months allow.
                let gap = Double(rng.int(in: 2...300)) * 86_400
                let closing = at + Double(rng.int(in: 60...150)) * 86_400
                if index == count - 1 || gap > 200 * 86_400, closing < end, closing < at + gap, rng.chance(0.85) {
                    lines.append(line(["type": "case_closed", "victim": victim, "at": time(closing), "reason": "No further incidents; she is supported"]))
                    counts.closures += 1
                    caseOpen = false
                    level = nil
                }
                at += gap
            }
            lines.shuffle(using: &rng)
            for text in lines { try emit(text) }
            counts.lines += lines.count
        }
        return counts
    }
}
