import Foundation

/// One row of a legacy person file, by column name (`record_id,first_name,surname,date_of_birth,sex,phone,postcode,
/// address_line,email,ethnicity`; a force maps its own names onto these). An empty cell means "not known". Read tolerantly by
/// `LegacyPersonRules.read`.
public struct PersonImportRow: Sendable, Equatable {
    /// The row's cells by the import's column names.
    public var cells: [String: String]

    /// The columns the import reads; a file needs `record_id` and at least one of the others, and any more are ignored.
    public static let columns = ["record_id", "first_name", "surname", "date_of_birth", "sex", "phone", "postcode", "address_line", "email", "ethnicity"]

    public init(cells: [String: String]) { self.cells = cells }
}

/// Where storage puts imported records: skips source ids already loaded, so a re-run loads nothing twice.
public protocol PersonImportRepository: Sendable {
    /// Inserts the records whose source id is new, each with the legacy values it could not use; returns how many
    /// were inserted.
    func importPeople(_ rows: [LegacyPerson], at: Date) async throws -> Int
}

/// A legacy record ready to load: its source id, the checked person, and the values kept as given.
public struct LegacyPerson: Sendable {
    public var sourceID: String
    public var person: ValidPersonDraft
    public var issues: [DataQualityIssue]

    public init(sourceID: String, person: ValidPersonDraft, issues: [DataQualityIssue] = []) {
        self.sourceID = sourceID
        self.person = person
        self.issues = issues
    }
}

extension SafeguardService {
    /// Loads one chunk of checked legacy records in one transaction, audited as an import by `actor`.
    public func importPeople(_ rows: [LegacyPerson], by actor: User?) async throws -> Int {
        let now = clock.now()
        return try await repositories.transaction { tx in
            let inserted = try await tx.imports.importPeople(rows, at: now)
            // A legacy record of a member of staff is restricted as it arrives, as one made live is (rule 33): the
            // list is looked at only for the dates of birth this chunk holds.
            let members = try await tx.staff.members(bornOn: Array(Set(rows.compactMap(\.person.dateOfBirth))).sorted())
            if !members.isEmpty { _ = try await self.restrictRecords(tx, of: members, at: now, by: actor) }
            try await tx.audit.append(
                AuditEntry(at: now, user: actor, action: .importPeople, recordType: "person", detail: "rows=\(rows.count); inserted=\(inserted)"))
            return inserted
        }
    }
}
