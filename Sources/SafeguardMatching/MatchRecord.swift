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

    public init(
        personID: String = "", firstNames: [String], surnames: [String], dateOfBirth: String?, sex: String? = nil,
        phones: [String] = [], postcodes: [String] = [], emails: [String] = []
    ) {
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
    /// candidate in one row instead of joining five tables. The name sounds are kept too: a lookup decodes hundreds
    /// of candidates and should not work them out again.
    public var encoded: String {
        let join = { (values: [String]) in values.joined(separator: String(Self.item)) }
        return [
            dateOfBirth ?? "", sex ?? "", join(firstNames), join(surnames), join(phones), join(postcodes), join(emails),
            join(firstNameSounds), join(surnameSounds)
        ].joined(separator: String(Self.field))
    }

    /// Reads `encoded` back (nil when it is not in that form). A lookup decodes hundreds of candidates, so this walks
    /// the UTF-8 bytes once (the separators are ASCII) rather than splitting by `Character`, which was three times
    /// the cost of scoring them.
    public init?(personID: String, encoded: String) {
        // Each field as its items; an empty field is one empty item, as splitting text keeps it.
        var fields: [[String]] = []
        fields.reserveCapacity(9)
        var items: [String] = []
        let bytes = encoded.utf8
        var start = bytes.startIndex
        var at = start
        while true {
            let end = at == bytes.endIndex
            let byte: UInt8 = end ? 0x1F : bytes[at]
            if byte == 0x1F || byte == 0x1E {
                items.append(String(decoding: bytes[start..<at], as: UTF8.self))
                if byte == 0x1F {
                    fields.append(items)
                    items = []
                }
                if end { break }
                start = bytes.index(after: at)
            }
            at = bytes.index(after: at)
        }
        guard fields.count == 9 else { return nil }
        let list = { (i: Int) -> [String] in fields[i] == [""] ? [] : fields[i] }
        let firstNames = list(2), surnames = list(3)
        // A sound can be empty (a name of one vowel), so counts come from the names, not from the text.
        let firstSounds = firstNames.isEmpty ? [] : fields[7], lastSounds = surnames.isEmpty ? [] : fields[8]
        guard firstSounds.count == firstNames.count, lastSounds.count == surnames.count else { return nil }
        self.personID = personID
        self.firstNames = firstNames
        self.surnames = surnames
        dateOfBirth = fields[0] == [""] ? nil : fields[0].joined(separator: String(Self.item))
        sex = fields[1] == [""] ? nil : fields[1].joined(separator: String(Self.item))
        phones = list(4)
        postcodes = list(5)
        emails = list(6)
        firstNameSounds = firstSounds
        surnameSounds = lastSounds
    }
}
