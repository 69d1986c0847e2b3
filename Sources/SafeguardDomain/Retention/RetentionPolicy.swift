import Foundation

/// How long a force keeps a person's record before someone must look at it again (rule 34; issue 24, part 3), in the
/// spirit of the College of Policing's Management of Police Information (MoPI): a record is reviewed once the person
/// has been clear of police notice for the review period of the gravest group their record falls in, and at each
/// review it is retained with a reason (and reviewed again a period later) or, with a second person's approval,
/// disposed of. Read from the policy file's `retention` object.
public struct RetentionPolicy: Sendable, Equatable, Codable {
    /// The groups, gravest first: a record belongs to the first group any of its parts in an incident matches. The last
    /// group must match every record (a person with no incident at all falls in it).
    public var groups: [RetentionGroup] = RetentionGroup.mopi

    public init() {}
    public init(groups: [RetentionGroup]) { self.groups = groups }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groups = try c.decodeIfPresent([RetentionGroup].self, forKey: .groups) ?? RetentionGroup.mopi
    }

    /// The group a record with these parts falls in: the first that any part matches, else the last (catch-all).
    public func group(for parts: [RetentionFacts.Part]) -> RetentionGroup {
        groups.first { group in parts.contains { group.matches($0) } } ?? groups[groups.count - 1]
    }

    /// The shortest review period: no record is due sooner than this after its person last came to notice.
    public var shortestReviewYears: Int { groups.map(\.reviewYears).min() ?? 1 }

    func problems() -> [FieldError] {
        var errors: [FieldError] = []
        guard let last = groups.last else { return [FieldError("retention.groups", "must list at least one group")] }
        if !last.matchesEverything {
            errors.append(FieldError("retention.groups", "the last group (\(last.key)) must match every record: no parties, crimes or outcomes named"))
        }
        if Set(groups.map(\.key)).count != groups.count { errors.append(FieldError("retention.groups", "each group needs its own key")) }
        for group in groups {
            if group.key.isEmpty || group.key.contains(where: { !($0.isLowercase || $0.isNumber || $0 == "_") }) {
                errors.append(FieldError("retention.groups", "\(group.key): a key is lower_case_with_underscores"))
            }
            if group.title.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError("retention.groups", "\(group.key): needs a title")) }
            if !(1...100).contains(group.reviewYears) { errors.append(FieldError("retention.groups", "\(group.key): reviewYears must be 1 to 100")) }
            if let age = group.keepUntilAge, !(18...130).contains(age) {
                errors.append(FieldError("retention.groups", "\(group.key): keepUntilAge must be 18 to 130, or absent"))
            }
        }
        return errors
    }
}

/// One group of records with the same review period: which parts in which incidents put a record in it (by the
/// person's part, the crime recorded, the outcome reached), how long a clear period before review, and whether a
/// record of it may be disposed of at all before its person reaches an age.
public struct RetentionGroup: Sendable, Equatable, Codable {
    public var key: String
    public var title: String
    /// The person's parts that count (suspect, victim, …); empty: any part.
    public var parties: [PartyRole] = []
    /// True: only recorded crimes; false: only incidents that are not crimes; nil: either.
    public var recordedCrime: Bool? = nil
    /// The crimes that count (by classification); empty: any (or none).
    public var crimes: [CrimeClassification] = []
    /// The outcomes that count (a crime with any of them); empty: whatever the outcome, or none yet.
    public var outcomes: [CrimeOutcome.Kind] = []
    /// Years clear of police notice before review, and between reviews of a record retained.
    public var reviewYears: Int
    /// A record of this group is kept until its person is this old (MoPI group 1: 100): before then it may only be
    /// retained, and a record whose date of birth is not known is never disposed of. Nil: no age rule.
    public var keepUntilAge: Int? = nil

    public init(
        key: String, title: String, parties: [PartyRole] = [], recordedCrime: Bool? = nil, crimes: [CrimeClassification] = [],
        outcomes: [CrimeOutcome.Kind] = [], reviewYears: Int, keepUntilAge: Int? = nil
    ) {
        (self.key, self.title, self.parties, self.recordedCrime, self.crimes) = (key, title, parties, recordedCrime, crimes)
        (self.outcomes, self.reviewYears, self.keepUntilAge) = (outcomes, reviewYears, keepUntilAge)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        title = try c.decode(String.self, forKey: .title)
        parties = try c.decodeIfPresent([PartyRole].self, forKey: .parties) ?? []
        recordedCrime = try c.decodeIfPresent(Bool.self, forKey: .recordedCrime)
        crimes = try c.decodeIfPresent([CrimeClassification].self, forKey: .crimes) ?? []
        outcomes = try c.decodeIfPresent([CrimeOutcome.Kind].self, forKey: .outcomes) ?? []
        reviewYears = try c.decode(Int.self, forKey: .reviewYears)
        keepUntilAge = try c.decodeIfPresent(Int.self, forKey: .keepUntilAge)
    }

    /// Whether one part in one incident puts a record in this group.
    public func matches(_ part: RetentionFacts.Part) -> Bool {
        (parties.isEmpty || parties.contains(part.role))
            && (recordedCrime.map { $0 == part.isCrime } ?? true)
            && (crimes.isEmpty || part.crime.map(crimes.contains) == true)
            && (outcomes.isEmpty || part.outcomes.contains(where: outcomes.contains))
    }

    var matchesEverything: Bool { parties.isEmpty && recordedCrime == nil && crimes.isEmpty && outcomes.isEmpty }

    /// MoPI's groups as a force starts from: the gravest offences kept until the person is 100 and looked at every ten
    /// years; other violent and sexual offences ten years clear; other offences six; victims, witnesses, children and
    /// everyone else six (a force that keeps victims' records longer says so in its policy).
    public static let mopi: [RetentionGroup] = [
        RetentionGroup(
            key: "certain_public_protection", title: "Certain public protection matters (MoPI group 1)", parties: [.suspect], recordedCrime: true,
            crimes: [.assaultWithIntent, .nonFatalStrangulation, .sexualOffence], reviewYears: 10, keepUntilAge: 100),
        RetentionGroup(
            key: "violent_or_serious", title: "Other violent, sexual or serious offences (MoPI group 2)", parties: [.suspect], recordedCrime: true,
            crimes: [.assaultWithInjury, .assaultWithoutInjury, .stalking, .coerciveControl, .harassment], reviewYears: 10),
        RetentionGroup(key: "other_offences", title: "All other offences (MoPI group 3)", parties: [.suspect], recordedCrime: true, reviewYears: 6),
        RetentionGroup(key: "other_records", title: "Victims, witnesses, children and incidents that were not crimes", reviewYears: 6)
    ]
}
