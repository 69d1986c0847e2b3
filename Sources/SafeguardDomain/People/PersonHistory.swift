import Foundation

/// A person's incidents gathered across the records that are, or very probably are, the same person (rule 1):
/// the call handler and the officer must see the history whatever name, phone or address it was filed under.
struct PersonHistory: Sendable {
    /// Whether a link's status says the two records are one person (a human confirmed it).
    static func isConfirmed(_ status: String) -> Bool { status == "confirmed" }

    /// Other records whose incidents were included, with how sure the system is.
    var records: [LinkedRecord]
    /// Newest first; incidents of other records carry `linkedRecordID`.
    var incidents: [IncidentSummary]

    /// Another record of the same person whose history was joined in.
    struct LinkedRecord: Sendable, Equatable, Codable {
        var personID: String
        /// `confirmed`, or `proposed` when the match is strong but nobody has confirmed it yet.
        var status: String
        var probability: Double?
    }

    /// Confirmed links always count; proposed ones only when `proposedAtLeast` is given and they reach it.
    /// Rejected links never count. Pass `links` when the caller has already read them.
    static func gather(
        _ tx: any RepositoryTransaction, personID: String, proposedAtLeast: Double?,
        links known: [(otherID: String, status: String, probability: Double?, reasons: [String])]? = nil
    ) async throws -> PersonHistory {
        var incidents = try await tx.people.incidents(forPerson: personID)
        var records: [LinkedRecord] = []
        var links = known ?? []
        if known == nil { links = try await tx.links.links(of: personID) }
        for link in links {
            let counts =
                isConfirmed(link.status)
                || (link.status == "proposed" && proposedAtLeast.map { (link.probability ?? 0) >= $0 } == true)
            guard counts else { continue }
            records.append(LinkedRecord(personID: link.otherID, status: link.status, probability: link.probability))
            for var incident in try await tx.people.incidents(forPerson: link.otherID) where !incidents.contains(where: { $0.id == incident.id }) {
                incident.linkedRecordID = link.otherID
                incidents.append(incident)
            }
        }
        incidents.sort { $0.occurredAt != $1.occurredAt ? $0.occurredAt > $1.occurredAt : $0.id < $1.id }
        return PersonHistory(records: records, incidents: incidents)
    }

    /// When this person was a victim before `incidentID` (for repeat status).
    func victimDates(excluding incidentID: String?) -> [Date] {
        incidents.filter { $0.role == .victim && $0.id != incidentID }.map(\.occurredAt)
    }
}
