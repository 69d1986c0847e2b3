import Foundation

/// What a person decides about a proposed link between two person records.
public enum LinkDecision: String, Sendable, Codable, CaseIterable {
    /// The two records are one person: their histories are shown together.
    case confirm
    /// They are different people: the pair is not proposed again.
    case reject
    /// Takes back an earlier confirm or reject; the pair is open again.
    case undo
}

/// The state of a pair of records, as the person page shows it.
public struct RecordLink: Sendable, Equatable, Codable {
    public var otherPerson: PersonSummary
    /// `proposed`, `confirmed` or `rejected`.
    public var status: String
    public var probability: Double?
    public var reasons: [String]
}

/// Storage of links and the decisions about them.
public protocol RecordLinkRepository: Sendable {
    /// Records a decision and sets the pair's current state (creating the pair if nobody proposed it).
    func decide(_ a: String, _ b: String, decision: LinkDecision, reason: String, by userID: String, at: Date) async throws
    /// Every proposed, confirmed or rejected pair involving the person.
    func links(of personID: String) async throws -> [(otherID: String, status: String, probability: Double?, reasons: [String])]
    /// The person's current status with another record, if any.
    func status(_ a: String, _ b: String) async throws -> String?
    /// For each of the given records that has any, the records confirmed to be the same person (one read).
    func confirmedPartners(of ids: [String]) async throws -> [String: [String]]
    /// Pairs still proposed, most likely first (then by ids, so pages are stable), and how many there are in all.
    func proposed(limit: Int, offset: Int) async throws -> (pairs: [(personID: String, otherID: String, probability: Double?, reasons: [String])], total: Int)
}

extension SafeguardService {
    /// Confirms, rejects or undoes a link between two records. Never merges: both records stay, and the decision is
    /// kept with who made it, when and why, and audited.
    public func decideLink(_ actor: Actor, personID: String, otherPersonID: String, decision asked: LinkDecision?, reason: String?) async throws {
        try actor.require(.editPerson)
        var errors: [FieldError] = []
        if asked == nil { errors.append(FieldError("decision", "Choose confirm, reject or undo.")) }
        let why = trimmedNonEmpty(reason)
        if personID == otherPersonID { errors.append(FieldError("other_person_id", "A record cannot be linked to itself.")) }
        if why == nil || (why?.count ?? 0) < 5 { errors.append(FieldError("reason", "Say why (at least 5 characters): the next person will rely on it.")) }
        guard errors.isEmpty, let decision = asked else { throw DomainError.invalid(errors) }
        let now = clock.now()
        try await repositories.transaction { tx in
            for id in [personID, otherPersonID] {
                guard let person = try await tx.people.find(id: id) else { throw DomainError.notFound(kind: "person", id: id) }
                if person.restricted && !actor.role.can(.viewRestricted) {
                    throw DomainError.forbidden("One of these is a restricted record. Only named roles may link it.")
                }
            }
            let current = try await tx.links.status(personID, otherPersonID)
            if decision == .undo && (current == nil || current == "proposed") {
                throw DomainError.invalid([FieldError("decision", "There is no decision on these two records to undo.")])
            }
            try await tx.links.decide(personID, otherPersonID, decision: decision, reason: why!, by: actor.user.id, at: now)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .decideLink, recordType: "person", recordID: personID,
                    reason: why, detail: "\(decision.rawValue) link with \(otherPersonID)"))
        }
    }
}
