import Foundation

/// One row of a legacy person file (`record_id,first_name,surname,date_of_birth,sex,phone,postcode,address_line,email`),
/// checked with the same rules as a record typed in. An empty cell means "not known".
public struct PersonImportRow: Sendable, Equatable {
    public var recordID: String
    public var draft: PersonDraft

    /// The columns a legacy file must have; any others are ignored.
    public static let requiredColumns = ["record_id", "first_name", "surname", "date_of_birth", "sex", "phone", "postcode", "address_line", "email"]

    /// Builds a row from the file's cells by column name.
    public init(cells: [String: String]) {
        func cell(_ name: String) -> String? { trimmedNonEmpty(cells[name]) }
        recordID = cell("record_id") ?? ""
        let postcode = cell("postcode")
        draft = PersonDraft(
            firstName: cell("first_name") ?? "", surname: cell("surname") ?? "", dateOfBirth: cell("date_of_birth"), sex: cell("sex"),
            phones: [cell("phone")].compactMap { $0 }, emails: [cell("email")].compactMap { $0 },
            // Legacy systems often hold a postcode with no street: it is still worth matching on.
            addressLine1: cell("address_line") ?? (postcode == nil ? nil : "Address not recorded"), postcode: postcode)
    }

    /// The checked record, or every problem with the row.
    public func validated(now: Date) -> Result<(sourceID: String, person: ValidPersonDraft), DomainError> {
        var errors: [FieldError] = []
        if recordID.isEmpty { errors.append(FieldError("record_id", "is empty: every row needs the id it had in the old system.")) }
        do {
            let valid = try draft.validated(now: now)
            if errors.isEmpty { return .success((recordID, valid)) }
        } catch DomainError.invalid(let fields) {
            errors += fields
        } catch {
            errors.append(FieldError("row", "\(error)"))
        }
        return .failure(.invalid(errors))
    }
}

/// Where storage puts imported records: skips source ids already loaded, so a re-run loads nothing twice.
public protocol PersonImportRepository: Sendable {
    /// Inserts the records whose source id is new; returns how many were inserted.
    func importPeople(_ rows: [(sourceID: String, person: ValidPersonDraft)], at: Date) async throws -> Int
}

extension SafeguardService {
    /// Loads one chunk of checked legacy records in one transaction, audited as an import by `actor`.
    public func importPeople(_ rows: [(sourceID: String, person: ValidPersonDraft)], by actor: User?) async throws -> Int {
        let now = clock.now()
        return try await repositories.transaction { tx in
            let inserted = try await tx.imports.importPeople(rows, at: now)
            try await tx.audit.append(
                AuditEntry(at: now, user: actor, action: .importPeople, recordType: "person", detail: "rows=\(rows.count); inserted=\(inserted)"))
            return inserted
        }
    }
}
