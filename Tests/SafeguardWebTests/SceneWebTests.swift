import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("At the scene over HTTP", .serialized)
struct SceneWebTests {
    @Test(
        "Officer's journey: the scene page records two children, evidence, no arrest and a toolkit action; a child is refused as interpreter with the typed values kept; the sergeant sees the no-arrest decision on /reviews",
        arguments: TestEngine.available)
    func officerRecordsTheScene(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (incidentID, victimID) = try await RiskAssessmentWebTests.openIncident(store)
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let sergeant = try await store.actor(.sergeant, username: "sgt")
            try await store.service.setSupervisor(userID: officer.user.id, supervisorID: sergeant.user.id, by: nil)
            let browser = try await signIn(client, username: "pc", password: "pc-test-password")
            let blank = String(buffer: try await client.execute(uri: "/incidents/\(incidentID)/scene/new", method: .get, headers: browser.headers).body)
            #expect(blank.contains("Photographs of injuries"))
            #expect(!blank.lowercased().contains("want an arrest") && !blank.lowercased().contains("wants an arrest"))

            var fields: [(String, String)] = [
                ("_csrf", browser.csrf),
                ("child_0_first_name", "Tayo"), ("child_0_surname", "Lindqvist"), ("child_0_date_of_birth", "2016-03-02"), ("child_0_presence", "present"),
                ("child_0_school", "Mill Lane Primary"),
                ("child_1_first_name", "Remi"), ("child_1_surname", "Lindqvist"), ("child_1_date_of_birth", "2024-07-09"), ("child_1_presence", "household"),
                ("victim_supports_action", "no"), ("counter_allegation", "yes"), ("crime_recorded", "yes"), ("suspect_identified", "yes"), ("arrested", "no"),
                ("no_arrest_rationale", "Suspect left before arrival, area search negative, circulated as wanted."),
                ("interpreter_needed", "yes"), ("interpreter_language", "Swedish"), ("interpreter_kind", "adult_family_member"),
                ("safety_action", SafetyToolkit.cambridgeshire[8])
            ]
            for item in EvidenceItem.allCases { fields.append(("evidence_\(item.rawValue)", item == .houseToHouse ? "not_yet" : "gathered")) }
            // The first child (15 at most) is named as the interpreter through a crafted post: refused, nothing written.
            let witness = try await store.service.createPerson(
                try await store.actor(.callHandler, username: "ch2"),
                draft: PersonDraft(firstName: "Ola", surname: "Lindqvist", dateOfBirth: "2012-01-01"))
            try await store.execute("INSERT INTO incident_parties (incident_id, person_id, role) VALUES ('\(incidentID)', '\(witness.id)', 'witness')")
            let suspect = try await store.service.createPerson(
                try await store.actor(.callHandler, username: "ch3"),
                draft: PersonDraft(firstName: "Rob", surname: "Kane", dateOfBirth: "1988-08-08"))
            try await store.execute("INSERT INTO incident_parties (incident_id, person_id, role) VALUES ('\(incidentID)', '\(suspect.id)', 'suspect')")
            let refused = try await client.execute(
                uri: "/incidents/\(incidentID)/scene", method: .post, headers: browser.formHeaders,
                body: form(fields + [("interpreter_person_id", witness.id)]))
            #expect(refused.status == .unprocessableContent)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains("A child can never be recorded as the interpreter"))
            #expect(refusedPage.contains("value=\"Mill Lane Primary\""))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM scene_records") == 0)

            let saved = try await client.execute(uri: "/incidents/\(incidentID)/scene", method: .post, headers: browser.formHeaders, body: form(fields))
            #expect(saved.status == .seeOther || saved.status == .found)
            let page = String(buffer: try await client.execute(uri: "/incidents/\(incidentID)", method: .get, headers: browser.headers).body)
            #expect(page.contains("6 of 7 gathered"))
            #expect(page.contains("consider an evidence-led prosecution"))
            #expect(page.contains("/incidents/\(incidentID)/counter-allegation"))
            let sideBySide = try await client.execute(uri: "/incidents/\(incidentID)/counter-allegation", method: .get, headers: browser.headers)
            #expect(sideBySide.status == .ok)
            #expect(String(buffer: sideBySide.body).contains("Rob Kane"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind IN ('childrens_social_care_referral', 'school_notification')") == 3)

            let sgt = try await signIn(client, username: "sgt", password: "sgt-test-password")
            let reviews = String(buffer: try await client.execute(uri: "/reviews", method: .get, headers: sgt.headers).body)
            #expect(reviews.contains("No-arrest decisions to review"))
            #expect(reviews.contains("circulated as wanted"))
            _ = victimID
        }
    }

    @Test(
        "API: POST /incidents/{id}/scene names every bad field and writes nothing; a good one is 201; the no-arrest queue and the side-by-side view answer",
        arguments: TestEngine.available)
    func sceneAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (incidentID, _) = try await RiskAssessmentWebTests.openIncident(store)
            _ = try await store.actor(.responseOfficer, username: "pc")
            _ = try await store.actor(.sergeant, username: "sgt")
            _ = try await store.actor(.partnerAgency, username: "idva")
            let bad = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/scene", method: .post, headers: try await bearer(store, "pc"),
                body: ByteBuffer(string: "{\"crime_recorded\":\"maybe\",\"safety_actions\":[\"Shout\"]}"))
            #expect(bad.status == .unprocessableContent)
            let problem = String(buffer: bad.body)
            for field in ["evidence.injury_photographs", "crime_recorded", "arrested", "safety_actions[0]", "victim_supports_action"] {
                #expect(problem.contains("\"\(field)\""), "names \(field)")
            }
            let evidence = EvidenceItem.allCases.map { "\"\($0.rawValue)\":\"gathered\"" }.joined(separator: ",")
            let good = """
                {"children":[{"first_name":"Tayo","surname":"Lindqvist","date_of_birth":"2016-03-02","presence":"present"}],"evidence":{\(evidence)},
                 "victim_supports_action":"yes","counter_allegation":"no","crime_recorded":"yes","suspect_identified":"yes","arrested":"no",
                 "no_arrest_rationale":"Suspect left before arrival, area search negative, circulated as wanted.","interpreter_needed":"no",
                 "safety_actions":["\(SafetyToolkit.cambridgeshire[1])"]}
                """
            let partner = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/scene", method: .post, headers: try await bearer(store, "idva"), body: ByteBuffer(string: good))
            #expect(partner.status == .forbidden)
            let created = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/scene", method: .post, headers: try await bearer(store, "pc"), body: ByteBuffer(string: good))
            #expect(created.status == .created)
            #expect(String(buffer: created.body).contains("\"recording_999_kept\":\"gathered\""))
            let queue = try await client.execute(uri: "/api/v1/reviews/no-arrest", method: .get, headers: try await bearer(store, "sgt"))
            #expect(String(buffer: queue.body).contains("circulated as wanted"))
            let officerQueue = try await client.execute(uri: "/api/v1/reviews/no-arrest", method: .get, headers: try await bearer(store, "pc"))
            #expect(officerQueue.status == .forbidden)
            let again = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/scene", method: .post, headers: try await bearer(store, "pc"), body: ByteBuffer(string: good))
            #expect(again.status == .conflict)
        }
    }

    @Test(
        "Rule 10: the incident page updates the evidence after the scene — a refusal keeps what was typed beside its field; her withdrawal shows as evidence-led with its history; the API does the same and a partner may not",
        arguments: TestEngine.available)
    func evidenceUpdatedAfterTheScene(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (incidentID, _) = try await RiskAssessmentWebTests.openIncident(store)
            let officerActor = try await store.actor(.responseOfficer, username: "pc")
            _ = try await store.actor(.investigator, username: "dc")
            _ = try await store.actor(.callHandler, username: "ch2")
            _ = try await store.actor(.partnerAgency, username: "idva")
            _ = try await store.service.recordScene(officerActor, incidentID: incidentID, draft: sceneDraft())
            let dc = try await signIn(client, username: "dc", password: "dc-test-password")
            let page = String(buffer: try await client.execute(uri: "/incidents/\(incidentID)", method: .get, headers: dc.headers).body)
            #expect(page.contains("Update the evidence"))
            #expect(page.contains("name=\"update_evidence_house_to_house\" value=\"not_yet\" checked"))  // today's answer is chosen
            // A call handler sees the evidence but not the form.
            let handler = try await signIn(client, username: "ch2", password: "ch2-test-password")
            #expect(
                !String(buffer: try await client.execute(uri: "/incidents/\(incidentID)", method: .get, headers: handler.headers).body).contains(
                    "Update the evidence"))

            // Her support withdrawn without saying what she said: refused, the choice kept, the note's field named.
            let refused = try await client.execute(
                uri: "/incidents/\(incidentID)/evidence", method: .post, headers: dc.formHeaders,
                body: form([
                    ("_csrf", dc.csrf), ("update_evidence_house_to_house", "gathered"), ("update_victim_supports_action", "no"), ("update_note", "")
                ]))
            #expect(refused.status == .unprocessableContent)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains("href=\"#update_note\""))
            #expect(refusedPage.contains("name=\"update_evidence_house_to_house\" value=\"gathered\" checked"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM scene_evidence_changes") == 0)

            let saved = try await client.execute(
                uri: "/incidents/\(incidentID)/evidence", method: .post, headers: dc.formHeaders,
                body: form([
                    ("_csrf", dc.csrf), ("update_evidence_house_to_house", "gathered"), ("update_victim_supports_action", "no"),
                    ("update_note", "She rang: will not give a statement, frightened of his brother.")
                ]))
            #expect(saved.status == .seeOther || saved.status == .found)
            let after = String(buffer: try await client.execute(uri: "/incidents/\(incidentID)", method: .get, headers: dc.headers).body)
            #expect(after.contains("Evidence since the scene"))
            #expect(after.contains("House-to-house enquiries: not yet → gathered"))
            #expect(after.contains("consider an evidence-led prosecution"))
            #expect(after.contains("frightened of his brother"))

            let api = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/evidence", method: .post, headers: try await bearer(store, "dc"),
                body: ByteBuffer(string: #"{"evidence":{"witness_statements":"gathered"},"note":"Neighbour's statement taken."}"#))
            #expect(api.status == .ok)
            #expect(String(buffer: api.body).contains("\"witness_statements\":\"gathered\""))
            let bad = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/evidence", method: .post, headers: try await bearer(store, "dc"),
                body: ByteBuffer(string: #"{"evidence":{"dna":"gathered"}}"#))
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("evidence.dna"))
            let partner = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/evidence", method: .post, headers: try await bearer(store, "idva"),
                body: ByteBuffer(string: #"{"evidence":{"house_to_house":"not_yet"}}"#))
            #expect(partner.status == .forbidden)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM scene_evidence_changes") == 2)
        }
    }
}
