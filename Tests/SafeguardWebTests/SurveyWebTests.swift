import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 28 over HTTP: the specialist finds a survey waiting, sees her safe route and the instruction for a dead line,
/// is refused a call off her safe route, records her answers on the page; the API answers the same.
@Suite("Victims' satisfaction survey over HTTP", .serialized)
struct SurveyWebTests {
    @Test(
        "Rule 28: the survey page shows her safe route and the dead-line instruction; a call off the route is refused; her answers are recorded",
        arguments: TestEngine.available)
    func rule28SurveyOnThePages(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            _ = try await store.closedCase(
                name: "Amira", safe: SafeContactDraft(safeNumber: "07700 900123", safeTimes: "Weekdays 10-12", mayLeaveMessage: "no"))
            try await store.actor(.daSpecialist, username: "das")
            let das = try await signIn(client, username: "das", password: "das-test-password")
            let home = String(buffer: try await client.execute(uri: "/", method: .get, headers: das.headers).body)
            #expect(home.contains("href=\"/surveys\""))
            let list = String(buffer: try await client.execute(uri: "/surveys", method: .get, headers: das.headers).body)
            #expect(list.contains("Amira Survey") && list.contains("do NOT leave a message"))
            let survey = try #require(try await store.service.surveysWaiting(try await store.actor(.daSpecialist, username: "das2")).first)
            let page = String(buffer: try await client.execute(uri: "/surveys/\(survey.survey.id)", method: .get, headers: das.headers).body)
            #expect(page.contains("id=\"line-dead-instruction\"") && page.contains("Weekdays 10-12") && page.contains("for=\"answer_overall\""))
            let refused = try await client.execute(
                uri: "/surveys/\(survey.survey.id)/attempts", method: .post, headers: das.formHeaders,
                body: form([("_csrf", das.csrf), ("outcome", "no_answer"), ("left_message", "yes")]))
            let refusedText = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent && refusedText.contains("href=\"#called_safe_number\"") && refusedText.contains("leave none"))
            var fields = [("_csrf", das.csrf), ("outcome", "answered"), ("called_safe_number", "yes"), ("within_safe_times", "yes")]
            for key in ["respect", "taken_seriously", "kept_informed", "felt_safer", "overall"] { fields.append(("answer_\(key)", "fairly_satisfied")) }
            let answered = try await client.execute(uri: "/surveys/\(survey.survey.id)/attempts", method: .post, headers: das.formHeaders, body: form(fields))
            #expect(answered.status == .seeOther || answered.status == .found)
            let after = String(buffer: try await client.execute(uri: "/surveys/\(survey.survey.id)", method: .get, headers: das.headers).body)
            #expect(after.contains("Answered") && after.contains("Fairly satisfied") && !after.contains("Record the call"))

            let api = try await client.execute(uri: "/api/v1/surveys/\(survey.survey.id)", method: .get, headers: try await bearer(store, "das"))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            #expect(api.status == .ok && (body["survey"] as? [String: Any])?["status"] as? String == "answered" && body["instruction"] is String)
            try await store.actor(.analyst, username: "an")
            let other = try await client.execute(uri: "/api/v1/surveys", method: .get, headers: try await bearer(store, "an"))
            #expect(other.status == .forbidden)
        }
    }
}
