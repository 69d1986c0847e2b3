import Foundation

/// A survey as the surveyor about to call her sees it: the survey, who she is, her safe route, the questions and the
/// instruction for a line that goes dead.
public struct SurveyView: Sendable, Equatable {
    public var survey: SatisfactionSurvey
    public var person: PersonSummary?
    public var safeContact: SafeContact?
    public var questions: [SurveyQuestion]
    public var instruction: String
}

extension SafeguardService {
    /// Sets the satisfaction survey when her case closes (rule 28): waiting to be offered when she has a safe route,
    /// otherwise recorded as not offered — she is never called on a number she has not said is safe.
    func setSurvey(_ tx: any RepositoryTransaction, closed: SafeguardingCase, at now: Date) async throws {
        let safe = try await tx.contacts.safeContact(forPeople: try await recordsOfSamePerson(tx, closed.victimPersonID))
        try await tx.surveys.create(
            SatisfactionSurvey(
                id: Self.newID(at: now), caseID: closed.id, caseReference: closed.reference, personID: closed.victimPersonID, offeredAt: now,
                status: SurveyRules.hasSafeRoute(safe) ? .waiting : .noSafeRoute))
    }

    /// Surveys waiting to be offered, oldest first, each with her name and safe route. Those who conduct surveys.
    public func surveysWaiting(_ actor: Actor) async throws -> [SurveyView] {
        try actor.require(.conductSurveys)
        let now = clock.now()
        let rules = policy
        return try await repositories.transaction { tx in
            let waiting = try await tx.surveys.withStatus(.waiting, limit: 200)
            let people = try await tx.people.summaries(ids: waiting.map(\.personID))
            var views: [SurveyView] = []
            for survey in waiting {
                views.append(
                    SurveyView(
                        survey: survey, person: people[survey.personID],
                        safeContact: try await tx.contacts.safeContact(forPeople: try await self.recordsOfSamePerson(tx, survey.personID)),
                        questions: rules.satisfactionQuestions, instruction: SurveyRules.lineDeadInstruction))
            }
            // Each woman on the list, with her safe number, is a read of her record.
            for survey in waiting {
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: actor.user, action: .viewContacts, recordType: "person", recordID: survey.personID,
                        detail: "surveys waiting (\(survey.caseReference))"))
            }
            return views
        }
    }

    /// One survey with her safe route, audited as a read of her record.
    public func survey(_ actor: Actor, id: String) async throws -> SurveyView {
        try actor.require(.conductSurveys)
        let found = try await repositories.read { tx in try await tx.surveys.find(id: id) }
        guard let found else { throw DomainError.notFound(kind: "survey", id: id) }
        let rules = policy
        return try await readOfPersonRecord(actor, personID: found.personID, reason: nil, action: .viewContacts, detail: { _ in "survey \(id)" }) {
            tx, records in
            SurveyView(
                survey: found, person: try await tx.people.summaries(ids: [found.personID])[found.personID],
                safeContact: try await tx.contacts.safeContact(forPeople: records), questions: rules.satisfactionQuestions,
                instruction: SurveyRules.lineDeadInstruction)
        }
    }

    /// Records a call to offer the survey (rule 28): only to her safe number within her safe times, no message unless
    /// she agreed; her answers when she gives them, or that she declined. A line that went dead sets an immediate-
    /// response task at once (Leicestershire) and she is not called for the survey again. Audited.
    public func recordSurveyAttempt(_ actor: Actor, surveyID: String, draft: SurveyAttemptDraft) async throws -> SurveyView {
        try actor.require(.conductSurveys)
        let now = clock.now()
        let rules = policy
        try await repositories.transaction { tx in
            guard let survey = try await tx.surveys.find(id: surveyID) else { throw DomainError.notFound(kind: "survey", id: surveyID) }
            guard survey.status == .waiting else { throw DomainError.conflict("This survey is \(survey.status.label.lowercased()): no more calls are made.") }
            let safe = try await tx.contacts.safeContact(forPeople: try await self.recordsOfSamePerson(tx, survey.personID))
            let checked = try SurveyRules.check(draft, questions: rules.satisfactionQuestions, safe: safe)
            let attempt = SurveyAttempt(
                id: Self.newID(at: now), at: now, by: actor.user.username, outcome: checked.outcome, leftMessage: checked.leftMessage, note: checked.note)
            let status = SurveyRules.status(after: checked.outcome, attempts: survey.attempts.count + 1, policy: rules)
            guard
                try await tx.surveys.addAttempt(attempt, surveyID: surveyID, status: status, answers: checked.answers, expected: survey.status)
            else { throw DomainError.conflict("Someone else recorded a call on this survey just now; look again.") }
            if checked.outcome == .lineDead {
                try await tx.tasks.create(
                    CaseTask(
                        id: Self.newID(at: now), caseID: survey.caseID, incidentID: nil, kind: .surveyImmediateResponse,
                        title: "\(survey.caseReference): the line went dead during her survey call — immediate response to her address",
                        owner: CaseUser(actor.user), dueAt: now.addingTimeInterval(15 * 60), createdAt: now, source: "survey:\(surveyID)"),
                    byUserID: actor.user.id)
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordSurveyAttempt, recordType: "person", recordID: survey.personID,
                    detail: "survey \(surveyID) \(checked.outcome.rawValue)"))
        }
        return try await self.survey(actor, id: surveyID)
    }

    /// Table 2 for the surveys set by cases closing in `[from, to)`.
    func satisfactionFigures(_ tx: any RepositoryTransaction, from: Date, to: Date) async throws -> SatisfactionFigures {
        SurveyRules.figures(try await tx.surveys.offered(from: from, to: to), questions: policy.satisfactionQuestions)
    }
}
