import Foundation

extension SafeguardService {
    /// Records a domestic homicide review (rule 30) with its date and area; whoever records it leads it: a late
    /// recommendation's task is theirs and escalates up their chain. DA specialists. Audited.
    public func recordHomicideReview(_ actor: Actor, draft: HomicideReviewDraft) async throws -> HomicideReview {
        try actor.require(.manageHomicideReviews)
        let now = clock.now()
        let checked = try HomicideReviewRules.check(draft, today: CalendarDate.string(now))
        let id = try await repositories.transaction { tx -> String in
            let areas = try await tx.areas.all()
            let area = try trimmedNonEmpty(draft.area).map { try AreaRules.area(code: $0, among: areas) }
            let review = HomicideReview(
                id: Self.newID(at: now), title: checked.title, publishedOn: checked.publishedOn, area: area?.code, lead: actor.user.username, recordedAt: now)
            try await tx.homicideReviews.create(review, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .recordHomicideReview, recordType: "homicide_review", recordID: review.id, detail: "recorded"))
            return review.id
        }
        return try await homicideReview(actor, id: id)
    }

    /// Adds a recommendation with its owner (agency and person) and due date; sets its lead a task due that day, which
    /// escalates when late like any other and is met when the recommendation is implemented or not accepted.
    public func addHomicideReviewRecommendation(_ actor: Actor, reviewID: String, draft: RecommendationDraft) async throws -> HomicideReview {
        try actor.require(.manageHomicideReviews)
        let now = clock.now()
        try await repositories.transaction { tx in
            guard let review = try await tx.homicideReviews.find(id: reviewID) else { throw DomainError.notFound(kind: "homicide review", id: reviewID) }
            let checked = try HomicideReviewRules.check(draft, review: review)
            let recommendation = HomicideReviewRecommendation(
                id: Self.newID(at: now), reviewID: reviewID, number: (review.recommendations.map(\.number).max() ?? 0) + 1, text: checked.text,
                ownerAgency: checked.agency, ownerName: checked.name, dueOn: checked.dueOn, status: .open, evidence: nil, updatedBy: actor.user.username,
                updatedAt: now)
            try await tx.homicideReviews.addRecommendation(recommendation)
            guard let due = Caseload.endOfDay(checked.dueOn) else { throw DomainError.invalid([FieldError("due_on", "not a date")]) }
            // The review's lead answers for it (whoever added the recommendation); theirs is the chain it escalates up.
            let lead = try await tx.users.all().first { $0.username == review.lead } ?? actor.user
            try await tx.tasks.create(
                CaseTask(
                    id: Self.newID(at: now), caseID: nil, incidentID: nil, kind: .homicideReviewRecommendation,
                    title: "\(review.title), recommendation \(recommendation.number) (\(checked.agency)): due \(checked.dueOn)", owner: CaseUser(lead),
                    dueAt: due, createdAt: now, source: "dhr:\(recommendation.id)"),
                byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordHomicideReview, recordType: "homicide_review", recordID: reviewID,
                    detail: "recommendation \(recommendation.number)"))
        }
        return try await homicideReview(actor, id: reviewID)
    }

    /// Records how far a recommendation has got: in progress, implemented (with its evidence) or not accepted (with
    /// the reasons). Closing it meets its task. Audited.
    public func updateHomicideReviewRecommendation(_ actor: Actor, recommendationID: String, status: String?, evidence: String?) async throws
        -> HomicideReview
    {
        try actor.require(.manageHomicideReviews)
        let now = clock.now()
        let reviewID = try await repositories.transaction { tx -> String in
            guard var recommendation = try await tx.homicideReviews.recommendation(id: recommendationID) else {
                throw DomainError.notFound(kind: "recommendation", id: recommendationID)
            }
            let current = recommendation.status
            let checked = try HomicideReviewRules.check(status: status, evidence: evidence, current: current)
            (recommendation.status, recommendation.updatedBy, recommendation.updatedAt) = (checked.status, actor.user.username, now)
            if let note = checked.evidence { recommendation.evidence = note }
            guard try await tx.homicideReviews.updateRecommendation(recommendation, expected: current) else {
                throw DomainError.conflict("Someone else updated this recommendation just now; look again.")
            }
            if checked.status.isClosed {
                for task in try await tx.tasks.open(source: "dhr:\(recommendationID)") {
                    _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: checked.status.label)
                }
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .updateHomicideReviewRecommendation, recordType: "homicide_review",
                    recordID: recommendation.reviewID, detail: "recommendation \(recommendation.number) \(checked.status.rawValue)"))
            return recommendation.reviewID
        }
        return try await homicideReview(actor, id: reviewID)
    }

    /// One review with its recommendations. Audited.
    public func homicideReview(_ actor: Actor, id: String) async throws -> HomicideReview {
        try actor.require(.viewHomicideReviews)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let review = try await tx.homicideReviews.find(id: id) else { throw DomainError.notFound(kind: "homicide review", id: id) }
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewHomicideReviews, recordType: "homicide_review", recordID: id))
            return review
        }
    }

    /// Every review with its recommendations, and how they stand today (rule 30). Audited.
    public func homicideReviews(_ actor: Actor) async throws -> (reviews: [HomicideReview], summary: HomicideReviewSummary, today: String) {
        try actor.require(.viewHomicideReviews)
        let now = clock.now()
        let today = CalendarDate.string(now)
        return try await repositories.transaction { tx in
            let reviews = try await tx.homicideReviews.all()
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewHomicideReviews, detail: "list=\(reviews.count)"))
            return (reviews, HomicideReviewRules.summary(reviews, today: today), today)
        }
    }

    /// The recommendations of every review as CSV: which are implemented, which are late.
    public func homicideReviewsCSV(_ actor: Actor) async throws -> String {
        let found = try await homicideReviews(actor)
        return HomicideReviewRules.csv(found.reviews, today: found.today)
    }
}
