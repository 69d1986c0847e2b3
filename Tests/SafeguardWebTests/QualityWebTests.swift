import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 29 over HTTP: the specialist draws the week's samples on the page naming reviewers; the control room
/// supervisor finds theirs waiting and records the findings; the results show by measure; the API the same.
@Suite("Dip samples over HTTP", .serialized)
struct QualityWebTests {
    @Test(
        "Rule 29: samples drawn on the page for a named reviewer, reviewed on the page, the results shown; a reviewer who is not an account is named",
        arguments: TestEngine.available)
    func rule29DipSamplesOnThePages(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            try await store.actor(.daSpecialist, username: "das")
            try await store.actor(.controlRoomSupervisor, username: "crs")
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Dina", surname: "Marsh"))
            _ = try await store.service.openIncident(
                handler,
                draft: CallDraft(
                    channel: "999", relationship: "intimate_partner", parties: [CallPartyDraft(role: "victim", personID: victim.id)],
                    immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite"))
            store.clock.advance(by: 600)
            let das = try await signIn(client, username: "das", password: "das-test-password")
            let page = String(buffer: try await client.execute(uri: "/quality", method: .get, headers: das.headers).body)
            #expect(page.contains("Draw this week's samples") && page.contains("for=\"reviewer_control_room_call\""))
            let bad = try await client.execute(
                uri: "/quality/draw", method: .post, headers: das.formHeaders, body: form([("_csrf", das.csrf), ("reviewer_control_room_call", "nobody")]))
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("href=\"#reviewer_control_room_call\""))
            let drawn = try await client.execute(
                uri: "/quality/draw", method: .post, headers: das.formHeaders, body: form([("_csrf", das.csrf), ("reviewer_control_room_call", "crs")]))
            #expect(drawn.headers[.location] == "/quality?drawn=1")

            let crs = try await signIn(client, username: "crs", password: "crs-test-password")
            let mine = String(buffer: try await client.execute(uri: "/quality", method: .get, headers: crs.headers).body)
            #expect(mine.contains("Control-room call DA-"))
            let reader = try await store.actor(.daSpecialist, username: "das2")
            let sample = try #require(try await store.service.qualityReport(reader, from: "2000-01-01", to: "2100-01-01").samples.first)
            let form1 = String(buffer: try await client.execute(uri: "/quality/\(sample.id)", method: .get, headers: crs.headers).body)
            #expect(form1.contains("Record your findings") && form1.contains("for=\"answer_history_checked\""))
            let missing = try await client.execute(
                uri: "/quality/\(sample.id)/findings", method: .post, headers: crs.formHeaders,
                body: form([("_csrf", crs.csrf), ("answer_history_checked", "no")]))
            #expect(missing.status == .unprocessableContent && String(buffer: missing.body).contains("href=\"#answer_grading_right\""))
            var fields = [("_csrf", crs.csrf), ("note", "All done as it should be.")]
            for measure in QualitySampleKind.controlRoomCall.measures { fields.append(("answer_\(measure.key)", "yes")) }
            let done = try await client.execute(uri: "/quality/\(sample.id)/findings", method: .post, headers: crs.formHeaders, body: form(fields))
            #expect(done.status == .seeOther || done.status == .found)

            let results = String(buffer: try await client.execute(uri: "/quality", method: .get, headers: das.headers).body)
            #expect(results.contains("Control-room call: 1 reviewed of 1 drawn") && results.contains("100% of 5"))
            let day = CalendarDate.string(store.clock.now())
            let api = try await client.execute(
                uri: "/api/v1/quality-samples/report?from=\(day)&to=2100-01-01", method: .get, headers: try await bearer(store, "das"))
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            #expect(api.status == .ok && (body["samples"] as? [Any])?.count == 1)
            let refused = try await client.execute(
                uri: "/api/v1/quality-samples/report?from=\(day)&to=2100-01-01", method: .get, headers: try await bearer(store, "ch"))
            #expect(refused.status == .forbidden)
        }
    }
}
