import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Risk assessment over HTTP", .serialized)
struct RiskAssessmentWebTests {
    static func openIncident(_ store: TestStore) async throws -> (incidentID: String, victimID: String) {
        let handler = try await store.actor(.callHandler, username: "ch")
        let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02"))
        let draft = CallDraft(
            channel: "999", relationship: "intimate_partner", parties: [CallPartyDraft(role: "victim", personID: victim.id)],
            immediateDanger: "yes", suspectLocation: "nearby", injuries: "yes", weapons: "no", childrenPresent: "no", fear: "very")
        return (try await store.service.openIncident(handler, draft: draft).incident.id, victim.id)
    }

    @Test(
        "Rule 7: the officer's form is blank every time — never pre-filled from an earlier assessment — and the saved level shows on the incident",
        arguments: TestEngine.available)
    func rule7FormNeverPrefilled(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (incidentID, victimID) = try await Self.openIncident(store)
            _ = try await store.actor(.responseOfficer, username: "pc")
            let officer = try await signIn(client, username: "pc", password: "pc-test-password")
            // An earlier assessment exists for this victim…
            _ = try await store.service.recordRiskAssessment(
                try await store.actor(.sergeant), incidentID: incidentID,
                draft: try dashDraft(victimID: victimID, yes: 27, level: "high"))
            // …and the new form still has no answer chosen.
            let blank = String(
                buffer: try await client.execute(uri: "/incidents/\(incidentID)/risk-assessments/new", method: .get, headers: officer.headers).body)
            #expect(blank.contains("Has the abuser ever tried to strangle, choke, suffocate or drown the victim?"))
            #expect(!blank.contains("name=\"answer_injury\" value=\"yes\" checked"))
            #expect(blank.components(separatedBy: " checked").count - 1 == 1)  // only the single victim is preselected

            let dash = try RiskInstruments.named("dash-2009")
            var fields: [(String, String)] = [
                ("_csrf", officer.csrf), ("victim_person_id", victimID), ("level", "high"),
                ("rationale", "Strangled tonight, very frightened, he is nearby.")
            ]
            for (i, q) in dash.questions.enumerated() { fields.append(("answer_\(q.id)", i < 5 ? "yes" : "not_known")) }
            let missing = try await client.execute(
                uri: "/incidents/\(incidentID)/risk-assessments", method: .post, headers: officer.formHeaders,
                body: form(fields.filter { $0.0 != "answer_weapons" }))
            #expect(missing.status == .unprocessableContent)
            #expect(String(buffer: missing.body).contains("Has the abuser ever used a weapon"))
            let saved = try await client.execute(
                uri: "/incidents/\(incidentID)/risk-assessments", method: .post, headers: officer.formHeaders, body: form(fields))
            #expect(saved.status == .seeOther || saved.status == .found)
            let page = String(buffer: try await client.execute(uri: "/incidents/\(incidentID)", method: .get, headers: officer.headers).body)
            #expect(page.contains("5 yes answers (a guide, not the level)"))
            // The reviewer reads the answers themselves on the page, not only the count.
            #expect(page.contains("Has this incident left the victim injured?</dt><dd><strong>Yes</strong>"))
            #expect(page.contains("Not known"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_assessments") == 2)
        }
    }

    @Test(
        "Rule 7: a force on its own instrument file gets that file's questions on the officer's page, and the page records on it",
        arguments: TestEngine.available)
    func rule7PageFollowsTheForcesInstrument(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.riskInstrument = "dara-force-variant"
        try await withApp(engine, policy: policy) { store, client in
            let (incidentID, victimID) = try await Self.openIncident(store)
            _ = try await store.actor(.responseOfficer, username: "pc")
            let officer = try await signIn(client, username: "pc", password: "pc-test-password")
            let page = String(
                buffer: try await client.execute(uri: "/incidents/\(incidentID)/risk-assessments/new", method: .get, headers: officer.headers).body)
            #expect(page.contains("Has the abuser ever choked, strangled, suffocated or held the victim under water?"))
            #expect(page.contains("Coercive and controlling behaviour"))
            #expect(!page.contains("Has the abuser ever tried to strangle, choke, suffocate or drown the victim?"))
            let variant = try RiskInstruments.named("dara-force-variant")
            var fields: [(String, String)] = [
                ("_csrf", officer.csrf), ("victim_person_id", victimID), ("level", "high"),
                ("rationale", "Choked tonight and he tracks her phone; she is terrified.")
            ]
            for q in variant.questions { fields.append(("answer_\(q.id)", ["choked", "controls"].contains(q.id) ? "yes" : "no")) }
            for q in variant.supplementary[0].questions { fields.append(("answer_\(q.id)", "not_known")) }
            let saved = try await client.execute(
                uri: "/incidents/\(incidentID)/risk-assessments", method: .post, headers: officer.formHeaders, body: form(fields))
            #expect(saved.status == .seeOther || saved.status == .found)
            let incident = String(buffer: try await client.execute(uri: "/incidents/\(incidentID)", method: .get, headers: officer.headers).body)
            #expect(incident.contains("Has the abuser ever choked, strangled, suffocated or held the victim under water?</dt><dd><strong>Yes</strong>"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_assessments WHERE instrument_id = 'dara-force-variant'") == 1)
        }
    }

    @Test(
        "API: an assessment with snake_case question ids is stored (201); the instrument can be read; a partner may not assess", arguments: TestEngine.available
    )
    func assessmentAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (incidentID, victimID) = try await Self.openIncident(store)
            _ = try await store.actor(.responseOfficer, username: "pc")
            _ = try await store.actor(.partnerAgency, username: "idva")
            let instrument = try await client.execute(uri: "/api/v1/risk-instruments/dash-2009", method: .get, headers: try await bearer(store, "pc"))
            #expect(instrument.status == .ok)
            #expect(String(buffer: instrument.body).contains("\"threats_to_kill\""))
            let dash = try RiskInstruments.named("dash-2009")
            let answers = dash.questions.map { "\"\($0.id)\":\"\($0.id == "threats_to_kill" ? "yes" : "no")\"" }.joined(separator: ",")
            let body =
                #"{"victim_person_id":"\#(victimID)","answers":{\#(answers)},"notes":{"threats_to_kill":"said he would kill her"},"level":"medium","rationale":"Threat made in temper, victim now with family."}"#
            let created = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/risk-assessments", method: .post, headers: try await bearer(store, "pc"),
                body: ByteBuffer(string: body))
            #expect(created.status == .created)
            #expect(String(buffer: created.body).contains("\"yes_count\":1"))
            #expect(String(buffer: created.body).contains("said he would kill her"))
            let partner = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/risk-assessments", method: .post, headers: try await bearer(store, "idva"),
                body: ByteBuffer(string: body))
            #expect(partner.status == .forbidden)
            let bad = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/risk-assessments", method: .post, headers: try await bearer(store, "pc"),
                body: ByteBuffer(string: #"{"victim_person_id":"\#(victimID)","answers":{},"level":"extreme"}"#))
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("answers.threats_to_kill"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM risk_assessments") == 1)
        }
    }
}

@Suite("Reviewing risk over HTTP", .serialized)
struct RiskReviewWebTests {
    @Test(
        "Rule 16: the sergeant sees the assessment on the review queue page and changes the level in place; the API refuses capacity as a reason",
        arguments: TestEngine.available)
    func sergeantReviewsOverHTTP(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (incidentID, victimID) = try await RiskAssessmentWebTests.openIncident(store)
            let assessment = try await store.service.recordRiskAssessment(
                try await store.actor(.responseOfficer), incidentID: incidentID,
                draft: try dashDraft(victimID: victimID, yes: 4, level: "medium"))
            _ = try await store.actor(.sergeant, username: "sgt")
            let sergeant = try await signIn(client, username: "sgt", password: "sgt-test-password")
            let queue = String(buffer: try await client.execute(uri: "/reviews", method: .get, headers: sergeant.headers).body)
            #expect(queue.contains("/incidents/\(incidentID)#assessments"))

            let capacity = try await client.execute(
                uri: "/api/v1/risk-assessments/\(assessment.id)/review", method: .post, headers: try await bearer(store, "sgt"),
                body: ByteBuffer(
                    string: #"{"new_level":"standard","reason":"professional_judgement","explanation":"Our workload is too high for medium cases"}"#))
            #expect(capacity.status == .unprocessableContent)
            #expect(String(buffer: capacity.body).contains("never a reason"))

            let reviewed = try await client.execute(
                uri: "/risk-assessments/\(assessment.id)/review", method: .post, headers: sergeant.formHeaders,
                body: form([
                    ("_csrf", sergeant.csrf), ("incident_id", incidentID), ("quality_note", "Thorough"),
                    ("new_level", "high"), ("reason", "risk_factor_missed"),
                    ("explanation", "Injuries to the neck seen by the officer: strangulation.")
                ]))
            #expect(reviewed.status == .seeOther || reviewed.status == .found)
            let page = String(buffer: try await client.execute(uri: "/incidents/\(incidentID)", method: .get, headers: sergeant.headers).body)
            #expect(page.contains("The officer judged <strong>medium</strong>"))
            #expect(page.contains("medium → <strong>high</strong>"))
            let api = String(buffer: try await client.execute(uri: "/api/v1/reviews", method: .get, headers: try await bearer(store, "sgt")).body)
            #expect(api == #"{"items":[]}"#)
        }
    }
}
