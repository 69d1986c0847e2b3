import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 21 over HTTP: the referral on the case page and the API, and the coordinator's list.
@Suite("MARAC referrals over HTTP", .serialized)
struct MaracWebTests {
    static let research = "Three calls in a month; he has moved back to her street."

    static func victimCase(_ store: TestStore) async throws -> (caseID: String, reference: String) {
        let handler = try await store.actor(.callHandler, username: "ch")
        let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02"))
        let record = try await store.service.openIncident(
            handler,
            draft: CallDraft(
                channel: "101", relationship: "intimate_partner", parties: [CallPartyDraft(role: "victim", personID: victim.id)], immediateDanger: "no",
                suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite"))
        let found = try #require(record.cases.first)
        return (found.id, found.reference)
    }

    @Test(
        "Rule 21: a specialist refers on the case page — missing research is refused beside its field; the coordinator's list shows the referral",
        arguments: TestEngine.available)
    func referralOnTheCasePage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.daSpecialist, username: "das")
            try await store.actor(.maracCoordinator, username: "marac")
            let (caseID, reference) = try await Self.victimCase(store)
            let specialist = try await signIn(client, username: "das", password: "das-test-password")
            let page = String(buffer: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: specialist.headers).body)
            #expect(page.contains("action=\"/cases/\(caseID)/marac-referrals\"") && page.contains("value=\"professional_judgement\""))

            let refused = try await client.execute(
                uri: "/cases/\(caseID)/marac-referrals", method: .post, headers: specialist.formHeaders,
                body: form([
                    ("_csrf", specialist.csrf), ("return_to", "/cases/\(caseID)"), ("criteria", "professional_judgement"), ("referring_agency", "police"),
                    ("research", "")
                ]))
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("href=\"#research\""))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM marac_referrals") == 0)

            let referred = try await client.execute(
                uri: "/cases/\(caseID)/marac-referrals", method: .post, headers: specialist.formHeaders,
                body: form([
                    ("_csrf", specialist.csrf), ("return_to", "/cases/\(caseID)"), ("criteria", "professional_judgement"), ("referring_agency", "police"),
                    ("research", Self.research)
                ]))
            #expect(referred.status == .seeOther || referred.status == .found)
            let after = String(buffer: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: specialist.headers).body)
            #expect(after.contains("Her referrals") && after.contains("makes her a repeat MARAC case"))

            let coordinator = try await signIn(client, username: "marac", password: "marac-test-password")
            let list = String(buffer: try await client.execute(uri: "/marac/referrals", method: .get, headers: coordinator.headers).body)
            #expect(list.contains(reference) && list.contains("Professional judgement"))
        }
    }

    @Test(
        "Rule 21: POST /api/v1/cases/{id}/marac-referrals → 201; a criterion not shown or an unknown field → 422; a call handler → 403; the coordinator lists it",
        arguments: TestEngine.available)
    func referralOverTheAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.daSpecialist, username: "das")
            try await store.actor(.maracCoordinator, username: "marac")
            let (caseID, _) = try await Self.victimCase(store)
            let path = "/api/v1/cases/\(caseID)/marac-referrals"
            let unmet = try await client.execute(
                uri: path, method: .post, headers: try await bearer(store, "das"),
                body: ByteBuffer(string: #"{"criteria":["visible_high_risk"],"referring_agency":"police","research":"\#(Self.research)"}"#))
            #expect(unmet.status == .unprocessableContent && String(buffer: unmet.body).contains(#""field":"criteria""#))
            let unknown = try await client.execute(
                uri: path, method: .post, headers: try await bearer(store, "das"),
                body: ByteBuffer(string: #"{"criteria":["professional_judgement"],"referring_agency":"police","research":"x","quota":1}"#))
            #expect(unknown.status == .unprocessableContent)
            let handler = try await client.execute(
                uri: path, method: .post, headers: try await bearer(store, "ch"),
                body: ByteBuffer(string: #"{"criteria":["professional_judgement"],"referring_agency":"police","research":"x"}"#))
            #expect(handler.status == .forbidden)

            let created = try await client.execute(
                uri: path, method: .post, headers: try await bearer(store, "das"),
                body: ByteBuffer(string: #"{"criteria":["professional_judgement"],"referring_agency":"health","research":"\#(Self.research)"}"#))
            #expect(created.status == .created)
            let referral = try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any]
            #expect(referral?["referring_agency"] as? String == "health" && referral?["is_repeat"] as? Bool == false)
            let view = try await client.execute(uri: "/api/v1/cases/\(caseID)/marac", method: .get, headers: try await bearer(store, "das"))
            #expect(view.status == .ok && String(buffer: view.body).contains(#""referral_due":false"#))
            let list = try await client.execute(uri: "/api/v1/marac/referrals", method: .get, headers: try await bearer(store, "marac"))
            #expect(list.status == .ok && String(buffer: list.body).contains(referral?["id"] as? String ?? "-"))
        }
    }

    @Test(
        "Rule 22: the case page records an IDVA offer (a refusal without why is refused beside its field); the IDVA sees her caseload on /idva; a housing partner is refused it",
        arguments: TestEngine.available)
    func idvaOfferAndService(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.daSpecialist, username: "das")
            let idva = try await store.service.createUser(
                username: "idva", displayName: "Ivy Advocate", role: .partnerAgency, password: "idva-test-password", agency: "idva")
            _ = try await store.service.createUser(
                username: "housing", displayName: "Hal Housing", role: .partnerAgency, password: "housing-test-password", agency: "housing")
            let (caseID, _) = try await Self.victimCase(store)
            let specialist = try await signIn(client, username: "das", password: "das-test-password")
            let page = String(buffer: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: specialist.headers).body)
            #expect(page.contains("action=\"/cases/\(caseID)/idva-offers\"") && page.contains("Ivy Advocate"))
            let refused = try await client.execute(
                uri: "/cases/\(caseID)/idva-offers", method: .post, headers: specialist.formHeaders,
                body: form([("_csrf", specialist.csrf), ("return_to", "/cases/\(caseID)"), ("idva_offer", "1"), ("outcome", "declined"), ("reason", "")]))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("href=\"#reason_idva\""))
            let offered = try await client.execute(
                uri: "/api/v1/cases/\(caseID)/idva-offers", method: .post, headers: try await bearer(store, "das"),
                body: ByteBuffer(string: #"{"outcome":"accepted","idva_user_id":"\#(idva.id)"}"#))
            #expect(offered.status == .created)

            let advocate = try await signIn(client, username: "idva", password: "idva-test-password")
            let servicePage = String(buffer: try await client.execute(uri: "/idva", method: .get, headers: advocate.headers).body)
            #expect(servicePage.contains("Ivy Advocate") && servicePage.contains("<td>1</td>"))
            let loads = try await client.execute(uri: "/api/v1/idva/caseloads", method: .get, headers: try await bearer(store, "idva"))
            #expect(loads.status == .ok && String(buffer: loads.body).contains(#""caseload":1"#))
            let housing = try await client.execute(uri: "/api/v1/idva/caseloads", method: .get, headers: try await bearer(store, "housing"))
            #expect(housing.status == .forbidden)
        }
    }
}

@Suite("MARAC meetings over HTTP", .serialized)
struct MaracMeetingWebTests {
    @Test(
        "Rule 21: the coordinator schedules a meeting over the API (201), its agenda holds the referral, an action is added on the page, and the IDVA reports her action back over the API",
        arguments: TestEngine.available)
    func meetingOverHTTP(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let specialist = try await store.actor(.daSpecialist, username: "das")
            try await store.actor(.maracCoordinator, username: "marac")
            _ = try await store.service.createUser(
                username: "idva", displayName: "Ivy Advocate", role: .partnerAgency, password: "idva-test-password", agency: "idva")
            let (caseID, reference) = try await MaracWebTests.victimCase(store)
            _ = try await store.service.referToMarac(
                specialist, caseID: caseID, draft: MaracReferralDraft(criteria: ["professional_judgement"], referringAgency: "police", research: "Research."))
            let today = CalendarDate.string(store.clock.now())
            let created = try await client.execute(
                uri: "/api/v1/marac/meetings", method: .post, headers: try await bearer(store, "marac"),
                body: ByteBuffer(string: #"{"held_on":"\#(today)","chair":"DI Rowe","agencies":["idva","housing"]}"#))
            #expect(created.status == .created)
            let meetingID = (try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any])?["id"] as? String ?? ""
            let refused = try await client.execute(
                uri: "/api/v1/marac/meetings", method: .post, headers: try await bearer(store, "das"),
                body: ByteBuffer(string: #"{"held_on":"\#(today)","chair":"DI Rowe","agencies":["idva"]}"#))
            #expect(refused.status == .forbidden)

            let coordinator = try await signIn(client, username: "marac", password: "marac-test-password")
            let page = String(buffer: try await client.execute(uri: "/marac/meetings/\(meetingID)", method: .get, headers: coordinator.headers).body)
            #expect(page.contains(reference) && page.contains("Research."))
            let added = try await client.execute(
                uri: "/marac/meetings/\(meetingID)/actions", method: .post, headers: coordinator.formHeaders,
                body: form([
                    ("_csrf", coordinator.csrf), ("case_id", caseID), ("agency", "idva"), ("owner", "Ivy Advocate"), ("description", "Weekly visits"),
                    ("due_on", today)
                ]))
            #expect(added.status == .seeOther || added.status == .found)
            let meeting = try await client.execute(uri: "/api/v1/marac/meetings/\(meetingID)", method: .get, headers: try await bearer(store, "marac"))
            let json = try JSONSerialization.jsonObject(with: Data(buffer: meeting.body)) as? [String: Any]
            let actionID = ((json?["actions"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
            let reported = try await client.execute(
                uri: "/api/v1/marac/actions/\(actionID)/status", method: .post, headers: try await bearer(store, "idva"),
                body: ByteBuffer(string: #"{"status":"done"}"#))
            #expect(reported.status == .ok && String(buffer: reported.body).contains(#""status":"done""#))
        }
    }
}
