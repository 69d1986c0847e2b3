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

/// Compares a query with a candidate field by field and sums the Fellegi–Sunter weights.
public struct MatchScorer: Sendable {
    public let weights: MatchWeights
    public let givenNames: GivenNames

    public init(weights: MatchWeights = MatchWeights(), givenNames: GivenNames = .standard) {
        self.weights = weights
        self.givenNames = givenNames
    }

    public func score(_ query: MatchRecord, against candidate: MatchRecord) -> MatchScore {
        var total = weights.priorLogOdds
        var reasons: [String] = []

        let first = firstNameLevel(query, candidate)
        if let weight = weights.firstName[first] {
            total += weight
            switch first {
            case .exact: reasons.append("same first name")
            case .variant: reasons.append("first name is a short form or nickname of the other (\(query.firstNames.first ?? "") / \(candidate.firstNames.first ?? ""))")
            case .typo: reasons.append("first name spelt one letter differently")
            case .phonetic: reasons.append("first name sounds the same")
            case .initial: reasons.append("only the first initial agrees")
            default: reasons.append("first name differs")
            }
        }

        let last = surnameLevel(query, candidate)
        if let weight = weights.surname[last] {
            total += weight
            switch last {
            case .exact: reasons.append("same surname")
            case .otherName: reasons.append("surname matches a previous or other name on the record — possible change of name")
            case .typo: reasons.append("surname spelt one letter differently")
            case .phonetic: reasons.append("surname sounds the same, spelt differently")
            case .part: reasons.append("surname is part of a double-barrelled name")
            default: reasons.append("surname differs — possible change of name")
            }
        }

        let dob = DateOfBirthAgreement.compare(query.dateOfBirth, candidate.dateOfBirth)
        if let weight = weights.dateOfBirth[dob] {
            total += weight
            switch dob {
            case .exact: reasons.append("same date of birth")
            case .dayMonthSwapped: reasons.append("date of birth with day and month swapped")
            case .oneDigitOff: reasons.append("date of birth one digit different")
            case .sameYear: reasons.append("same year of birth, different day or month")
            default: reasons.append("different date of birth")
            }
        }

        if !query.phones.isEmpty && !candidate.phones.isEmpty {
            if !Set(query.phones).isDisjoint(with: candidate.phones) {
                total += weights.phone.agree
                reasons.insert("same phone number", at: 0)
            } else {
                total += weights.phone.disagree
            }
        }
        if !query.emails.isEmpty && !candidate.emails.isEmpty {
            if !Set(query.emails).isDisjoint(with: candidate.emails) {
                total += weights.email.agree
                reasons.insert("same email address", at: 0)
            } else {
                total += weights.email.disagree
            }
        }
        if !query.postcodes.isEmpty && !candidate.postcodes.isEmpty {
            if !Set(query.postcodes).isDisjoint(with: candidate.postcodes) {
                let sameSurname = last == .exact || last == .otherName
                let sameFirstName = first == .exact || first == .variant || first == .typo
                total += sameSurname ? (sameFirstName ? weights.postcodeWithFullName : weights.postcodeWithSurname) : weights.postcode.agree
                reasons.append("same postcode (now or before)")
            } else if !Set(query.postcodes.map(sector)).isDisjoint(with: candidate.postcodes.map(sector)) {
                total += weights.postcode.sector
                reasons.append("postcode in the same neighbourhood")
            } else {
                total += weights.postcode.disagree
                reasons.append("different postcode — may have moved")
            }
        }
        if let a = query.sex, let b = candidate.sex {
            total += a == b ? weights.sex.agree : weights.sex.disagree
            if a != b { reasons.append("recorded sex differs") }
        }
        let probability = 1 / (1 + pow(2, -total))
        return MatchScore(personID: candidate.personID, logOdds: total, probability: probability, reasons: reasons)
    }

    /// Scores every candidate and returns the best first (ties broken by id, so results are repeatable).
    public func rank(_ query: MatchRecord, against candidates: [MatchRecord], minimumProbability: Double, limit: Int) -> [MatchScore] {
        let scores: [MatchScore] = candidates.map { score(query, against: $0) }.filter { $0.probability >= minimumProbability }
        let ordered = scores.sorted { a, b in
            if a.logOdds != b.logOdds { return a.logOdds > b.logOdds }
            return a.personID < b.personID
        }
        return Array(ordered.prefix(limit))
    }

    private func sector(_ postcode: String) -> String { String(postcode.dropLast(2)) }

    /// The best agreement between any given name of the query and any of the candidate's.
    func firstNameLevel(_ query: MatchRecord, _ candidate: MatchRecord) -> NameLevel {
        let a = query.firstNames, b = candidate.firstNames
        guard !a.isEmpty, !b.isEmpty else { return .missing }
        var best = NameLevel.different
        for (i, x) in a.enumerated() {
            for (j, y) in b.enumerated() {
                let level: NameLevel
                if x == y { level = .exact }
                else if givenNames.areVariants(x, y) { level = .variant }
                else if Self.withinOneEdit(x, y) { level = .typo }
                else if query.firstNameSounds[i] == candidate.firstNameSounds[j] { level = .phonetic }
                else if x.first == y.first { level = .initial }
                else { level = .different }
                if Self.rank(level) < Self.rank(best) { best = level }
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
                if Self.withinOneEdit(x, y) && min(x.utf8.count, y.utf8.count) >= 4 { level = .typo }
                else if query.surnameSounds[i] == candidate.surnameSounds[j] { level = .phonetic }
                else if x.count >= 3 && y.count >= 3 && (x.hasPrefix(y) || x.hasSuffix(y) || y.hasPrefix(x) || y.hasSuffix(x)) { level = .part }
                else { level = .different }
                if Self.rank(level) < Self.rank(best) { best = level }
            }
        }
        return best
    }

    private static func rank(_ level: NameLevel) -> Int {
        [.exact, .otherName, .variant, .typo, .phonetic, .part, .initial, .different, .missing].firstIndex(of: level) ?? 99
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
            if short[i] == long[j] { i += 1; j += 1 } else {
                if skipped { return false }
                skipped = true
                j += 1
            }
        }
        return true
    }
}
