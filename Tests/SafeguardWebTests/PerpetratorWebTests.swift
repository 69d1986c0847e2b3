import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 24 over HTTP: the perpetrators page and its run button, and the API — scores with their components and the
/// weights published; a neighbourhood officer held to their own area.
@Suite("Perpetrator lists over HTTP", .serialized)
struct PerpetratorWebTests {
    /// One man, two incidents against two women in the north.
    static func twoIncidents(_ store: TestStore) async throws -> String {
        _ = try await store.service.createArea(code: "NTH", name: "North", postcodes: ["PR"])
        _ = try await store.service.createArea(code: "STH", name: "South", postcodes: ["LA"])
        let handler = try await store.actor(.callHandler, username: "ch")
        let suspect = try await store.service.createPerson(
            handler, draft: PersonDraft(firstName: "Dale", surname: "Harker", dateOfBirth: "1980-03-04", sex: "male"))
        for (first, birth) in [("Amy", "1990-01-02"), ("Beth", "1991-02-03")] {
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: first, surname: "Moss", dateOfBirth: birth))
            _ = try await store.service.openIncident(
                handler,
                draft: CallDraft(
                    channel: "999", addressLine1: "4 Mill Lane", town: "Preston", postcode: "PR1 1AB", relationship: "intimate_partner",
                    parties: [CallPartyDraft(role: "victim", personID: victim.id), CallPartyDraft(role: "suspect", personID: suspect.id)],
                    immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite"))
        }
        return suspect.id
    }

    @Test(
        "Rule 24: a sergeant runs the lists on the page and sees the man ranked with his score's parts and the weights; the API gives the same",
        arguments: TestEngine.available)
    func pageAndAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            try await store.actor(.sergeant, username: "sgt")
            let suspectID = try await Self.twoIncidents(store)
            let sergeant = try await signIn(client, username: "sgt", password: "sgt-test-password")
            let empty = String(buffer: try await client.execute(uri: "/perpetrators", method: .get, headers: sergeant.headers).body)
            #expect(empty.contains("The lists have not been run yet") && empty.contains("Days of harm: "))
            let ran = try await client.execute(
                uri: "/perpetrators/runs", method: .post, headers: sergeant.formHeaders, body: form([("_csrf", sergeant.csrf)]))
            #expect(ran.status == .seeOther || ran.status == .found)
            let page = String(buffer: try await client.execute(uri: "/perpetrators?area=NTH", method: .get, headers: sergeant.headers).body)
            #expect(page.contains("href=\"/people/\(suspectID)\"") && page.contains("Repeat perpetrators, One perpetrator, several victims"))
            #expect(page.contains("Ranked with weights version 1") && page.contains("×1.5"))
            let south = String(buffer: try await client.execute(uri: "/perpetrators?area=STH", method: .get, headers: sergeant.headers).body)
            #expect(!south.contains("/people/\(suspectID)") && south.contains("Nobody is on this list"))

            let headers = try await bearer(store, "sgt")
            let api = try await client.execute(uri: "/api/v1/perpetrators?list=repeat&limit=5", method: .get, headers: headers)
            #expect(api.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            let item = try #require((body["items"] as? [[String: Any]])?.first)
            #expect(item["person_id"] as? String == suspectID && item["lists"] as? [String] == ["repeat", "many_victims"])
            let components = try #require(item["components"] as? [String: Any])
            #expect(components["frequency"] as? Int == 2 && components["victim_multiplier"] as? Double == 1.5)
            #expect((body["weights"] as? [String: Any])?["points_per_incident"] as? Double == 10 && body["weights_version"] as? Int == 1)
            let bad = try await client.execute(uri: "/api/v1/perpetrators?list=worst", method: .get, headers: headers)
            #expect(bad.status == .unprocessableContent)
            let run = try await client.execute(uri: "/api/v1/perpetrators/runs", method: .post, headers: headers)
            #expect(run.status == .created)
        }
    }

    @Test(
        "Rule 24: a neighbourhood officer's list is their own area's, with a reason; another area's is refused; a call handler has none",
        arguments: TestEngine.available)
    func neighbourhoodOfficerOwnArea(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let sergeant = try await store.actor(.sergeant, username: "sgt")
            let suspectID = try await Self.twoIncidents(store)
            _ = try await store.service.createUser(
                username: "pcnorth", displayName: "PC North", role: .neighbourhoodOfficer, password: "pcnorth-test-password", areaCode: "NTH")
            _ = try await store.service.runPerpetratorLists(sergeant)
            let officer = try await signIn(client, username: "pcnorth", password: "pcnorth-test-password")
            let asked = String(buffer: try await client.execute(uri: "/perpetrators", method: .get, headers: officer.headers).body)
            #expect(asked.contains("must say why") && !asked.contains("/people/\(suspectID)"))
            let mine = String(
                buffer: try await client.execute(uri: "/perpetrators?reason=Morning+briefing+North", method: .get, headers: officer.headers).body)
            #expect(mine.contains("Your area: <strong>North</strong>") && mine.contains("/people/\(suspectID)"))
            let headers = try await bearer(store, "pcnorth")
            let other = try await client.execute(uri: "/api/v1/perpetrators?area=STH&reason=Morning+briefing", method: .get, headers: headers)
            #expect(other.status == .forbidden)
            let handler = try await bearer(store, "ch")
            #expect(try await client.execute(uri: "/api/v1/perpetrators", method: .get, headers: handler).status == .forbidden)
        }
    }

    @Test(
        "Rule 24: the daily briefing page — a sergeant sets a visit for the area's neighbourhood officer, who records its result and is marked briefed; the API gives the briefing",
        arguments: TestEngine.available)
    func dailyBriefingPage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let sergeant = try await store.actor(.sergeant, username: "sgt")
            let suspectID = try await Self.twoIncidents(store)
            _ = try await store.service.createUser(
                username: "pcnorth", displayName: "PC North", role: .neighbourhoodOfficer, password: "pcnorth-test-password", areaCode: "NTH")
            _ = try await store.service.runPerpetratorLists(sergeant)
            let sgt = try await signIn(client, username: "sgt", password: "sgt-test-password")
            let page = String(buffer: try await client.execute(uri: "/areas/NTH/briefing", method: .get, headers: sgt.headers).body)
            #expect(page.contains("Daily briefing: North") && page.contains("href=\"/people/\(suspectID)\""))
            #expect(!page.contains("4 Mill Lane"))
            let refused = try await client.execute(
                uri: "/areas/NTH/tasks", method: .post, headers: sgt.formHeaders,
                body: form([("_csrf", sgt.csrf), ("kind", "visit"), ("assignee", "nobody"), ("due_on", "2026-11-23"), ("note", "Visit him")]))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("href=\"#assignee\""))
            let set = try await client.execute(
                uri: "/areas/NTH/tasks", method: .post, headers: sgt.formHeaders,
                body: form([
                    ("_csrf", sgt.csrf), ("kind", "visit"), ("person_id", suspectID), ("assignee", "pcnorth"), ("due_on", "2026-11-23"),
                    ("note", "Visit him about his conditions")
                ]))
            #expect(set.status == .seeOther || set.status == .found)
            let pc = try await signIn(client, username: "pcnorth", password: "pcnorth-test-password")
            let mine = try await client.execute(uri: "/briefing", method: .get, headers: pc.headers)
            #expect(mine.headers[.location] == "/areas/NTH/briefing")
            let own = String(buffer: try await client.execute(uri: "/areas/NTH/briefing", method: .get, headers: pc.headers).body)
            let action = try #require(own.range(of: #"/neighbourhood-tasks/[0-9a-f-]+/result"#, options: .regularExpression))
            let taskID = own[action].split(separator: "/")[1]
            let recorded = try await client.execute(
                uri: "/neighbourhood-tasks/\(taskID)/result", method: .post, headers: pc.formHeaders,
                body: form([("_csrf", pc.csrf), ("area", "NTH"), ("result", "Seen at home; conditions explained")]))
            #expect(recorded.status == .seeOther || recorded.status == .found)
            _ = try await client.execute(uri: "/areas/NTH/briefed", method: .post, headers: pc.formHeaders, body: form([("_csrf", pc.csrf)]))
            let headers = try await bearer(store, "pcnorth")
            let api = try await client.execute(uri: "/api/v1/areas/NTH/briefing", method: .get, headers: headers)
            #expect(api.status == .ok)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            #expect((body["tasks"] as? [[String: Any]])?.first?["result"] as? String == "Seen at home; conditions explained")
            #expect((body["briefed_today"] as? [[String: Any]])?.first?["username"] as? String == "pcnorth")
            #expect(((body["hotspots"] as? [[String: Any]]) ?? []).isEmpty)
        }
    }
}
