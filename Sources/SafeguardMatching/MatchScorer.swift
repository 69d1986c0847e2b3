import Foundation

/// One candidate's score against a query: the probability it is the same person and the reasons, in words.
public struct MatchScore: Sendable, Equatable {
    public var personID: String
    /// Sum of field weights plus the prior: log2 odds of being the same person.
    public var logOdds: Double
    /// The match probability, 0…1.
    public var probability: Double
    /// Why, field by field, in words a call handler can read.
    public var reasons: [String]
}

/// How a query and a candidate agree, field by field: levels only, no text, so the batch clean-up can work it out for
/// tens of millions of pairs and put words to the few that matter. `nil` where either side has nothing to compare.
public struct Agreement: Sendable, Hashable {
    public enum Postcode: String, Sendable, Hashable { case same, sector, different }
    public var first: NameLevel
    public var last: NameLevel
    public var dateOfBirth: DateOfBirthAgreement
    public var phone: Bool?
    public var email: Bool?
    public var postcode: Postcode?
    public var sexAgrees: Bool?
}

/// Compares a query with a candidate field by field and sums the Fellegi–Sunter weights.
public struct MatchScorer: Sendable {
    public let weights: MatchWeights
    public let givenNames: GivenNames
    /// The weights by level, in arrays: looked up for every pair the clean-up scores.
    private let firstNameWeight: [Double?]
    private let surnameWeight: [Double?]
    private let dateWeight: [Double?]

    /// The scorer for a caller's description against a record (`MatchWeights.caller`): what lookups use, in one place.
    public static let caller = MatchScorer(weights: .caller)

    public init(weights: MatchWeights = MatchWeights(), givenNames: GivenNames = .standard) {
        self.weights = weights
        self.givenNames = givenNames
        firstNameWeight = NameLevel.allCases.map { weights.firstName[$0] }
        surnameWeight = NameLevel.allCases.map { weights.surname[$0] }
        dateWeight = DateOfBirthAgreement.allCases.map { weights.dateOfBirth[$0] }
    }

    public func score(_ query: MatchRecord, against candidate: MatchRecord) -> MatchScore {
        let agreement = agreement(query, candidate)
        let total = logOdds(agreement)
        let probability = 1 / (1 + pow(2, -total))
        return MatchScore(personID: candidate.personID, logOdds: total, probability: probability, reasons: reasons(agreement, query, candidate))
    }

    /// The log-odds alone, without the reasons' text: for the clean-up, which words only the pairs it proposes.
    public func logOdds(_ query: MatchRecord, against candidate: MatchRecord) -> Double {
        logOdds(agreement(query, candidate))
    }

    public func agreement(_ query: MatchRecord, _ candidate: MatchRecord) -> Agreement {
        let first = firstNameLevel(query, candidate)
        let last = surnameLevel(query, candidate)
        var postcode: Agreement.Postcode?
        if !query.postcodes.isEmpty && !candidate.postcodes.isEmpty {
            if Self.shareAny(query.postcodes, candidate.postcodes) {
                postcode = .same
            } else if query.postcodes.contains(where: { q in candidate.postcodes.contains { Self.sameSector(q, $0) } }) {
                postcode = .sector
            } else {
                postcode = .different
            }
        }
        return Agreement(
            first: first, last: last, dateOfBirth: DateOfBirthAgreement.compare(query.dateOfBirth, candidate.dateOfBirth),
            phone: query.phones.isEmpty || candidate.phones.isEmpty ? nil : Self.shareAny(query.phones, candidate.phones),
            email: query.emails.isEmpty || candidate.emails.isEmpty ? nil : Self.shareAny(query.emails, candidate.emails),
            postcode: postcode,
            sexAgrees: query.sex.flatMap { a in candidate.sex.map { a == $0 } })
    }

    func logOdds(_ a: Agreement) -> Double {
        var total = weights.priorLogOdds
        total += firstNameWeight[a.first.ordinal] ?? 0
        total += surnameWeight[a.last.ordinal] ?? 0
        total += dateWeight[a.dateOfBirth.ordinal] ?? 0
        if let phone = a.phone { total += phone ? weights.phone.agree : weights.phone.disagree }
        if let email = a.email { total += email ? weights.email.agree : weights.email.disagree }
        switch a.postcode {
        case .same?:
            let sameSurname = a.last == .exact || a.last == .otherName
            // The whole name, give or take one slip in either part: a household rarely holds two people of one name,
            // unless a parent named a child after themselves — and then their dates of birth differ.
            let datesConflict = a.dateOfBirth == .different || a.dateOfBirth == .sameYear
            let sameFullName = !datesConflict && (sameSurname || a.last == .typo) && (a.first == .exact || a.first == .variant || a.first == .typo)
            total += sameFullName ? weights.postcodeWithFullName : (sameSurname ? weights.postcodeWithSurname : weights.postcode.agree)
        case .sector?: total += weights.postcode.sector
        case .different?: total += weights.postcode.disagree
        case nil: break
        }
        if let sex = a.sexAgrees { total += sex ? weights.sex.agree : weights.sex.disagree }
        return total
    }

    /// Why, in words a call handler can read, in the order they matter to her.
    func reasons(_ a: Agreement, _ query: MatchRecord, _ candidate: MatchRecord) -> [String] {
        var reasons: [String] = []
        if weights.firstName[a.first] != nil {
            switch a.first {
            case .exact: reasons.append("same first name")
            case .variant:
                reasons.append("first name is a short form or nickname of the other (\(query.firstNames.first ?? "") / \(candidate.firstNames.first ?? ""))")
            case .typo: reasons.append("first name spelt one letter differently")
            case .phonetic: reasons.append("first name sounds the same")
            case .initial: reasons.append("only the first initial agrees")
            default: reasons.append("first name differs")
            }
        }
        if weights.surname[a.last] != nil {
            switch a.last {
            case .exact: reasons.append("same surname")
            case .otherName: reasons.append("surname matches a previous or other name on the record — possible change of name")
            case .typo: reasons.append("surname spelt one letter differently")
            case .phonetic: reasons.append("surname sounds the same, spelt differently")
            case .part: reasons.append("surname is part of a double-barrelled name")
            default: reasons.append("surname differs — possible change of name")
            }
        }
        if weights.dateOfBirth[a.dateOfBirth] != nil {
            switch a.dateOfBirth {
            case .exact: reasons.append("same date of birth")
            case .dayMonthSwapped: reasons.append("date of birth with day and month swapped")
            case .oneDigitOff: reasons.append("date of birth one digit different")
            case .sameYear: reasons.append("same year of birth, different day or month")
            default: reasons.append("different date of birth")
            }
        }
        if a.phone == true { reasons.insert("same phone number", at: 0) }
        if a.email == true { reasons.insert("same email address", at: 0) }
        switch a.postcode {
        case .same?: reasons.append("same postcode (now or before)")
        case .sector?: reasons.append("postcode in the same neighbourhood")
        case .different?: reasons.append("different postcode — may have moved")
        case nil: break
        }
        if a.sexAgrees == false { reasons.append("recorded sex differs") }
        return reasons
    }

    /// Whether two short lists share a value (no set built: these lists hold one to three items).
    private static func shareAny(_ a: [String], _ b: [String]) -> Bool {
        a.contains { b.contains($0) }
    }

    /// The same postcode sector: all but the last two characters agree (NB1 4XY / NB1 4AB).
    private static func sameSector(_ a: String, _ b: String) -> Bool {
        a.utf8.count > 2 && a.utf8.count == b.utf8.count && a.utf8.dropLast(2).elementsEqual(b.utf8.dropLast(2))
    }

    /// Scores every candidate and returns the best first (ties broken by id, so results are repeatable).
    public func rank(_ query: MatchRecord, against candidates: [MatchRecord], minimumProbability: Double, limit: Int) -> [MatchScore] {
        rank(query, against: candidates, minimumProbability: minimumProbability, limit: limit, deadline: nil).scores
    }

    /// Scored candidates, best first, and whether scoring stopped at the deadline before every candidate was scored.
    public struct Ranking: Sendable {
        public var scores: [MatchScore]
        public var cutShort: Bool
    }

    /// As `rank`, but scoring stops at `deadline` (checked every 64 candidates) and ranks what was scored by then:
    /// a lookup answers in its time budget whatever the candidates cost.
    public func rank(
        _ query: MatchRecord, against candidates: [MatchRecord], minimumProbability: Double, limit: Int,
        deadline: ContinuousClock.Instant?
    ) -> Ranking {
        var scores: [MatchScore] = []
        var cutShort = false
        for (index, candidate) in candidates.enumerated() {
            if let deadline, index % 64 == 63, ContinuousClock.now >= deadline {
                cutShort = true
                break
            }
            let scored = score(query, against: candidate)
            if scored.probability >= minimumProbability { scores.append(scored) }
        }
        let ordered = scores.sorted { a, b in
            if a.logOdds != b.logOdds { return a.logOdds > b.logOdds }
            return a.personID < b.personID
        }
        return Ranking(scores: Array(ordered.prefix(limit)), cutShort: cutShort)
    }

    /// The best agreement between any given name of the query and any of the candidate's.
    func firstNameLevel(_ query: MatchRecord, _ candidate: MatchRecord) -> NameLevel {
        let a = query.firstNames, b = candidate.firstNames
        guard !a.isEmpty, !b.isEmpty else { return .missing }
        var best = NameLevel.different
        for (i, x) in a.enumerated() {
            for (j, y) in b.enumerated() {
                let level: NameLevel
                if x == y {
                    level = .exact
                } else if givenNames.areVariantKeys(x, y) {
                    level = .variant
                } else if Self.withinOneEdit(x, y) {
                    level = .typo
                }
                // NYSIIS is a surname code: on first names it also joins Joanne and James (JAN). Two edits at most.
                else if query.firstNameSounds[i] == candidate.firstNameSounds[j] && Self.withinTwoEdits(x, y) {
                    level = .phonetic
                } else if x.first == y.first {
                    level = .initial
                } else {
                    level = .different
                }
                if level.ordinal < best.ordinal { best = level }
            }
        }
        return best
    }

    /// The best agreement between the query's surnames and the candidate's, current or previous.
    func surnameLevel(_ query: MatchRecord, _ candidate: MatchRecord) -> NameLevel {
        let a = query.surnames, b = candidate.surnames
        guard let current = a.first, let theirs = b.first else { return .missing }
        if current == theirs { return .exact }
        if b.contains(current) || a.contains(theirs) { return .otherName }
        var best = NameLevel.different
        for (i, x) in a.enumerated() {
            for (j, y) in b.enumerated() {
                let level: NameLevel
                // A slip in a name of four letters or more, a letter dropped from one included ("Kng" for King); one
                // letter changed in a three-letter name makes another name (Lee, Lea).
                let (short, long) = (min(x.utf8.count, y.utf8.count), max(x.utf8.count, y.utf8.count))
                if (short >= 4 || (long == 4 && short == 3)) && Self.withinOneEdit(x, y) {
                    level = .typo
                } else if query.surnameSounds[i] == candidate.surnameSounds[j] {
                    level = .phonetic
                } else if x.count >= 3 && y.count >= 3 && (x.hasPrefix(y) || x.hasSuffix(y) || y.hasPrefix(x) || y.hasSuffix(x)) {
                    level = .part
                } else {
                    level = .different
                }
                if level.ordinal < best.ordinal { best = level }
            }
        }
        return best
    }

    /// At most two insertions, deletions, substitutions or swaps of adjacent letters apart (optimal string
    /// alignment distance). Only reached for first names that already sound alike, so its cost does not matter.
    static func withinTwoEdits(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        if abs(x.count - y.count) > 2 { return false }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in stride(from: 1, through: x.count, by: 1) {
            for j in stride(from: 1, through: y.count, by: 1) {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count] <= 2
    }

    /// One insertion, deletion, substitution or swap of adjacent letters apart (Damerau).
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x == y { return true }
        if abs(x.count - y.count) > 1 { return false }
        if x.count == y.count {
            let diffs = (0..<x.count).filter { x[$0] != y[$0] }
            if diffs.count == 1 { return true }
            return diffs.count == 2 && diffs[1] == diffs[0] + 1 && x[diffs[0]] == y[diffs[1]] && x[diffs[1]] == y[diffs[0]]
        }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        var i = 0, j = 0, skipped = false
        while i < short.count && j < long.count {
            if short[i] == long[j] {
                i += 1; j += 1
            } else {
                if skipped { return false }
                skipped = true
                j += 1
            }
        }
        return true
    }
}
