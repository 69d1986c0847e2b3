import Foundation

/// Where an operational read of a person's record came from (rule 33's "why"): the incident or case she was opened
/// from. Operational roles do not type a reason — they are working that incident or case — so the page they came
/// from is carried to the read (`?from=incident:<id>`) and checked against the records: the person must be on that
/// incident, or on one of that case's incidents (by her record or one confirmed to be her). The log's purpose is
/// then a fact, not a claim.
public struct ReadContext: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case incident
        case `case`
    }

    public var kind: Kind
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }

    /// `incident:<id>` or `case:<id>`; nil when nothing was given; invalid input (field `from`) otherwise.
    public static func parse(_ raw: String?) throws -> ReadContext? {
        guard let text = trimmedNonEmpty(raw) else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]), let id = trimmedNonEmpty(parts[1]), id.count <= 64,
            id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else {
            throw DomainError.invalid([FieldError("from", "must name where the record was opened from, like incident:<id> or case:<id>.")])
        }
        return ReadContext(kind: kind, id: id)
    }

    /// What the audit log records as the purpose.
    public var purpose: String { "via \(kind.rawValue) \(id)" }
}

extension SafeguardService {
    /// Checks that the person (any of `records`: her record and those confirmed to be her) is on the incident or case
    /// named; otherwise the purpose is not true and the read is refused as bad input.
    func checkReadContext(_ tx: any RepositoryTransaction, _ context: ReadContext, records: Set<String>) async throws {
        var incidentIDs: [String] = []
        switch context.kind {
        case .incident: incidentIDs = [context.id]
        case .case: incidentIDs = try await tx.cases.find(id: context.id)?.incidentIDs ?? []
        }
        for incidentID in incidentIDs {
            if let incident = try await tx.incidents.find(id: incidentID), incident.parties.contains(where: { records.contains($0.personID) }) {
                return
            }
        }
        throw DomainError.invalid([FieldError("from", "This record is not on that \(context.kind.rawValue): open it from the page it belongs to.")])
    }
}
