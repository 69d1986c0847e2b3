import Foundation
import SafeguardDomain

/// The reviews list: how the recommendations stand across every review, each review's own count, and the form.
struct HomicideReviewListModel: PageModel {
    struct Row: PageModel {
        var id: String
        var title: String
        var publishedOn: String
        var area: String
        var implemented: String
        var overdue: Int
    }
    struct StatusCount: PageModel {
        var label: String
        var count: Int
    }
    var rows: [Row]
    var reviews: Int
    var recommendations: Int
    var statuses: [StatusCount]
    var overdue: Int
    var implementedShare: String
    var canManage: Bool
    var areaChoices: [OptionModel]
    var typed: [String: String]

    init(_ list: [HomicideReview], summary: HomicideReviewSummary, today: String, areas: [Area], canManage: Bool, form: FormBody?) {
        rows = list.map { review in
            // Each review's own standing, by the domain's count.
            let own = HomicideReviewRules.summary([review], today: today)
            return Row(
                id: review.id, title: review.title, publishedOn: review.publishedOn,
                area: review.area.map { code in areas.first { $0.code == code }?.name ?? code } ?? "The whole force",
                implemented: "\(own.byStatus[HomicideReviewRecommendation.Status.implemented.rawValue] ?? 0) of \(own.recommendations)", overdue: own.overdue)
        }
        reviews = summary.reviews
        recommendations = summary.recommendations
        statuses = HomicideReviewRecommendation.Status.allCases.map { StatusCount(label: $0.label, count: summary.byStatus[$0.rawValue] ?? 0) }
        overdue = summary.overdue
        implementedShare = summary.implementedShare.map { String(format: "%.0f%%", $0 * 100) } ?? "none recorded"
        self.canManage = canManage
        areaChoices =
            [OptionModel(value: "", label: "The whole force", selected: (form?["area"] ?? "").isEmpty)]
            + areas.map { OptionModel(value: $0.code, label: $0.name, selected: form?["area"] == $0.code) }
        typed = ["title": form?["title"] ?? "", "published_on": form?["published_on"] ?? ""]
    }
}

/// One review: its recommendations, each with its owner, due date, status, evidence and a form to move it on.
struct HomicideReviewModel: PageModel {
    struct Recommendation: PageModel {
        var id: String
        var reviewID: String
        var number: Int
        var text: String
        var owner: String
        var dueOn: String
        var status: String
        var overdue: Bool
        var evidence: String
        var updated: String
        var open: Bool
        var statusChoices: [OptionModel]
    }
    var id: String
    var heading: String
    var publishedOn: String
    var area: String
    var lead: String
    var recommendations: [Recommendation]
    var canManage: Bool
    var typed: [String: String]

    init(_ review: HomicideReview, today: String, canManage: Bool, form: FormBody?) {
        id = review.id
        heading = review.title
        publishedOn = review.publishedOn
        area = review.area ?? "The whole force"
        lead = review.lead
        recommendations = review.recommendations.map { r in
            Recommendation(
                id: r.id, reviewID: review.id, number: r.number, text: r.text, owner: "\(r.ownerName), \(r.ownerAgency)", dueOn: r.dueOn,
                status: r.status.label,
                overdue: r.overdue(on: today), evidence: r.evidence ?? "", updated: "\(r.updatedBy), \(Display.time(r.updatedAt))",
                open: !r.status.isClosed,
                statusChoices: HomicideReviewRecommendation.Status.allCases.filter { $0 != .open }.map {
                    OptionModel(value: $0.rawValue, label: $0.label, selected: false)
                })
        }
        self.canManage = canManage
        typed = [
            "text": form?["text"] ?? "", "owner_agency": form?["owner_agency"] ?? "", "owner_name": form?["owner_name"] ?? "", "due_on": form?["due_on"] ?? ""
        ]
    }
}
