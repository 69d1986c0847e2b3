import Foundation

/// What matching knows about one person record (or about the person a caller describes), in comparable form:
/// name keys, canonical dates, phones, postcodes and emails. Built once per record, compared many times.
public struct MatchRecord: Sendable, Equatable {
    /// The person record's id; empty for a query.
    public var personID: String
    /// Given-name keys: the current one first, then any other names' given names.
    public private(set) var firstNames: [String]
    /// Surname keys: the current one first, then previous names, maiden names and aliases.
    public private(set) var surnames: [String]
    /// `YYYY-MM-DD`, or nil when not known.
    public var dateOfBirth: String?
    /// `female`, `male`, or nil when not known.
    public var sex: String?
    public var phones: [String]
    public var postcodes: [String]
    public var emails: [String]
    /// NYSIIS codes of `firstNames` and `surnames`, in the same order: worked out once, compared many times.
    public private(set) var firstNameSounds: [String] = []
    public private(set) var surnameSounds: [String] = []

    public init(personID: String = "", firstNames: [String], surnames: [String], dateOfBirth: String?, sex: String? = nil,
                phones: [String] = [], postcodes: [String] = [], emails: [String] = []) {
        self.personID = personID
        self.firstNames = Self.unique(firstNames.map(NameKey.key))
        self.surnames = Self.unique(surnames.map(NameKey.key))
        self.dateOfBirth = dateOfBirth
        self.sex = (sex == "female" || sex == "male") ? sex : nil
        self.phones = Self.unique(phones)
        self.postcodes = Self.unique(postcodes)
        self.emails = Self.unique(emails)
        firstNameSounds = self.firstNames.map(Phonetic.nysiis)
        surnameSounds = self.surnames.map(Phonetic.nysiis)
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: [String] = []
        for value in values where !value.isEmpty && !seen.contains(value) { seen.append(value) }
        return seen
    }

    /// Whether there is anything to match on at all.
    public var isEmpty: Bool {
        firstNames.isEmpty && surnames.isEmpty && dateOfBirth == nil && phones.isEmpty && postcodes.isEmpty && emails.isEmpty
    }
}
