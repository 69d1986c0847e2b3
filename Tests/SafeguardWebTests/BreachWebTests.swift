import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 25 on the pages: an incident between the person an order binds and the person it protects, while it is in
/// force, is flagged on the incident page the handler lands on and on the officer's briefing.
@Suite("Possible breaches on the pages", .serialized)
struct BreachWebTests {
    @Test(
        "Rule 25: the call form (before it is saved), the incident page and the officer's briefing flag a possible breach of the order in force",
        arguments: TestEngine.available)
    func possibleBreachFlaggedOnPages(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            let officer = try await store.actor(.responseOfficer, username: "pc")
            let victim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Ada", surname: "Brook", dateOfBirth: "1990-01-02"))
            let suspect = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Carl", surname: "Brook", dateOfBirth: "1988-05-06", sex: "male"))
            let call = CallDraft(
                channel: "999", relationship: "ex_partner",
                parties: [CallPartyDraft(role: "victim", personID: victim.id), CallPartyDraft(role: "suspect", personID: suspect.id)],
                immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
            _ = try await store.service.openIncident(handler, draft: call)
            _ = try await store.service.recordOrder(
                officer, subjectID: suspect.id, draft: OrderDraft(kind: "non_molestation", protectedPersonID: victim.id, terms: "Not to contact her"))
            store.clock.advance(by: 3600)
            let second = try await store.service.openIncident(handler, draft: call)
            let browser = try await signIn(client, username: "pc", password: "pc-test-password")
            for path in ["/incidents/\(second.incident.id)", "/incidents/\(second.incident.id)/briefing"] {
                let page = String(buffer: try await client.execute(uri: path, method: .get, headers: browser.headers).body)
                #expect(page.contains("Possible breach of an order") && page.contains("Non-molestation order"), "\(path)")
            }

            // A third call, while it is being taken: the handler types both names and finds the matches; before the
            // call is saved, the form says an order is in force between them.
            let taker = try await signIn(client, username: "ch", password: "ch-test-password")
            let matched = try await client.execute(
                uri: "/calls/new", method: .post, headers: taker.formHeaders,
                body: form([
                    ("_csrf", taker.csrf), ("action", "match"), ("victim_first_name", "Ada"), ("victim_surname", "Brook"),
                    ("victim_date_of_birth", "1990-01-02"), ("suspect_first_name", "Carl"), ("suspect_surname", "Brook"),
                    ("suspect_date_of_birth", "1988-05-06")
                ]))
            let taking = String(buffer: matched.body)
            #expect(matched.status == .ok)
            #expect(
                taking.contains("id=\"possible-breach\"")
                    && taking.contains("Non-molestation order, in force, binding Carl Brook and protecting Ada Brook"), "\(taking.prefix(400))")
            // Two strangers: no warning.
            let strangers = String(
                buffer: try await client.execute(
                    uri: "/calls/new", method: .post, headers: taker.formHeaders,
                    body: form([("_csrf", taker.csrf), ("action", "match"), ("victim_first_name", "Zoe"), ("victim_surname", "Quill")])
                ).body)
            #expect(!strangers.contains("possible-breach"))
        }
    }
}
