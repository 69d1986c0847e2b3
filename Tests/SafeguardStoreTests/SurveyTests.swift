import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rule 28 on both databases: the satisfaction survey set when a case closes, offered only through her safe route, a
/// line gone dead answered at once, her answers counted as Table 2 in the figures, and a woman with no safe route
/// never called.
@Suite("Victims' satisfaction survey", .serialized)
struct SurveyTests {
    @Test(
        "Rule 28: the survey is offered only on her safe number within her safe times, no message unless agreed; a dead line sets an immediate response; her answers count in Table 2; no safe route, no call",
        arguments: TestEngine.available)
    func rule28SurveyOnlyThroughTheSafeRoute(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let from = CalendarDate.string(store.clock.now())
            _ = try await store.closedCase(
                name: "Amira", safe: SafeContactDraft(safeNumber: "07700 900123", safeTimes: "Weekdays 10-12", mayLeaveMessage: "no"))
            _ = try await store.closedCase(name: "Beth", safe: nil)
            let surveyor = try await store.actor(.daSpecialist, username: "surveyor")
            let waiting = try await store.service.surveysWaiting(surveyor)
            #expect(
                waiting.count == 1 && waiting[0].person?.firstName == "Amira"
                    && waiting[0].safeContact?.safeNumber?.filter(\.isNumber).hasSuffix("7700900123") == true)
            let id = waiting[0].survey.id
            #expect(waiting[0].instruction.contains("immediate response"))

            // Not her safe number, outside her times, or a message she did not agree to: refused, nothing recorded.
            do {
                _ = try await store.service.recordSurveyAttempt(
                    surveyor, surveyID: id, draft: SurveyAttemptDraft(outcome: "no_answer", calledSafeNumber: "no", withinSafeTimes: "no", leftMessage: "yes"))
                Issue.record("a call off her safe route was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(Set(errors.map(\.field)) == ["called_safe_number", "within_safe_times", "left_message"])
            }
            // Not safe to talk: the survey still waits for another safe time.
            var view = try await store.service.recordSurveyAttempt(
                surveyor, surveyID: id,
                draft: SurveyAttemptDraft(outcome: "unsafe_to_talk", calledSafeNumber: "yes", withinSafeTimes: "yes", note: "Said she would call back"))
            #expect(view.survey.status == .waiting && view.survey.attempts.count == 1)
            // Every question answered, or none: one missing is named.
            do {
                _ = try await store.service.recordSurveyAttempt(
                    surveyor, surveyID: id,
                    draft: SurveyAttemptDraft(
                        outcome: "answered", calledSafeNumber: "yes", withinSafeTimes: "yes", answers: ["respect": "very_satisfied"]))
                Issue.record("a survey with answers missing was accepted")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field).contains("answer_overall"))
            }
            view = try await store.service.recordSurveyAttempt(
                surveyor, surveyID: id,
                draft: SurveyAttemptDraft(
                    outcome: "answered", calledSafeNumber: "yes", withinSafeTimes: "yes",
                    answers: [
                        "respect": "very_satisfied", "taken_seriously": "fairly_satisfied", "kept_informed": "fairly_dissatisfied", "felt_safer": "neither",
                        "overall": "fairly_satisfied"
                    ]))
            #expect(view.survey.status == .answered && view.survey.answers["kept_informed"] == .fairlyDissatisfied)
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordSurveyAttempt(
                    surveyor, surveyID: id, draft: SurveyAttemptDraft(outcome: "declined", calledSafeNumber: "yes", withinSafeTimes: "yes"))
            }

            // Another woman's line goes dead: an immediate-response task at once, and she is not called again.
            let cara = try await store.closedCase(
                name: "Cara", safe: SafeContactDraft(safeNumber: "07700 900456", safeTimes: "Evenings", mayLeaveMessage: "no"))
            let caraSurvey = try #require(try await store.service.surveysWaiting(surveyor).first { $0.survey.personID == cara.victimID })
            let dead = try await store.service.recordSurveyAttempt(
                surveyor, surveyID: caraSurvey.survey.id,
                draft: SurveyAttemptDraft(
                    outcome: "line_dead", calledSafeNumber: "yes", withinSafeTimes: "yes", note: "Cut off mid-sentence; control room asked to attend"))
            #expect(dead.survey.status == .lineDead)
            let urgent = try await store.service.myWork(surveyor).tasks.filter { $0.kind == .surveyImmediateResponse }
            #expect(urgent.count == 1 && urgent[0].dueAt <= store.clock.now().addingTimeInterval(15 * 60))
            await #expect(throws: DomainError.self) {
                _ = try await store.service.recordSurveyAttempt(
                    surveyor, surveyID: caraSurvey.survey.id, draft: SurveyAttemptDraft(outcome: "no_answer", calledSafeNumber: "yes", withinSafeTimes: "yes"))
            }

            // Table 2 in the figures: one answered, one ended by a dead line, one never called for want of a safe route.
            let analyst = try await store.actor(.analyst, username: "an")
            let to = CalendarDate.string(store.clock.now().addingTimeInterval(86_400))
            let figures = try await store.service.figures(analyst, from: from, to: to, area: nil)
            #expect(figures.satisfaction.surveys == 3 && figures.satisfaction.byStatus["answered"] == 1 && figures.satisfaction.byStatus["no_safe_route"] == 1)
            #expect(figures.satisfaction.byStatus["line_dead"] == 1)
            let respect = try #require(figures.satisfaction.questions.first { $0.key == "respect" })
            let informed = try #require(figures.satisfaction.questions.first { $0.key == "kept_informed" })
            #expect(respect.answered == 1 && respect.share == 1 && informed.share == 0)
            // Leaders see it suppressed: one answer singles her out.
            let leader = try await store.actor(.seniorLeader, username: "lead")
            let year = String(from.prefix(4))
            store.clock.advance(by: 60 * 86_400)  // the year over: leaders see completed periods only
            let summary = try await store.service.leaderFigures(leader, period: year, area: nil)
            #expect(summary.surveys == .fewerThan(10) && summary.satisfaction.allSatisfy { $0.share == nil })
            // Only those who conduct surveys call.
            await #expect(throws: DomainError.self) { _ = try await store.service.surveysWaiting(analyst) }
        }
    }
}
