import Foundation

/// Blocking keys: short strings two records share when they might be the same person, so candidates come from
/// an index lookup instead of comparing a caller with every record. Each key survives a different kind of error:
///
/// | key | survives |
/// |---|---|
/// | `p:` phone | any change of name or address |
/// | `e:` email | the same |
/// | `n:` surname sound + given-name group | misspelt surname, nickname, moved, new phone, no date of birth |
/// | `f:` given-name group + date of birth | changed surname (marriage, maiden name) |
/// | `y:` surname sound + birth year | date of birth with a wrong day or month |
/// | `s:` postcode + surname sound | nickname not in our groups, no date of birth |
/// | `a:` postcode + given-name group | changed surname at the same address |
/// | `i:` postcode + both initials | typos in both names at the same address |
/// | `t:` surname sound + first initial | misspelt or unusual given name, no date of birth |
public struct BlockingKeys: Sendable {
    public let givenNames: GivenNames

    public init(givenNames: GivenNames = .standard) { self.givenNames = givenNames }

    /// What the stored keys were made with: bump `version` whenever the keys a record gets change in code; the
    /// given-name groups' own fingerprint covers changes to the data file. A database whose index was built with
    /// another fingerprint has it rebuilt when it is opened (`Migrator.migrate`), or lookups would miss.
    public static let version = 1
    public static var indexFingerprint: String { "keys\(version)-namekey\(NameKey.version)-names-\(GivenNames.standard.fingerprint)" }

    /// Keys that cast a wide net (postcode or initial based): worth reading for a caller on the phone, where a
    /// miss is costly, but too broad for the batch clean-up, where they multiply the pairs to score and the
    /// false proposals. Lookups read fewer records from each (`perKey(_:)`).
    public static func isBroad(_ key: String) -> Bool {
        key.hasPrefix("t:") || key.hasPrefix("s:") || key.hasPrefix("a:") || key.hasPrefix("i:")
    }

    /// How many records a lookup reads under one key.
    public static func perKey(_ key: String) -> Int { isBroad(key) ? 50 : 200 }

    /// Every key of a record (stored in the index).
    public func keys(for record: MatchRecord) -> [String] {
        keys(record, swappedDates: false)
    }

    /// Every key to look up for a query. A query also looks under its date with day and month swapped.
    public func queryKeys(for record: MatchRecord) -> [String] {
        keys(record, swappedDates: true)
    }

    /// Keys for a query whose typed names may each be one slip from a name on record: the query's narrow keys again
    /// with each known correction in place of the name typed (`corrections`: typed name key → known names one slip
    /// away), leaving out the keys already looked up. The broad keys are not repeated: a guess at a name is not
    /// worth fifty records a key.
    public func correctionKeys(for query: MatchRecord, corrections: [String: [String]], except already: Set<String>) -> [String] {
        var keys: [String] = []
        func add(_ record: MatchRecord) {
            for key in queryKeys(for: record) where !Self.isBroad(key) && !already.contains(key) && !keys.contains(key) { keys.append(key) }
        }
        for first in query.firstNames {
            for known in corrections[first] ?? [] {
                add(
                    MatchRecord(
                        firstNames: [known], surnames: query.surnames, dateOfBirth: query.dateOfBirth, sex: query.sex,
                        phones: query.phones, postcodes: query.postcodes, emails: query.emails))
            }
        }
        for surname in query.surnames {
            for known in corrections[surname] ?? [] {
                add(
                    MatchRecord(
                        firstNames: query.firstNames, surnames: [known], dateOfBirth: query.dateOfBirth, sex: query.sex,
                        phones: query.phones, postcodes: query.postcodes, emails: query.emails))
            }
        }
        return keys
    }

    private func keys(_ record: MatchRecord, swappedDates: Bool) -> [String] {
        var keys: [String] = []
        func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
        for phone in record.phones { add("p:" + phone) }
        for email in record.emails { add("e:" + email) }
        let sounds = record.surnameSounds.filter { !$0.isEmpty }
        let groups = record.firstNames.flatMap(givenNames.groupKeys).filter { !$0.isEmpty }
        var dates: [String] = []
        if let dob = record.dateOfBirth {
            dates.append(dob)
            if swappedDates, let swapped = DateOfBirthAgreement.swapped(dob) { dates.append(swapped) }
        }
        for sound in sounds {
            for group in groups { add("n:\(sound):\(group)") }
            if let year = record.dateOfBirth?.prefix(4) { add("y:\(sound):\(year)") }
            for postcode in record.postcodes { add("s:\(postcode):\(sound)") }
        }
        for group in groups {
            for date in dates { add("f:\(group):\(date)") }
            for postcode in record.postcodes { add("a:\(postcode):\(group)") }
        }
        for sound in sounds {
            for initial in Set(record.firstNames.compactMap(\.first)) { add("t:\(sound):\(initial)") }
        }
        for first in record.firstNames.compactMap(\.first) {
            for last in record.surnames.compactMap(\.first) {
                for postcode in record.postcodes { add("i:\(postcode):\(first)\(last)") }
            }
        }
        return keys
    }
}
