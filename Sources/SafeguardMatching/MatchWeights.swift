import Foundation

/// Fellegi–Sunter weights: for each field and level of agreement, log2(m / u), where m is how often the level is
/// seen when two records are the same person and u how often when they are not. The values are documented, with
/// how they were set, in `docs/matching.md`; the sum of a pair's weights plus `priorLogOdds` is the log-odds
/// that the pair is one person.
public struct MatchWeights: Sendable, Equatable {
    public var firstName: [NameLevel: Double] = [.exact: 5.5, .variant: 4.5, .typo: 3.5, .phonetic: 3.0, .initial: 0.5, .different: -6.0]
    public var surname: [NameLevel: Double] = [.exact: 8.5, .otherName: 7.5, .typo: 6.0, .phonetic: 5.5, .part: 5.0, .different: -2.5]
    public var dateOfBirth: [DateOfBirthAgreement: Double] = [.exact: 11.0, .dayMonthSwapped: 7.5, .oneDigitOff: 5.0, .sameYear: -4.0, .different: -7.0]
    public var phone: (agree: Double, disagree: Double) = (11.0, -2.0)
    public var postcode: (agree: Double, sector: Double, disagree: Double) = (6.0, 1.5, -3.5)
    /// Postcode agreement when the surname agrees too. Families share both, so the pair is far weaker evidence
    /// than the two weights summed (the independence Fellegi–Sunter assumes does not hold within a household).
    public var postcodeWithSurname: Double = 2.0
    /// Postcode agreement when the whole name agrees, give or take one slip or a short form. Household members rarely
    /// share a first name, so the family explanation falls away and the pair is stronger evidence than the postcode
    /// alone (fitted on 1,000,000 generated records: m 0.57, u 0.00017, 11.7 bits; see docs/matching.md). This links
    /// the duplicates whose date of birth was never recorded (same name, same address). Not when the dates of birth
    /// disagree: that is a parent and the child named after them, and `postcodeWithSurname` applies.
    public var postcodeWithFullName: Double = 10.0
    public var email: (agree: Double, disagree: Double) = (10.0, -0.5)
    public var sex: (agree: Double, disagree: Double) = (0.3, -5.0)
    /// log2 of the prior odds that a candidate found by blocking is the person sought.
    public var priorLogOdds: Double = -13.0

    public init() {}

    /// For a caller's description against a record, rather than one record against another. People ring from a
    /// friend's house and on borrowed or new phones, so a phone or postcode that differs from the record says far
    /// less than it does between two records (where it means a move or a new phone, and the fit gives −3.6 and −2.0).
    ///
    /// The prior is lower than between two records: a caller is one person among all those on record, not one of
    /// a pair the clean-up's blocks already brought together. With −13, a whole name and nothing else read as 67%
    /// likely, when at 1,000,000 records a dozen or more people share most names; and 2.5% of never-seen callers
    /// (2,000 looked up) were proposed as someone — a stranger of one name with a date of birth one digit out. With
    /// −16 the same stranger scores 89%, under the proposal line, while the order of candidates is unchanged (the
    /// prior is added to every score alike); the force policy's show line moves down with it (0.2 → 0.03), so the
    /// same candidates are shown. Only the initial agreeing is weaker evidence from a caller (−1, the fit between
    /// records says −2): twins and siblings share surname and initial, and Katie is not Kerry.
    public static let caller: MatchWeights = {
        var weights = MatchWeights()
        weights.phone.disagree = -1.0
        weights.postcode.disagree = -1.0
        weights.priorLogOdds = -16.0
        weights.firstName[.initial] = -1.0
        return weights
    }()

    public static func == (a: MatchWeights, b: MatchWeights) -> Bool {
        a.firstName == b.firstName && a.surname == b.surname && a.dateOfBirth == b.dateOfBirth && a.priorLogOdds == b.priorLogOdds
            && a.phone == b.phone && a.postcode == b.postcode && a.postcodeWithFullName == b.postcodeWithFullName && a.email == b.email && a.sex == b.sex
    }
}

/// How two names agree, best first: the order is also how the scorer ranks agreements (`ordinal`).
public enum NameLevel: String, Sendable, CaseIterable, Codable {
    case exact
    /// The surname is one the other record also held (a previous or maiden name).
    case otherName = "other_name"
    /// A short form or nickname of the other (Kate / Katherine).
    case variant
    /// One letter dropped, added, changed or two swapped.
    case typo
    /// Spelt differently but sounds the same.
    case phonetic
    /// One part of a double-barrelled name (Smith / Smith-Jones).
    case part
    /// Only the initial agrees.
    case initial
    case different
    case missing
}

extension NameLevel {
    /// Position in `allCases` — best agreement first — for the scorer's weight arrays and its ranking of
    /// agreements (a switch: this is read for every pair scored).
    var ordinal: Int {
        switch self {
        case .exact: 0
        case .otherName: 1
        case .variant: 2
        case .typo: 3
        case .phonetic: 4
        case .part: 5
        case .initial: 6
        case .different: 7
        case .missing: 8
        }
    }
}

extension DateOfBirthAgreement {
    /// Position in `allCases`, for the scorer's weight arrays.
    var ordinal: Int {
        switch self {
        case .exact: 0
        case .dayMonthSwapped: 1
        case .oneDigitOff: 2
        case .sameYear: 3
        case .missing: 4
        case .different: 5
        }
    }
}
