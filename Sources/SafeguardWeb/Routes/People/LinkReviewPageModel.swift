import Foundation
import SafeguardDomain

/// The review queue of proposed links (`/links`): one page of pairs, most likely first, each side by side with the
/// reasons and its own reason field, and the links to the pages either side.
struct LinkReviewPageModel: PageModel {
    struct Side: PageModel {
        var id: String
        var name: String
        var dateOfBirth: String
        var postcode: String
        var incidentCount: Int
    }
    struct Pair: PageModel {
        var person: Side
        var other: Side
        var percent: Int?
        var reasons: String
        var offset: Int
        var field: String
    }
    var total: Int
    var none: Bool
    var offset: Int
    var from: Int
    var to: Int
    var previous: String?
    var next: String?
    var links: [Pair]

    init(_ review: LinkReviewPage, limit: Int, offset: Int) {
        func side(_ p: PersonSummary) -> Side {
            Side(
                id: p.id, name: "\(p.firstName) \(p.surname)", dateOfBirth: Display.dateOfBirth(p.dateOfBirth), postcode: p.postcode ?? "",
                incidentCount: p.incidentCount)
        }
        total = review.total
        none = review.links.isEmpty
        self.offset = offset
        from = review.links.isEmpty ? 0 : offset + 1
        to = offset + review.links.count
        previous = offset > 0 ? String(max(0, offset - limit)) : nil
        next = offset + review.links.count < review.total ? String(offset + limit) : nil
        links = review.links.map { link in
            Pair(
                person: side(link.person), other: side(link.otherPerson), percent: link.probability.map { Int(($0 * 100).rounded(.down)) },
                reasons: link.reasons.joined(separator: "; "), offset: offset, field: "reason-\(link.person.id)-\(link.otherPerson.id)")
        }
    }
}
