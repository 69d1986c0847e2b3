import Foundation

/// A link the system proposed (the clean-up, `safeguard dedupe`, or an undone decision) that nobody has decided:
/// the two records side by side, for the review queue. The system proposes; a person confirms or rejects.
public struct ProposedLink: Sendable, Equatable, Codable {
    public var person: PersonSummary
    public var otherPerson: PersonSummary
    /// The match probability when the pair was proposed; nil when a person's decision on it was undone.
    public var probability: Double?
    /// Why the records may be one person, in words.
    public var reasons: [String]
}

/// One page of the review queue, most likely first.
public struct LinkReviewPage: Sendable, Equatable, Codable {
    public var links: [ProposedLink]
    /// How many proposed links wait for a decision in all.
    public var total: Int
    public var offset: Int
    public var limit: Int
}

extension SafeguardService {
    /// Proposed links waiting for a decision, most likely first: the legacy clean-up can propose thousands, and
    /// someone must work through them (a person page shows only its own). Audited like a search; restricted
    /// records are shown as such to roles without restricted access (and they cannot decide on them).
    public func proposedLinks(_ actor: Actor, limit: Int = 25, offset: Int = 0) async throws -> LinkReviewPage {
        try actor.require(.editPerson)
        var errors: [FieldError] = []
        if !(1...200).contains(limit) { errors.append(FieldError("limit", "must be between 1 and 200.")) }
        if offset < 0 { errors.append(FieldError("offset", "must be 0 or more.")) }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        let now = clock.now()
        let visibility = Visibility(actor.role)
        let page: LinkReviewPage = try await readAudited(
            { tx in
                let (pairs, total) = try await tx.links.proposed(limit: limit, offset: offset)
                let summaries = try await tx.people.summaries(ids: pairs.flatMap { [$0.personID, $0.otherID] })
                let links: [ProposedLink] = pairs.compactMap { pair in
                    guard let a = summaries[pair.personID], let b = summaries[pair.otherID] else { return nil }
                    let hidden = (a.restricted || b.restricted) && !actor.role.can(.viewRestricted)
                    return ProposedLink(
                        person: visibility.summary(a), otherPerson: visibility.summary(b), probability: pair.probability,
                        reasons: hidden ? ["restricted record: ask a DA specialist"] : pair.reasons)
                }
                return LinkReviewPage(links: links, total: total, offset: offset, limit: limit)
            },
            audit: { found in
                AuditEntry(
                    at: now, user: actor.user, action: .reviewLinks, recordType: "person",
                    detail: "proposed links: offset=\(offset); shown=\(found.links.count) of \(found.total)")
            })
        return page
    }
}
