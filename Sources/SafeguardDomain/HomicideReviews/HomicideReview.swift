import Foundation

/// A domestic homicide review (rule 30): the review a community safety partnership commissions after a death, recorded
/// with its date and area, and the recommendations it made, each tracked to implementation. (The Domestic Abuse
/// Commissioner found no system tracking them and about half unimplemented.)
public struct HomicideReview: Sendable, Equatable, Codable {
    public var id: String
    /// As the partnership names it ("DHR Northshire 2025/03"): published reviews are anonymised.
    public var title: String
    /// The day the review was published (or its report agreed).
    public var publishedOn: String
    /// The area's code, or nil for the whole force.
    public var area: String?
    /// Who recorded it and tracks its recommendations: their tasks escalate when a recommendation is late.
    public var lead: String
    public var recordedAt: Date
    public var recommendations: [HomicideReviewRecommendation]

    public init(
        id: String, title: String, publishedOn: String, area: String?, lead: String, recordedAt: Date,
        recommendations: [HomicideReviewRecommendation] = []
    ) {
        (self.id, self.title, self.publishedOn, self.area, self.lead, self.recordedAt) = (id, title, publishedOn, area, lead, recordedAt)
        self.recommendations = recommendations
    }
}

/// One recommendation of a review: what, whose (agency and person), by when, how far it has got and the evidence.
public struct HomicideReviewRecommendation: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        case inProgress = "in_progress"
        case implemented
        /// Not accepted by its owner, with the reasons recorded.
        case notAccepted = "not_accepted"

        public var label: String {
            switch self {
            case .open: "Open"
            case .inProgress: "In progress"
            case .implemented: "Implemented"
            case .notAccepted: "Not accepted"
            }
        }
        /// Whether nothing more is expected of it.
        public var isClosed: Bool { self == .implemented || self == .notAccepted }
    }
    public var id: String
    public var reviewID: String
    /// Its number in the review, in order.
    public var number: Int
    public var text: String
    public var ownerAgency: String
    public var ownerName: String
    public var dueOn: String
    public var status: Status
    /// The evidence of implementation, or the reasons it was not accepted; the latest note otherwise.
    public var evidence: String?
    public var updatedBy: String
    public var updatedAt: Date

    public init(
        id: String, reviewID: String, number: Int, text: String, ownerAgency: String, ownerName: String, dueOn: String, status: Status, evidence: String?,
        updatedBy: String, updatedAt: Date
    ) {
        (self.id, self.reviewID, self.number, self.text, self.ownerAgency, self.ownerName) = (id, reviewID, number, text, ownerAgency, ownerName)
        (self.dueOn, self.status, self.evidence, self.updatedBy, self.updatedAt) = (dueOn, status, evidence, updatedBy, updatedAt)
    }

    /// Late: due before `today` and not closed.
    public func overdue(on today: String) -> Bool { !status.isClosed && dueOn < today }
}

/// What a review is recorded with, and a recommendation.
public struct HomicideReviewDraft: Sendable {
    public var title: String?
    public var publishedOn: String?
    public var area: String?
    public init(title: String?, publishedOn: String?, area: String?) { (self.title, self.publishedOn, self.area) = (title, publishedOn, area) }
}

public struct RecommendationDraft: Sendable {
    public var text: String?
    public var ownerAgency: String?
    public var ownerName: String?
    public var dueOn: String?
    public init(text: String?, ownerAgency: String?, ownerName: String?, dueOn: String?) {
        (self.text, self.ownerAgency, self.ownerName, self.dueOn) = (text, ownerAgency, ownerName, dueOn)
    }
}

/// Rule 30's rules, in one place.
public enum HomicideReviewRules {
    /// A review's title and date (not in the future); errors name the fields.
    public static func check(_ draft: HomicideReviewDraft, today: String) throws -> (title: String, publishedOn: String) {
        var errors: [FieldError] = []
        let title = trimmedNonEmpty(draft.title)
        if title == nil { errors.append(FieldError("title", "Give the review's name, as the partnership published it (for example, DHR Northshire 2025/03).")) }
        if let title, let problem = TextInput.lineProblem(title, limit: InputLimits.line) { errors.append(FieldError("title", problem)) }
        let day = trimmedNonEmpty(draft.publishedOn).flatMap(CalendarDate.normalise)
        if day == nil { errors.append(FieldError("published_on", "Give the day the review was published, like 2026-03-31.")) }
        if let day, day > today { errors.append(FieldError("published_on", "must not be in the future.")) }
        guard errors.isEmpty, let title, let day else { throw DomainError.invalid(errors) }
        return (title, day)
    }

    /// A recommendation: what, the owning agency and person, and a due date (on or after the review's publication).
    public static func check(_ draft: RecommendationDraft, review: HomicideReview) throws -> (text: String, agency: String, name: String, dueOn: String) {
        var errors: [FieldError] = []
        let text = trimmedNonEmpty(draft.text)
        if text == nil { errors.append(FieldError("text", "Say what the review recommends.")) }
        if let text, let problem = TextInput.textProblem(text, limit: InputLimits.text) { errors.append(FieldError("text", problem)) }
        let agency = trimmedNonEmpty(draft.ownerAgency), name = trimmedNonEmpty(draft.ownerName)
        if agency == nil { errors.append(FieldError("owner_agency", "Name the agency that owns it (police, health, the partnership, …).")) }
        if name == nil { errors.append(FieldError("owner_name", "Name the person in that agency who answers for it.")) }
        for (field, value) in [("owner_agency", agency), ("owner_name", name)] {
            if let value, let problem = TextInput.lineProblem(value, limit: InputLimits.line) { errors.append(FieldError(field, problem)) }
        }
        let due = trimmedNonEmpty(draft.dueOn).flatMap(CalendarDate.normalise)
        if due == nil { errors.append(FieldError("due_on", "Give the day it must be implemented by, like 2027-01-31.")) }
        if let due, due < review.publishedOn { errors.append(FieldError("due_on", "must not be before the review was published (\(review.publishedOn)).")) }
        guard errors.isEmpty, let text, let agency, let name, let due else { throw DomainError.invalid(errors) }
        return (text, agency, name, due)
    }

    /// A change of status: implemented needs its evidence, not accepted its reasons (each at least 10 characters);
    /// a closed recommendation is not reopened (a new one is added instead, so the record of what was done stands).
    public static func check(
        status raw: String?, evidence rawEvidence: String?, current: HomicideReviewRecommendation.Status
    ) throws -> (status: HomicideReviewRecommendation.Status, evidence: String?) {
        var errors: [FieldError] = []
        let status: HomicideReviewRecommendation.Status? = choice(raw, "status", &errors, what: "how far it has got")
        let evidence = trimmedNonEmpty(rawEvidence)
        if let evidence, let problem = TextInput.textProblem(evidence, limit: InputLimits.text) { errors.append(FieldError("evidence", problem)) }
        if status == .implemented && (evidence?.count ?? 0) < 10 {
            errors.append(FieldError("evidence", "Say what shows it is implemented (a policy, training delivered, an audit; at least 10 characters)."))
        }
        if status == .notAccepted && (evidence?.count ?? 0) < 10 {
            errors.append(FieldError("evidence", "Give the owner's reasons for not accepting it (at least 10 characters)."))
        }
        if current.isClosed { errors.append(FieldError("status", "It is already \(current.label.lowercased()); add a new recommendation instead.")) }
        guard errors.isEmpty, let status else { throw DomainError.invalid(errors) }
        return (status, evidence)
    }

    /// The report over reviews: recommendations by status, and how many are late on `today`.
    public static func summary(_ reviews: [HomicideReview], today: String) -> HomicideReviewSummary {
        let all = reviews.flatMap(\.recommendations)
        var byStatus = Dictionary(uniqueKeysWithValues: HomicideReviewRecommendation.Status.allCases.map { ($0.rawValue, 0) })
        for r in all { byStatus[r.status.rawValue, default: 0] += 1 }
        return HomicideReviewSummary(
            reviews: reviews.count, recommendations: all.count, byStatus: byStatus, overdue: all.filter { $0.overdue(on: today) }.count,
            implementedShare: all.isEmpty ? nil : FigureRules.share(byStatus[HomicideReviewRecommendation.Status.implemented.rawValue] ?? 0, of: all.count))
    }

    /// The recommendations as CSV, a line each: review, area, number, text, agency, owner, due, status, late, evidence.
    public static func csv(_ reviews: [HomicideReview], today: String) -> String {
        var lines = ["review,published_on,area,number,recommendation,owner_agency,owner_name,due_on,status,overdue,evidence"]
        for review in reviews {
            for r in review.recommendations {
                lines.append(
                    [
                        review.title, review.publishedOn, review.area ?? "force", String(r.number), r.text, r.ownerAgency, r.ownerName, r.dueOn,
                        r.status.rawValue,
                        r.overdue(on: today) ? "yes" : "no", r.evidence ?? ""
                    ].map(CSVText.cell).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// How the recommendations stand.
public struct HomicideReviewSummary: Sendable, Equatable, Codable {
    public var reviews: Int
    public var recommendations: Int
    public var byStatus: [String: Int]
    public var overdue: Int
    /// Implemented ÷ all, a fraction; nil with none.
    public var implementedShare: Double?
}

/// Storage of reviews and their recommendations.
public protocol HomicideReviewRepository: Sendable {
    func create(_ review: HomicideReview, byUserID: String) async throws
    func addRecommendation(_ recommendation: HomicideReviewRecommendation) async throws
    /// Saves a new status and evidence; false when it was changed by someone else meanwhile (it is not `expected`).
    func updateRecommendation(_ recommendation: HomicideReviewRecommendation, expected: HomicideReviewRecommendation.Status) async throws -> Bool
    func recommendation(id: String) async throws -> HomicideReviewRecommendation?
    /// The review with its recommendations in order.
    func find(id: String) async throws -> HomicideReview?
    /// Every review, newest first, with its recommendations.
    func all() async throws -> [HomicideReview]
}
