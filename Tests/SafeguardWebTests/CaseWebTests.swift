import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Cases, handovers and tasks over HTTP", .serialized)
struct CaseWebTests {
    /// A call through the API and a high-risk assessment by the officer: the case is offered to the specialist.
    static func highRiskCase(_ store: TestStore, _ client: any TestClientProtocol) async throws -> (caseID: String, victimID: String) {
        let handler = try await store.actor(.callHandler, username: "ch")
        let officer = try await store.actor(.responseOfficer, username: "pc")
        let specialist = try await store.actor(.daSpecialist, username: "dasp")
        let sergeant = try await store.actor(.sergeant, username: "sgt")
        for member in [officer, specialist] { try await store.service.setSupervisor(userID: member.user.id, supervisorID: sergeant.user.id, by: nil) }
        let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02"))
        let call = """
            {"channel":"999","relationship":"intimate_partner","parties":[{"role":"victim","person_id":"\(victim.id)"}],"immediate_danger":"no",
             "suspect_location":"left","injuries":"no","weapons":"no","children_present":"no","fear":"quite"}
            """
        let opened = try await client.execute(uri: "/api/v1/incidents", method: .post, headers: try await bearer(store, "ch"), body: ByteBuffer(string: call))
        #expect(opened.status == .created)
        let record = try APIJSONTest.object(opened)
        let firstCase = try #require((record["cases"] as? [[String: Any]])?.first)
        let caseID = try #require(firstCase["id"] as? String)
        let incidentID = try #require((record["incident"] as? [String: Any])?["id"] as? String)
        #expect((firstCase["owner"] as? [String: Any])?["id"] as? String == officer.user.id)
        let dash = try RiskInstruments.named("dash-2009")
        let answers = dash.questions.enumerated().map { "\"\($1.id)\":\"\($0 < 8 ? "yes" : "no")\"" }.joined(separator: ",")
        let prompts = dash.supplementary.flatMap(\.questions).map { "\"\($0.id)\":\"no\"" }.joined(separator: ",")
        let assessed = try await client.execute(
            uri: "/api/v1/incidents/\(incidentID)/risk-assessments", method: .post, headers: try await bearer(store, "pc"),
            body: ByteBuffer(
                string: """
                    {"victim_person_id":"\(victim.id)","answers":{\(answers),\(prompts)},"level":"high",
                     "rationale":"Injured tonight and very frightened; he has strangled her before."}
                    """))
        #expect(assessed.status == .created)
        return (caseID, victim.id)
    }

    static func actorNamed(_ store: TestStore, _ username: String) async throws -> Actor {
        Actor(try #require(try await store.repositories.transaction { tx in try await tx.users.credentials(username: username) }).user)
    }

    @Test(
        "Rule 15 over HTTP: the specialist sees the offer on 'my work', accepts it, adds a toolkit action to the safety plan and closes a task; bad input is named",
        arguments: TestEngine.available)
    func specialistJourney(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (caseID, _) = try await Self.highRiskCase(store, client)
            let specialist = try await signIn(client, username: "dasp", password: "dasp-test-password")
            let work = String(buffer: try await client.execute(uri: "/my-work", method: .get, headers: specialist.headers).body)
            #expect(work.contains("Offered to you"))
            #expect(work.contains("/cases/\(caseID)/handover/accept"))

            let accepted = try await client.execute(
                uri: "/cases/\(caseID)/handover/accept", method: .post, headers: specialist.formHeaders,
                body: form([("_csrf", specialist.csrf), ("return_to", "/cases/\(caseID)")]))
            #expect(accepted.status == .seeOther || accepted.status == .found)
            var page = String(buffer: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: specialist.headers).body)
            #expect(page.contains("<strong>Test DA specialist (DA specialist)</strong>"))
            #expect(page.contains("Review the safety plan (high risk)"))

            let badDue = try await client.execute(
                uri: "/cases/\(caseID)/safety-actions", method: .post, headers: specialist.formHeaders,
                body: form([
                    ("_csrf", specialist.csrf), ("return_to", "/cases/\(caseID)"),
                    ("action", SafetyToolkit.cambridgeshire[3]), ("due_at", "tomorrow")
                ]))
            #expect(badDue.status == .unprocessableContent)
            #expect(String(buffer: badDue.body).contains("is not a date and time like"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM tasks WHERE kind = 'safety_action'") == 0)
            let added = try await client.execute(
                uri: "/cases/\(caseID)/safety-actions", method: .post, headers: specialist.formHeaders,
                body: form([
                    ("_csrf", specialist.csrf), ("return_to", "/cases/\(caseID)"),
                    ("action", SafetyToolkit.cambridgeshire[3]), ("due_at", "2026-11-23T09:00")
                ]))
            #expect(added.status == .seeOther || added.status == .found)
            page = String(buffer: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: specialist.headers).body)
            #expect(page.contains(SafetyToolkit.cambridgeshire[3]))

            let dasp = try await Self.actorNamed(store, "dasp")
            let taskID = try #require(try await store.service.viewCase(dasp, caseID: caseID).tasks.first { $0.kind == .safetyAction }?.id)
            let empty = try await client.execute(
                uri: "/tasks/\(taskID)/complete", method: .post, headers: specialist.formHeaders,
                body: form([("_csrf", specialist.csrf), ("return_to", "/my-work"), ("outcome", " ")]))
            #expect(empty.status == .unprocessableContent)
            #expect(String(buffer: empty.body).contains("href=\"#outcome_\(taskID)\""))
            let done = try await client.execute(
                uri: "/tasks/\(taskID)/complete", method: .post, headers: specialist.formHeaders,
                body: form([("_csrf", specialist.csrf), ("return_to", "/my-work"), ("outcome", "Alarm fitted and tested.")]))
            #expect(done.status == .seeOther || done.status == .found)

            let api = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: try await bearer(store, "dasp"))
            let view = try APIJSONTest.object(api)
            #expect(((view["safeguarding_case"] as? [String: Any])?["owner"] as? [String: Any])?["display_name"] as? String == "Test DA specialist")
            #expect(
                (view["tasks"] as? [[String: Any]] ?? []).contains {
                    $0["kind"] as? String == "safety_action" && $0["outcome"] as? String == "Alarm fitted and tested."
                })
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_case'") >= 3)
        }
    }

    @Test(
        "Rules 15 and 20 on the page: a sergeant sees their team on 'my work' and marks an officer away; the officer's case comes to the sergeant, and back is one click",
        arguments: TestEngine.available)
    func supervisorMarksSomeoneAway(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (caseID, _) = try await Self.highRiskCase(store, client)
            let officer = try await Self.actorNamed(store, "pc")
            // The officer still owns the case until the specialist accepts the high-risk offer.
            #expect(try await store.service.viewCase(officer, caseID: caseID).safeguardingCase.owner.id == officer.user.id)
            let sergeant = try await signIn(client, username: "sgt", password: "sgt-test-password")
            let page = String(buffer: try await client.execute(uri: "/my-work", method: .get, headers: sergeant.headers).body)
            #expect(page.contains("My team"))
            #expect(page.contains("Mark Test Response officer away"))
            let marked = try await client.execute(
                uri: "/users/\(officer.user.id)/availability", method: .post, headers: sergeant.formHeaders,
                body: form([("_csrf", sergeant.csrf), ("available", "false"), ("return_to", "/my-work")]))
            #expect(marked.status == .seeOther || marked.status == .found)
            let after = String(buffer: try await client.execute(uri: "/my-work", method: .get, headers: sergeant.headers).body)
            #expect(after.contains("Mark Test Response officer back"))
            #expect(after.contains("Moved to you: its owner is away."))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'set_availability' AND detail = 'away'") == 1)
            // The officer's own page does not list a team: nobody reports to them.
            let pc = try await signIn(client, username: "pc", password: "pc-test-password")
            #expect(!String(buffer: try await client.execute(uri: "/my-work", method: .get, headers: pc.headers).body).contains("My team"))
        }
    }

    @Test(
        "Permissions: who may see 'my work', a case, the review queues, assess, record the scene, update evidence, add a safety action, name an investigator, offer a case on, mark someone away; the API names bad fields and changes nothing",
        arguments: TestEngine.available)
    func permissionsAndBadInput(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (caseID, _) = try await Self.highRiskCase(store, client)
            let incidentID = try #require(
                try await store.service.viewCase(try await Self.actorNamed(store, "pc"), caseID: caseID).safeguardingCase.incidentIDs.first)
            let worksCases: Set<Role> = [.responseOfficer, .sergeant, .daSpecialist, .investigator]
            // The MARAC coordinator has tasks too (the minutes, late actions to chase), and the control room supervisor
            // (the dip samples of calls, rule 29), but no cases.
            let allowedMyWork: Set<Role> = worksCases.union([.maracCoordinator, .controlRoomSupervisor])
            let canSeeCase: Set<Role> = worksCases  // those who work cases; the roles that look back must give a reason
            let lookBack: Set<Role> = [.analyst, .auditor, .neighbourhoodOfficer, .maracCoordinator]
            let canReview: Set<Role> = [.sergeant, .daSpecialist]
            let canRecordScene: Set<Role> = [.responseOfficer, .sergeant, .daSpecialist]
            for role in Role.allCases {
                let name = "r\(role.rawValue.replacingOccurrences(of: "_", with: ""))"
                _ = try await store.actor(role, username: name)
                let headers = try await bearer(store, name)
                let work = try await client.execute(uri: "/api/v1/my-work", method: .get, headers: headers)
                #expect(work.status == (allowedMyWork.contains(role) ? .ok : .forbidden), "my-work for \(role)")
                let view = try await client.execute(uri: "/api/v1/cases/\(caseID)", method: .get, headers: headers)
                #expect(view.status == (canSeeCase.contains(role) ? .ok : .forbidden), "case for \(role)")
                let reasoned = try await client.execute(
                    uri: "/api/v1/cases/\(caseID)?reason=Domestic%20homicide%20review%20file%20check", method: .get, headers: headers)
                #expect(reasoned.status == (canSeeCase.contains(role) || lookBack.contains(role) ? .ok : .forbidden), "case with a reason for \(role)")
                let queue = try await client.execute(uri: "/api/v1/reviews/no-arrest", method: .get, headers: headers)
                #expect(queue.status == (canReview.contains(role) ? .ok : .forbidden), "no-arrest queue for \(role)")
                // An empty scene body: a role that may record the scene is told what is missing (422), any other is refused (403).
                let scene = try await client.execute(
                    uri: "/api/v1/incidents/\(incidentID)/scene", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(scene.status == (canRecordScene.contains(role) ? .unprocessableContent : .forbidden), "scene for \(role)")
                // The same empty-body probe for the other actions: allowed roles are told what is wrong, others refused.
                let reviews = try await client.execute(uri: "/api/v1/reviews", method: .get, headers: headers)
                #expect(reviews.status == (canReview.contains(role) ? .ok : .forbidden), "review queue for \(role)")
                let assess = try await client.execute(
                    uri: "/api/v1/incidents/\(incidentID)/risk-assessments", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(assess.status == (canRecordScene.contains(role) ? .unprocessableContent : .forbidden), "assessment for \(role)")
                // No scene is recorded on this incident yet, so a role that may update evidence is told to record it first.
                let evidence = try await client.execute(
                    uri: "/api/v1/incidents/\(incidentID)/evidence", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(evidence.status == (worksCases.contains(role) ? .conflict : .forbidden), "evidence for \(role)")
                let action = try await client.execute(
                    uri: "/api/v1/cases/\(caseID)/safety-actions", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(action.status == (worksCases.contains(role) ? .unprocessableContent : .forbidden), "safety action for \(role)")
                let investigator = try await client.execute(
                    uri: "/api/v1/cases/\(caseID)/investigator", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(investigator.status == (worksCases.contains(role) ? .unprocessableContent : .forbidden), "investigator for \(role)")
            }
            // Each look-back view is in the audit with its reason.
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_case' AND reason = 'Domestic homicide review file check' AND role IN ('analyst', 'auditor', 'neighbourhood_officer', 'marac_coordinator')"
                ) == 4)
            let officerID = try await Self.actorNamed(store, "pc").user.id
            // A response officer who does not own the case may not offer it on; a call handler may not mark the officer away.
            let other = try await client.execute(
                uri: "/api/v1/cases/\(caseID)/handover", method: .post, headers: try await bearer(store, "rresponseofficer"),
                body: ByteBuffer(string: "{\"to_user_id\":\"\(officerID)\",\"note\":\"yours\"}"))
            #expect(other.status == .forbidden)
            let away = try await client.execute(
                uri: "/api/v1/users/\(officerID)/availability", method: .post, headers: try await bearer(store, "ch"),
                body: ByteBuffer(string: "{\"available\":false}"))
            #expect(away.status == .forbidden)

            let noNote = try await client.execute(
                uri: "/api/v1/cases/\(caseID)/handover", method: .post, headers: try await bearer(store, "pc"),
                body: ByteBuffer(string: "{\"to_user_id\":\"\(officerID)\"}"))
            #expect(noNote.status == .unprocessableContent)
            #expect(String(buffer: noNote.body).contains("\"note\""))
            let noFlag = try await client.execute(
                uri: "/api/v1/users/\(officerID)/availability", method: .post, headers: try await bearer(store, "pc"), body: ByteBuffer(string: "{}"))
            #expect(noFlag.status == .unprocessableContent)
            #expect(String(buffer: noFlag.body).contains("available"))
            let toolkit = try await client.execute(uri: "/api/v1/safety-toolkit", method: .get, headers: try await bearer(store, "pc"))
            #expect(String(buffer: toolkit.body).contains("silent 999"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'handover_offered'") == 1)  // only the system's offer
            #expect(try await store.count("SELECT COUNT(*) AS n FROM users WHERE available = FALSE") == 0)

            // The partner agency's page is refused too.
            let partner = try await signIn(client, username: "rpartneragency", password: "rpartneragency-test-password")
            #expect(try await client.execute(uri: "/my-work", method: .get, headers: partner.headers).status == .forbidden)
        }
    }

    @Test(
        "Rule 15 on the page: closing a case with open tasks is refused beside the form, keeping what was typed; nothing changes",
        arguments: TestEngine.available)
    func closeRefusedOnThePage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let (caseID, _) = try await Self.highRiskCase(store, client)
            let sergeant = try await signIn(client, username: "sgt", password: "sgt-test-password")
            let response = try await client.execute(
                uri: "/cases/\(caseID)/close", method: .post, headers: sergeant.formHeaders,
                body: form([("_csrf", sergeant.csrf), ("return_to", "/cases/\(caseID)"), ("reason", "She moved away to family")]))
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            #expect(page.contains("still open"))
            #expect(page.contains(">She moved away to family</textarea>"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM cases WHERE status = 'closed'") == 0)
        }
    }

}

/// API replies read as a client would: plain JSON objects with snake_case keys.
enum APIJSONTest {
    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

}
