import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Custody events over HTTP", .serialized)
struct CustodyWebTests {
    @Test(
        "The officer records police bail on the suspect's page: missing conditions are named with the typed values kept; saved, it sets tasks on the victim's case; the API does the same; a partner may not",
        arguments: TestEngine.available)
    func bailThroughPageAndAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            _ = try await store.actor(.responseOfficer, username: "pc")
            _ = try await store.actor(.partnerAgency, username: "idva")
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02"))
            let incident = try await store.service.openIncident(
                handler,
                draft: CallDraft(
                    channel: "999", relationship: "intimate_partner",
                    parties: [
                        CallPartyDraft(role: "victim", personID: victim.id),
                        CallPartyDraft(role: "suspect", newPerson: PersonDraft(firstName: "Rob", surname: "Kane", dateOfBirth: "1988-08-08"))
                    ],
                    immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
            ).incident
            let suspectID = try #require(incident.suspects.first?.personID)
            let officer = try await signIn(client, username: "pc", password: "pc-test-password")
            let page = String(buffer: try await client.execute(uri: "/people/\(suspectID)", method: .get, headers: officer.headers).body)
            #expect(page.contains("Record a custody or court event"))

            let missing = try await client.execute(
                uri: "/people/\(suspectID)/custody-events", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("kind", "police_bail"), ("note", "Bailed at 05:10")]))
            #expect(missing.status == .unprocessableContent)
            let refused = String(buffer: missing.body)
            #expect(refused.contains("href=\"#conditions\"") && refused.contains("href=\"#ends_on\""))
            #expect(refused.contains("Bailed at 05:10"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM custody_events") == 0)

            let saved = try await client.execute(
                uri: "/people/\(suspectID)/custody-events", method: .post, headers: officer.formHeaders,
                body: form([
                    ("_csrf", officer.csrf), ("kind", "police_bail"), ("incident_id", incident.id),
                    ("conditions", "Not to contact her or enter Bank Street"), ("ends_on", "2026-12-20")
                ]))
            #expect(saved.status == .seeOther || saved.status == .found)
            let location = saved.headers[.location] ?? ""
            #expect(location.contains("triggered=3"))
            let after = String(buffer: try await client.execute(uri: location, method: .get, headers: officer.headers).body)
            #expect(after.contains("3 task(s) set on victims") && after.contains("Released on police bail"))

            let api = try await client.execute(
                uri: "/api/v1/people/\(suspectID)/custody-events", method: .post, headers: try await bearer(store, "pc"),
                body: ByteBuffer(string: "{\"kind\":\"charged\"}"))
            #expect(api.status == .created)
            #expect(String(buffer: api.body).contains("\"tell_victim\""))
            let partner = try await client.execute(
                uri: "/api/v1/people/\(suspectID)/custody-events", method: .post, headers: try await bearer(store, "idva"),
                body: ByteBuffer(string: "{\"kind\":\"charged\"}"))
            #expect(partner.status == .forbidden)
            let list = try await client.execute(uri: "/api/v1/people/\(suspectID)/custody-events", method: .get, headers: try await bearer(store, "pc"))
            #expect(String(buffer: list.body).contains("\"police_bail\""))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'tell_victim'") == 2)
        }
    }
}
