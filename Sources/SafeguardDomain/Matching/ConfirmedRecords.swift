import Foundation
import SafeguardMatching

/// Records a person has confirmed to be one person (her maiden name, his alias), for the match list: a confirmed
/// link makes the records one person (rule 1), so the call handler sees her once — under the record that fits the
/// caller's words best — with every record she is filed under, not as two strangers who happen to look alike.
/// Only confirmed links count: a proposed link is still a question for a person, and nothing is merged silently.
struct ConfirmedRecords: Sendable {
    /// For each record, the records confirmed (directly) to be the same person. Direct links only, as the person
    /// page and the briefing gather history (`SafeguardService.recordsOfSamePerson`).
    let partners: [String: [String]]

    /// One entry per person, best first: each record ranked below another record of the same person is folded
    /// into that person's entry. At most `limit` entries.
    func fold(_ ranked: [MatchScore], limit: Int) -> [(lead: MatchScore, sameAs: [String])] {
        var entries: [(lead: MatchScore, sameAs: [String])] = []
        var shown: Set<String> = []
        for score in ranked where !shown.contains(score.personID) {
            guard entries.count < limit else { break }
            let others = partners[score.personID] ?? []
            shown.insert(score.personID)
            shown.formUnion(others)
            entries.append((score, others))
        }
        return entries
    }
}
