import Foundation
import SafeguardMatching

/// One person on the force's staff list (rule 33): a police officer or member of staff. Their records as victims or
/// perpetrators are restricted to the roles that may see restricted records, so a colleague of the suspect cannot
/// read where she is, and the force cannot be seen to "look after its own".
public struct StaffMember: Sendable, Equatable {
    public var staffNumber: String
    public var firstName: String
    public var surname: String
    /// YYYY-MM-DD.
    public var dateOfBirth: String

    public init(staffNumber: String, firstName: String, surname: String, dateOfBirth: String) {
        self.staffNumber = staffNumber
        self.firstName = firstName
        self.surname = surname
        self.dateOfBirth = dateOfBirth
    }

    /// The comparable form: see `StaffListRules.key`.
    public var key: String { StaffListRules.key(firstName: firstName, surname: surname, dateOfBirth: dateOfBirth) }
}

/// A row of the staff list as the force's HR export gives it.
public struct StaffRow: Sendable, Equatable {
    public var line: Int
    public var staffNumber: String?
    public var firstName: String?
    public var surname: String?
    public var dateOfBirth: String?

    public init(line: Int, staffNumber: String?, firstName: String?, surname: String?, dateOfBirth: String?) {
        self.line = line
        self.staffNumber = staffNumber
        self.firstName = firstName
        self.surname = surname
        self.dateOfBirth = dateOfBirth
    }
}

/// What loading a staff list did.
public struct StaffListSummary: Sendable, Equatable {
    /// People on the list now.
    public var members: Int
    /// Rows refused, each with its line and why.
    public var refused: [(line: Int, why: String)]
    /// Records newly restricted because their person is on the list.
    public var restricted: Int
    /// Records that matched and were already restricted.
    public var alreadyRestricted: Int

    public static func == (a: StaffListSummary, b: StaffListSummary) -> Bool {
        a.members == b.members && a.restricted == b.restricted && a.alreadyRestricted == b.alreadyRestricted
            && a.refused.map(\.line) == b.refused.map(\.line) && a.refused.map(\.why) == b.refused.map(\.why)
    }
}

/// How the staff list is read and matched (rule 33).
public enum StaffListRules {
    /// A record is taken to be a member of staff only when the first name, surname and date of birth agree exactly
    /// (case, accents, spaces and punctuation aside). Never a near match: a false match would hide a stranger's name
    /// and history from the officers going to her door. A near match is for a specialist to judge and restrict by hand.
    public static func key(firstName: String, surname: String, dateOfBirth: String) -> String {
        "\(NameKey.key(firstName))|\(NameKey.key(surname))|\(dateOfBirth)"
    }

    /// The key of a person's record, or nil when it lacks a date of birth (no exact match is possible without one).
    public static func key(of draft: ValidPersonDraft) -> String? {
        draft.dateOfBirth.map { key(firstName: draft.firstName, surname: draft.surname, dateOfBirth: $0) }
    }

    /// The rows that name a member of staff; every other row refused with its line and why. A list with the same
    /// staff number twice is refused at the second.
    public static func read(_ rows: [StaffRow]) -> (members: [StaffMember], refused: [(line: Int, why: String)]) {
        var members: [StaffMember] = []
        var refused: [(line: Int, why: String)] = []
        var seen = Set<String>()
        for row in rows {
            let number = trimmedNonEmpty(row.staffNumber), first = trimmedNonEmpty(row.firstName), last = trimmedNonEmpty(row.surname)
            let born = trimmedNonEmpty(row.dateOfBirth).flatMap(CalendarDate.normalise)
            let missing = [("staff_number", number), ("first_name", first), ("surname", last)].filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty {
                refused.append((row.line, "no \(missing.joined(separator: ", "))"))
            } else if born == nil {
                refused.append((row.line, "date_of_birth \"\(row.dateOfBirth ?? "")\" is not a date like 1984-03-27 (a match needs it)"))
            } else if !seen.insert(number!).inserted {
                refused.append((row.line, "staff number \(number!) is on the list twice"))
            } else {
                members.append(StaffMember(staffNumber: number!, firstName: first!, surname: last!, dateOfBirth: born!))
            }
        }
        return (members, refused)
    }
}

/// The staff list in storage.
public protocol StaffRepository: Sendable {
    /// Replaces the whole list (an HR export is a snapshot of who works for the force today).
    func replaceAll(_ members: [StaffMember], at: Date) async throws
    /// The members born on any of these dates (YYYY-MM-DD).
    func members(bornOn dates: [String]) async throws -> [StaffMember]
    /// Whether anyone on the list has this key.
    func contains(key: String) async throws -> Bool
    /// Person records born on any of these dates: id, names, date of birth and whether already restricted.
    func peopleBorn(on dates: [String]) async throws -> [(id: String, firstName: String, surname: String, dateOfBirth: String, restricted: Bool)]
    /// Marks a person's record restricted (a new version of it).
    func restrict(personID: String, at: Date) async throws
}

extension SafeguardService {
    /// Loads the force's staff list (`safeguard import staff`), replacing the last, and restricts every person record
    /// that matches a member exactly (rule 33). Leavers drop off the list, but their records stay restricted: a
    /// restriction is lifted by a specialist who has looked, never by an HR export. Each restriction is audited.
    public func importStaffList(_ rows: [StaffRow], by user: User? = nil) async throws -> StaffListSummary {
        let (members, refused) = StaffListRules.read(rows)
        let now = clock.now()
        return try await repositories.transaction { tx in
            try await tx.staff.replaceAll(members, at: now)
            let (restricted, already) = try await self.restrictRecords(tx, of: members, at: now, by: user)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: user, action: .importStaffList, recordType: "staff_list",
                    detail: "\(members.count) members, \(refused.count) rows refused, \(restricted) records restricted"))
            return StaffListSummary(members: members.count, refused: refused, restricted: restricted, alreadyRestricted: already)
        }
    }

    /// Restricts every unrestricted person record matching one of `members` exactly, each audited; returns how many
    /// were restricted and how many matched already restricted.
    func restrictRecords(_ tx: any RepositoryTransaction, of members: [StaffMember], at now: Date, by user: User?) async throws -> (Int, Int) {
        let keys = Dictionary(members.map { ($0.key, $0.staffNumber) }, uniquingKeysWith: { first, _ in first })
        var restricted = 0, already = 0
        let dates = Array(Set(members.map(\.dateOfBirth))).sorted()
        for start in stride(from: 0, to: dates.count, by: 500) {
            for person in try await tx.staff.peopleBorn(on: Array(dates[start..<min(start + 500, dates.count)])) {
                let key = StaffListRules.key(firstName: person.firstName, surname: person.surname, dateOfBirth: person.dateOfBirth)
                guard let number = keys[key] else { continue }
                if person.restricted {
                    already += 1
                    continue
                }
                try await tx.staff.restrict(personID: person.id, at: now)
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: user, action: .restrictStaffRecord, recordType: "person", recordID: person.id, detail: "on the staff list as \(number)"))
                restricted += 1
            }
        }
        return (restricted, already)
    }

    /// A new record whose person is on the staff list is restricted as it is made, whoever makes it: the call
    /// handler need not know the victim is a colleague.
    func restrictingStaff(_ tx: any RepositoryTransaction, _ draft: ValidPersonDraft) async throws -> ValidPersonDraft {
        guard !draft.restricted, let key = StaffListRules.key(of: draft), try await tx.staff.contains(key: key) else { return draft }
        var restricted = draft
        restricted.restricted = true
        return restricted
    }
}
