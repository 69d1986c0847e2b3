import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Keeping the victim informed, orders and outcomes over HTTP", .serialized)
struct VictimInformedWebTests {
    /// A victim and the incident naming her suspect, opened by a call handler.
    static func incident(_ store: TestStore) async throws -> (victimID: String, incident: Incident) {
        let handler = try await store.actor(.callHandler, username: "ch")
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
        return (victim.id, incident)
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test(
        "The notification journey through the API: release → tell-the-victim task for her owner → safe route set → a voicemail refused → told by phone → in her log and on the case timeline",
        arguments: TestEngine.available)
    func notificationJourneyOverHTTP(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let pcActor = try await store.actor(.responseOfficer, username: "pc")
            _ = try await store.actor(.analyst, username: "an")
            let (victimID, incident) = try await Self.incident(store)
            let suspectID = try #require(incident.suspects.first?.personID)
            let pc = try await bearer(store, "pc")
            let released = try await client.execute(
                uri: "/api/v1/people/\(suspectID)/custody-events", method: .post, headers: pc,
                body: ByteBuffer(string: "{\"kind\":\"released_under_investigation\"}"))
            #expect(released.status == .created)
            let work = try Self.json(try await client.execute(uri: "/api/v1/my-work", method: .get, headers: pc))
            let tasks = try #require(work["tasks"] as? [[String: Any]])
            let tell = try #require(tasks.first { $0["kind"] as? String == "tell_victim" })
            let taskID = try #require(tell["id"] as? String)

            let safe = try await client.execute(
                uri: "/api/v1/people/\(victimID)/safe-contact", method: .put, headers: pc,
                body: ByteBuffer(string: "{\"safe_number\":\"07700 900999\",\"safe_times\":\"weekdays 10-12\",\"may_leave_message\":false}"))
            #expect(safe.status == .ok)
            // Marking it done in words is refused; a voicemail breaks her route and is refused, naming the field; nothing changes.
            let plain = try await client.execute(
                uri: "/api/v1/tasks/\(taskID)/complete", method: .post, headers: pc, body: ByteBuffer(string: "{\"outcome\":\"done\"}"))
            #expect(plain.status == .unprocessableContent)
            let voicemail = try await client.execute(
                uri: "/api/v1/tasks/\(taskID)/victim-told", method: .post, headers: pc,
                body: ByteBuffer(string: "{\"told\":true,\"method\":\"voicemail\"}"))
            #expect(voicemail.status == .unprocessableContent)
            #expect(String(buffer: voicemail.body).contains("\"method\""))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM contacts") == 0)
            let told = try await client.execute(
                uri: "/api/v1/tasks/\(taskID)/victim-told", method: .post, headers: pc,
                body: ByteBuffer(string: "{\"told\":true,\"method\":\"phone\",\"note\":\"Told her he is released under investigation\"}"))
            #expect(told.status == .ok)
            #expect((try Self.json(told)["completed_at"]) != nil)
            let log = try Self.json(try await client.execute(uri: "/api/v1/people/\(victimID)/contacts", method: .get, headers: pc))
            #expect((log["entries"] as? [[String: Any]])?.count == 1)
            #expect((log["safe_contact"] as? [String: Any])?["may_leave_message"] as? Bool == false)
            let caseID = try #require(try await store.service.viewIncidentRecord(pcActor, id: incident.id).cases.first?.id)
            let view = try Self.json(try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: pc))
            #expect((view["timeline"] as? [[String: Any]])?.contains { $0["kind"] as? String == "contact" } == true)
            // An analyst cannot log a contact.
            let analyst = try await client.execute(
                uri: "/api/v1/people/\(victimID)/contacts", method: .post, headers: try await bearer(store, "an"),
                body: ByteBuffer(string: "{\"method\":\"phone\",\"reached\":true,\"summary\":\"x\"}"))
            #expect(analyst.status == .forbidden)
        }
    }

    @Test(
        "Through the pages: an order recorded on the suspect's page (a refusal marks only that form), a breach on it, the tell-the-victim form on her case, an outcome on the incident",
        arguments: TestEngine.available)
    func ordersContactsOutcomesThroughPages(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let pcActor = try await store.actor(.responseOfficer, username: "pc")
            let (victimID, incident) = try await Self.incident(store)
            let suspectID = try #require(incident.suspects.first?.personID)
            let officer = try await signIn(client, username: "pc", password: "pc-test-password")
            let page = String(buffer: try await client.execute(uri: "/people/\(suspectID)", method: .get, headers: officer.headers).body)
            #expect(page.contains("Record an order against this person") && page.contains("Maya Lindqvist"))

            let missing = try await client.execute(
                uri: "/people/\(suspectID)/orders", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("kind", "dvpn"), ("protected_person_id", victimID)]))
            #expect(missing.status == .unprocessableContent)
            let refused = String(buffer: missing.body)
            #expect(refused.contains("href=\"#order_terms\"") && refused.contains("Record the terms"))
            #expect(!refused.contains("Record the bail conditions"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM protective_orders") == 0)

            let saved = try await client.execute(
                uri: "/people/\(suspectID)/orders", method: .post, headers: officer.formHeaders,
                body: form([
                    ("_csrf", officer.csrf), ("kind", "dvpn"), ("protected_person_id", victimID),
                    ("terms", "Not to come within 100 metres of her home")
                ]))
            let location = saved.headers[.location] ?? ""
            #expect(location.contains("order_triggered=3"))
            let orderID = try #require(try await store.service.orders(pcActor, personID: suspectID).first?.id)
            let breach = try await client.execute(
                uri: "/orders/\(orderID)/events", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("person_id", suspectID), ("kind", "breached"), ("note", "Came to her door at 02:00")]))
            #expect(breach.headers[.location]?.contains("order_triggered=3") == true)
            let after = String(buffer: try await client.execute(uri: "/people/\(suspectID)", method: .get, headers: officer.headers).body)
            #expect(
                after.contains("1 breach(es)") && after.contains("No court hearing booked"),
                "\(after.components(separatedBy: "id=\"orders\"").last?.prefix(1500) ?? "")")

            // Her case shows the order, the safe route prompt, and the tell-the-victim form.
            let caseID = try #require(try await store.service.viewIncidentRecord(pcActor, id: incident.id).cases.first?.id)
            let casePage = String(buffer: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: officer.headers).body)
            #expect(
                casePage.contains("Domestic violence protection notice") && casePage.contains("Was she told?") && casePage.contains("No safe-contact details"))
            let tell = try #require(try await store.service.myWork(pcActor).tasks.first { $0.kind == .tellVictim })
            let notTold = try await client.execute(
                uri: "/tasks/\(tell.id)/victim-told", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("return_to", "/cases/\(caseID)"), ("told", "no")]))
            #expect(notTold.status == .unprocessableContent)
            #expect(String(buffer: notTold.body).contains("href=\"#note_\(tell.id)\""))
            let told = try await client.execute(
                uri: "/tasks/\(tell.id)/victim-told", method: .post, headers: officer.formHeaders,
                body: form([
                    ("_csrf", officer.csrf), ("return_to", "/cases/\(caseID)"), ("told", "yes"), ("method", "in_person"),
                    ("note", "Visited; told her the notice's terms")
                ]))
            #expect(told.headers[.location] == "/cases/\(caseID)")
            let victimPage = String(buffer: try await client.execute(uri: "/people/\(victimID)", method: .get, headers: officer.headers).body)
            #expect(victimPage.contains("Visited; told her the notice") && victimPage.contains("Last contact: Police"))

            // An outcome needs a crime: record the scene, then a caution, which goes to review.
            _ = try await store.service.recordScene(pcActor, incidentID: incident.id, draft: sceneDraft())
            let outcome = try await client.execute(
                uri: "/incidents/\(incident.id)/outcomes", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("outcome_kind", "restorative_justice"), ("outcome_reason", "She wants to meet him")]))
            #expect(outcome.status == .unprocessableContent)
            #expect(String(buffer: outcome.body).contains("not used for intimate-partner abuse"))
            let charged = try await client.execute(
                uri: "/incidents/\(incident.id)/outcomes", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("outcome_kind", "charge")]))
            #expect(charged.headers[.location] == "/incidents/\(incident.id)#outcomes")
            let api = try Self.json(
                try await client.execute(uri: "/api/v1/incidents/\(incident.id)/outcomes", method: .get, headers: try await bearer(store, "pc")))
            #expect((api["outcomes"] as? [[String: Any]])?.first?["kind"] as? String == "charge")
        }
    }

    @Test(
        "Permissions: who may record orders and outcomes, log contacts, set the safe route, and read her contact log; an empty body from a permitted role names the fields and writes nothing",
        arguments: TestEngine.available)
    func permissionsForOrdersContactsOutcomes(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (victimID, incident) = try await Self.incident(store)
            let suspectID = try #require(incident.suspects.first?.personID)
            let recorders: Set<Role> = [.responseOfficer, .sergeant, .daSpecialist, .investigator]
            let workers: Set<Role> = [.responseOfficer, .sergeant, .daSpecialist, .investigator]
            for role in Role.allCases {
                let name = "p\(role.rawValue.replacingOccurrences(of: "_", with: ""))"
                _ = try await store.actor(role, username: name)
                let headers = try await bearer(store, name)
                let order = try await client.execute(uri: "/api/v1/people/\(suspectID)/orders", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(order.status == (recorders.contains(role) ? .unprocessableContent : .forbidden), "order for \(role)")
                let outcome = try await client.execute(
                    uri: "/api/v1/incidents/\(incident.id)/outcomes", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(outcome.status == (recorders.contains(role) ? .unprocessableContent : .forbidden), "outcome for \(role)")
                let contact = try await client.execute(
                    uri: "/api/v1/people/\(victimID)/contacts", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(contact.status == (workers.contains(role) ? .unprocessableContent : .forbidden), "contact for \(role)")
                let safe = try await client.execute(
                    uri: "/api/v1/people/\(victimID)/safe-contact", method: .put, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(safe.status == (workers.contains(role) ? .unprocessableContent : .forbidden), "safe route for \(role)")
                let log = try await client.execute(
                    uri: "/api/v1/people/\(victimID)/contacts?reason=Reviewing%20contact%20for%20QA", method: .get, headers: headers)
                // An area-scoped role (the neighbourhood officer, with no area here) reads no one's.
                let reads = role.can(.viewIncident) && !store.service.policy.seesOwnAreaOnly(role)
                #expect(log.status == (reads ? .ok : .forbidden), "contact log for \(role)")
            }
            for table in ["protective_orders", "crime_outcomes", "contacts", "safe_contacts"] {
                #expect(try await store.count("SELECT COUNT(*) AS n FROM \(table)") == 0, "\(table) untouched")
            }
        }
    }
}
