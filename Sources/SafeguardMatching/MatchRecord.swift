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

extension MatchRecord {
    /// Field and list separators for `encoded`: ASCII unit and record separators, which no name, phone, postcode
    /// or email can contain.
    private static let field: Character = "\u{1F}", item: Character = "\u{1E}"

    /// The record as one line of text, so the store can keep it beside the blocking keys and a lookup reads each
    /// candidate in one row instead of joining five tables.
    public var encoded: String {
        [dateOfBirth ?? "", sex ?? "", firstNames.joined(separator: String(Self.item)), surnames.joined(separator: String(Self.item)),
         phones.joined(separator: String(Self.item)), postcodes.joined(separator: String(Self.item)), emails.joined(separator: String(Self.item))]
            .joined(separator: String(Self.field))
    }

    /// Reads `encoded` back (nil when it is not in that form).
    public init?(personID: String, encoded: String) {
        let fields = encoded.split(separator: Self.field, omittingEmptySubsequences: false)
        guard fields.count == 7 else { return nil }
        let list = { (i: Int) in fields[i].split(separator: Self.item).map(String.init) }
        self.init(personID: personID, firstNames: list(2), surnames: list(3), dateOfBirth: fields[0].isEmpty ? nil : String(fields[0]),
                  sex: fields[1].isEmpty ? nil : String(fields[1]), phones: list(4), postcodes: list(5), emails: list(6))
    }
}
