import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Call handler's journey and the briefing over HTTP", .serialized)
struct CallJourneyTests {
    static let questions: [(String, String)] = [
        ("channel", "999"), ("caller", "victim"), ("setting", "urban"), ("relationship", "ex_partner"), ("abuse_types", "physical"),
        ("immediate_danger", "no"), ("suspect_location", "left"), ("injuries", "no"), ("weapons", "no"), ("children_present", "yes"),
        ("children_count", "1"), ("fear", "quite"), ("fear_in_their_words", "he said he'd be back"),
        ("address_line1", "3 Bank Street"), ("town", "Northbridge"), ("postcode", "NB2 1AA"), ("summary", "Door kicked; suspect left on foot.")
    ]

    @Test(
        "Rule 1 and 4: the handler types the caller's details, sees her under her maiden name, chooses her, answers the questions and opens the incident; the supervisor authorises a downgrade",
        arguments: TestEngine.available)
    func callHandlerJourney(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            _ = try await store.actor(.controlRoomSupervisor, username: "sup")
            let known = try await store.service.createPerson(
                handler,
                draft: PersonDraft(
                    firstName: "Katherine", surname: "Adeyemi", dateOfBirth: "1986-04-12", sex: "female", phones: ["07700 900123"]))
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")

            let blank = try await client.execute(uri: "/calls/new", method: .get, headers: browser.headers)
            #expect(blank.status == .ok)
            #expect(String(buffer: blank.body).contains("How frightened does the caller feel?"))

            // She gives her married name, a nickname and a new phone; the date of birth finds her.
            let victimTyped: [(String, String)] = [("victim_first_name", "Kate"), ("victim_surname", "Okafor"), ("victim_date_of_birth", "12/04/1986")]
            let matched = try await client.execute(
                uri: "/calls/new", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("action", "match")] + victimTyped + Self.questions))
            let matchedPage = String(buffer: matched.body)
            #expect(matched.status == .ok)
            #expect(matchedPage.contains("value=\"\(known.id)\""))
            #expect(matchedPage.contains("Katherine Adeyemi"))

            // Opening without choosing is refused: the handler must pick her or say "none of these".
            let unchosen = try await client.execute(
                uri: "/calls/new", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("action", "open")] + victimTyped + Self.questions))
            #expect(unchosen.status == .unprocessableContent)
            #expect(String(buffer: unchosen.body).contains("choose one of the possible matches"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM incidents") == 0)

            let opened = try await client.execute(
                uri: "/calls/new", method: .post, headers: browser.formHeaders,
                body: form(
                    [
                        ("_csrf", browser.csrf), ("action", "open"), ("victim_person_id", known.id),
                        ("grade", "scheduled"), ("grade_reason", "Victim going to her sister's in Leeds tonight, asks for 10am visit"),
                        ("appointment_at", "2026-11-23T10:00")
                    ] + victimTyped + Self.questions))
            #expect(opened.status == .seeOther || opened.status == .found)
            let location = try #require(opened.headers[.location])
            let incidentPage = try await client.execute(uri: location, method: .get, headers: browser.headers)
            let html = String(buffer: incidentPage.body)
            #expect(html.contains("Waiting for a supervisor"))
            #expect(html.contains("Quite frightened"))
            #expect(html.contains("Immediate"))  // children present with a suspect who left: the recommended grade stands

            // The supervisor's live queue shows it; authorising applies the appointment.
            let supervisor = try await signIn(client, username: "sup", password: "sup-test-password")
            let queue = try await client.execute(uri: "/control-room", method: .get, headers: supervisor.headers)
            #expect(String(buffer: queue.body).contains("Authorisation needed"))
            let incidentID = String(location.split(separator: "/").last ?? "")
            let decided = try await client.execute(
                uri: "/incidents/\(incidentID)/grade/decision", method: .post, headers: supervisor.formHeaders,
                body: form([("_csrf", supervisor.csrf), ("decision", "authorise"), ("note", "agreed")]))
            #expect(decided.status == .seeOther || decided.status == .found)
            let after = String(buffer: try await client.execute(uri: location, method: .get, headers: supervisor.headers).body)
            #expect(after.contains("Scheduled appointment"))
            #expect(!after.contains("Waiting for a supervisor"))
        }
    }

    @Test(
        "As the handler types, /calls/matches returns that party's possible matches as a fragment; a half-typed date is left out; other roles are refused",
        arguments: TestEngine.available)
    func matchesAsYouType(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            let known = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "William", surname: "O'Brien", dateOfBirth: "1979-07-30"))
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            let fragment = try await client.execute(
                uri: "/calls/matches?party=suspect&suspect_first_name=Bill&suspect_surname=OBrien&suspect_date_of_birth=1979-07-30",
                method: .get, headers: browser.headers)
            let html = String(buffer: fragment.body)
            #expect(fragment.status == .ok)
            #expect(html.contains("name=\"suspect_person_id\" value=\"\(known.id)\""))
            #expect(!html.contains("<html"))
            let halfTyped = try await client.execute(
                uri: "/calls/matches?party=suspect&suspect_first_name=Bill&suspect_surname=OBrien&suspect_date_of_birth=1979-07-",
                method: .get, headers: browser.headers)
            #expect(String(buffer: halfTyped.body).contains("value=\"\(known.id)\""))
            _ = try await store.actor(.partnerAgency, username: "idva")
            let partner = try await signIn(client, username: "idva", password: "idva-test-password")
            let refused = try await client.execute(uri: "/calls/matches?party=suspect&suspect_surname=OBrien", method: .get, headers: partner.headers)
            #expect(refused.status == .forbidden)
        }
    }

    @Test(
        "Rule 1: namesakes the caller's words cannot tell apart bring advice to ask for more, as the handler types, on the search page and in the API",
        arguments: TestEngine.available)
    func namesakesBringAdvice(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup
            let handler = try await store.actor(.callHandler, username: "ch")
            _ = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Margaret", surname: "Day", dateOfBirth: "1978-05-20"))
            _ = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Margaret", surname: "Day", dateOfBirth: "1951-02-11"))
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            let advice = "2 of these records fit the details given equally well: ask for date of birth, phone number or postcode to tell them apart."
            // act
            let fragment = try await client.execute(
                uri: "/calls/matches?party=victim&victim_first_name=Margaret&victim_surname=Day", method: .get, headers: browser.headers)
            let search = try await client.execute(uri: "/people?searched=1&name=Margret+Day", method: .get, headers: browser.headers)
            let api = try await client.execute(
                uri: "/api/v1/people/match", method: .post, headers: try await bearer(store, "ch"),
                body: ByteBuffer(string: #"{"first_name":"Margaret","surname":"Day","phone":"07700 900111"}"#))
            let singled = try await client.execute(
                uri: "/calls/matches?party=victim&victim_first_name=Margaret&victim_surname=Day&victim_date_of_birth=1978-05-20",
                method: .get, headers: browser.headers)
            // check
            #expect(String(buffer: fragment.body).contains(advice))
            #expect(String(buffer: search.body).contains(advice))
            let body = String(buffer: api.body)
            #expect(body.contains(#""tied":2"#))
            #expect(body.contains(#""ask_for":["date of birth","postcode"]"#))
            #expect(!String(buffer: singled.body).contains("equally well"))
        }
    }

    @Test(
        "Rule 1: records confirmed to be one woman show as one match, 'also recorded as' her other name, as the handler types, on the search page and in the API",
        arguments: TestEngine.available)
    func confirmedRecordsShowAsOne(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup
            let handler = try await store.actor(.callHandler, username: "ch")
            let married = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Joanne", surname: "Pemberton", dateOfBirth: "1983-07-09"))
            let maiden = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Joanne", surname: "Quayle", dateOfBirth: "1983-07-09"))
            try await store.service.decideLink(
                handler, personID: married.id, otherPersonID: maiden.id, decision: .confirm, reason: "she gave her maiden name on the call")
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            // act
            let fragment = String(
                buffer: try await client.execute(
                    uri: "/calls/matches?party=victim&victim_first_name=Jo&victim_surname=Pemberton&victim_date_of_birth=1983-07-09",
                    method: .get, headers: browser.headers
                ).body)
            let search = String(
                buffer: try await client.execute(uri: "/people?searched=1&name=Jo+Pemberton&date_of_birth=1983-07-09", method: .get, headers: browser.headers)
                    .body)
            let api = try await client.execute(
                uri: "/api/v1/people/match", method: .post, headers: try await bearer(store, "ch"),
                body: ByteBuffer(string: #"{"first_name":"Joanne","surname":"Quayle","date_of_birth":"1983-07-09"}"#))
            // check: one choice for her, naming the other record; the maiden-name record is not offered again
            #expect(fragment.contains("Also recorded as Joanne Quayle, born 9 July 1983 (confirmed the same person)"))
            #expect(!fragment.contains("value=\"\(maiden.id)\""))
            #expect(search.contains("Also recorded as <a href=\"/people/\(maiden.id)\">Joanne Quayle</a>"))
            struct Results: Decodable {
                struct Candidate: Decodable { struct Person: Decodable { let id: String }; let person: Person; let sameAs: [Person] };
                let candidates: [Candidate]
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let results = try decoder.decode(Results.self, from: Data(buffer: api.body))
            #expect(results.candidates.map(\.person.id) == [maiden.id])
            #expect(results.candidates.first?.sameAs.map(\.id) == [married.id])
        }
    }

    @Test(
        "Rule 1: proposed links wait on the review page and in the API; deciding without a reason names the field and changes nothing; with one, the pair leaves the queue",
        arguments: TestEngine.available)
    func proposedLinksAreReviewedOnAPage(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup
            let handler = try await store.actor(.callHandler, username: "ch")
            let a = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Joanne", surname: "Pemberton", dateOfBirth: "1983-07-09"))
            let b = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Jo", surname: "Pemberton", dateOfBirth: "1983-07-09"))
            let (first, second) = (min(a.id, b.id), max(a.id, b.id))
            try await store.execute(
                """
                INSERT INTO match_proposals (person_id, other_person_id, probability, reasons, status, source, created_at)
                VALUES ('\(first)', '\(second)', 0.96, 'first name is a short form or nickname of the other (jo / joanne); same surname; same date of birth', 'proposed', 'dedupe', 1)
                """)
            let browser = try await signIn(client, username: "ch", password: "ch-test-password")
            // act
            let page = String(buffer: try await client.execute(uri: "/links", method: .get, headers: browser.headers).body)
            let api = String(
                buffer: try await client.execute(uri: "/api/v1/links/proposed?limit=10", method: .get, headers: try await bearer(store, "ch")).body)
            let badPaging = try await client.execute(uri: "/api/v1/links/proposed?offset=soon", method: .get, headers: try await bearer(store, "ch"))
            let noReason = try await client.execute(
                uri: "/links", method: .post, headers: browser.formHeaders,
                body: form([("_csrf", browser.csrf), ("person_id", first), ("other_person_id", second), ("decision", "confirm"), ("reason", "")]))
            let stillWaiting = try await store.count("SELECT COUNT(*) AS n FROM match_proposals WHERE status = 'proposed'")
            let decided = try await client.execute(
                uri: "/links", method: .post, headers: browser.formHeaders,
                body: form([
                    ("_csrf", browser.csrf), ("person_id", first), ("other_person_id", second), ("decision", "confirm"),
                    ("reason", "same date of birth; Jo is her short name")
                ]))
            let after = String(buffer: try await client.execute(uri: "/links", method: .get, headers: browser.headers).body)
            // check
            #expect(page.contains("1–1 of 1 waiting"))
            #expect(page.contains("96%") && page.contains("same date of birth"))
            #expect(page.contains("href=\"/links\">Links to review</a>"))
            #expect(api.contains(#""total":1"#) && api.contains(#""probability":0.96"#))
            #expect(badPaging.status == .badRequest || badPaging.status == .unprocessableContent)
            #expect(String(buffer: badPaging.body).contains("must be a whole number"))
            #expect(noReason.status == .unprocessableContent)
            #expect(String(buffer: noReason.body).contains("href=\"#reason-\(first)-\(second)\""))
            #expect(stillWaiting == 1)
            #expect(decided.status == .seeOther || decided.status == .found)
            #expect(after.contains("No proposed links are waiting."))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM match_proposals WHERE status = 'confirmed'") == 1)
        }
    }

    @Test("Rule 3: the briefing page and the API give the officer the victim's history; the API call is audited", arguments: TestEngine.available)
    func briefingOverHTTP(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            _ = try await store.actor(.responseOfficer, username: "pc")
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02"))
            let suspect = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Rob", surname: "Kane", dateOfBirth: "1988-08-08"))
            try await insertIncident(store, id: "old-101", victim: victim.id, suspect: suspect.id)
            _ = try await store.service.addWarning(
                handler, on: .person, id: suspect.id, draft: WarningDraft(kind: "firearms", note: "Shotgun certificate holder"))
            let draft = CallDraft(
                channel: "101", relationship: "intimate_partner",
                parties: [CallPartyDraft(role: "victim", personID: victim.id), CallPartyDraft(role: "suspect", personID: suspect.id)],
                immediateDanger: "no", suspectLocation: "not_known", injuries: "no", weapons: "no", childrenPresent: "no", fear: "very")
            let incident = try await store.service.openIncident(handler, draft: draft).incident

            let officer = try await signIn(client, username: "pc", password: "pc-test-password")
            let page = String(buffer: try await client.execute(uri: "/incidents/\(incident.id)/briefing", method: .get, headers: officer.headers).body)
            #expect(page.contains("DA-2026-000101"))
            #expect(page.contains("Shotgun certificate holder"))
            #expect(page.contains("Repeat victim"))

            let api = try await client.execute(uri: "/api/v1/incidents/\(incident.id)/briefing", method: .get, headers: try await bearer(store, "pc"))
            #expect(api.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
            let people = json?["people"] as? [[String: Any]] ?? []
            let victimEntry = people.first { ($0["role"] as? String) == "victim" }
            #expect((victimEntry?["history"] as? [[String: Any]])?.first?["reference"] as? String == "DA-2026-000101")
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_briefing'") == 2)
        }
    }

    @Test(
        "API: a call opens an incident (201); bad input names the fields and writes nothing; a partner agency may neither search people nor record calls",
        arguments: TestEngine.available)
    func callAPIAndPermissions(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            _ = try await store.actor(.partnerAgency, username: "idva")
            _ = try await store.actor(.controlRoomSupervisor, username: "sup")
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist"))
            let body = """
                {"channel":"999","relationship":"intimate_partner","abuse_types":["physical"],"parties":[{"role":"victim","person_id":"\(victim.id)"},
                 {"role":"suspect","new_person":{"first_name":"Rob","surname":"Kane","date_of_birth":"1988-08-08"}}],
                 "immediate_danger":"yes","suspect_location":"at_scene","injuries":"yes","injuries_detail":"cut lip","weapons":"not_known",
                 "children_present":"no","fear":"terrified","setting":"rural"}
                """
            let created = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: try await bearer(store, "ch"), body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let record = try JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any]
            let response = record?["response"] as? [String: Any]
            #expect(response?["grade"] as? String == "immediate")
            #expect(response?["potential_high_risk"] as? Bool == true)
            let incidentID = (record?["incident"] as? [String: Any])?["id"] as? String ?? ""

            let queue = try await client.execute(uri: "/api/v1/control-room/queue", method: .get, headers: try await bearer(store, "sup"))
            #expect(String(buffer: queue.body).contains("potential_high_risk"))
            let dispatched = try await client.execute(uri: "/api/v1/incidents/\(incidentID)/dispatch", method: .post, headers: try await bearer(store, "ch"))
            #expect(dispatched.status == .ok)
            #expect(String(buffer: dispatched.body).contains("dispatched_at"))

            let bad = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: try await bearer(store, "ch"),
                body: ByteBuffer(string: #"{"channel":"fax","relationship":"intimate_partner","parties":[],"fear":"very"}"#))
            #expect(bad.status == .unprocessableContent)
            let problem = String(buffer: bad.body)
            for field in ["channel", "parties", "immediate_danger", "suspect_location", "injuries", "weapons", "children_present"] {
                #expect(problem.contains("\"\(field)\""), "missing \(field) in \(problem)")
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM incidents") == 1)

            let partnerSearch = try await client.execute(uri: "/api/v1/people?name=Lindqvist", method: .get, headers: try await bearer(store, "idva"))
            #expect(partnerSearch.status == .forbidden)
            let partnerCall = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: try await bearer(store, "idva"), body: ByteBuffer(string: body))
            #expect(partnerCall.status == .forbidden)
            let handlerDecides = try await client.execute(
                uri: "/api/v1/incidents/\(incidentID)/grade/decision", method: .post, headers: try await bearer(store, "ch"),
                body: ByteBuffer(string: #"{"decision":"authorise"}"#))
            #expect(handlerDecides.status == .forbidden)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM incidents") == 1)
        }
    }
}
