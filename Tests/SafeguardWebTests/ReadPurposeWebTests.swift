import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeguardDomain
import SafeguardTestSupport
import Testing

/// Rule 33 and issue 24, part 2: every read of a person's record says why. Operational roles carry their purpose from
/// where they came — the incident page and the case page link to her record with it — and the domain checks it is
/// true before the access log records it.
@Suite("A read's purpose carried from where it came", .serialized)
struct ReadPurposeWebTests {
    @Test(
        "Rule 33: opening her record from the incident or case page records that incident or case as the purpose; a purpose she is not on is refused naming `from`",
        arguments: TestEngine.available)
    func purposeFromTheIncidentAndTheCase(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            // setup: her incident and case (with a risk assessment), a second record confirmed to be her, a stranger
            let (victimID, incident) = try await VictimInformedWebTests.incident(store)
            let officer = try await store.actor(.responseOfficer, username: "pc")
            _ = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id, draft: try dashDraft(victimID: victimID, yes: 3, level: "standard"))
            let specialist = try await store.actor(.daSpecialist, username: "das")
            let caseID = try #require(try await store.service.viewIncidentRecord(specialist, id: incident.id).cases.first?.id)
            let handler = try await store.actor(.callHandler, username: "handler2")
            let alias = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist-Berg", dateOfBirth: "1990-01-02"))
            try await store.service.decideLink(specialist, personID: victimID, otherPersonID: alias.id, decision: .confirm, reason: "Same woman, married name")
            let stranger = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Dale", surname: "Harker", dateOfBirth: "1980-03-04"))
            let pc = try await signIn(client, username: "pc", password: "pc-test-password")

            // act: follow the links the incident page and the case page give her name
            let incidentPage = String(buffer: try await client.execute(uri: "/incidents/\(incident.id)", method: .get, headers: pc.headers).body)
            #expect(incidentPage.contains("/people/\(victimID)?from=incident:\(incident.id)"))
            let briefingPage = String(buffer: try await client.execute(uri: "/incidents/\(incident.id)/briefing", method: .get, headers: pc.headers).body)
            #expect(briefingPage.contains("/people/\(victimID)?from=incident:\(incident.id)"))
            let casePage = String(buffer: try await client.execute(uri: "/cases/\(caseID)", method: .get, headers: pc.headers).body)
            #expect(casePage.contains("/people/\(victimID)?from=case:\(caseID)"))
            for from in ["incident:\(incident.id)", "case:\(caseID)"] {
                let opened = try await client.execute(uri: "/people/\(victimID)?from=\(from)", method: .get, headers: pc.headers)
                #expect(opened.status == .ok)
            }
            // check: each read's purpose is in the log
            let kind = from(incident.id), caseKind = "via case \(caseID)"
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_person' AND reason = '\(kind)'") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_person' AND reason = '\(caseKind)'") == 1)
            // A record confirmed to be her is on her incident too; a stranger is not, and the API says which field is wrong.
            _ = try await store.service.viewPerson(officer, id: alias.id, via: ReadContext(kind: .incident, id: incident.id))
            let api = try await bearer(store, "pc")
            let refused = try await client.execute(uri: "/api/v1/people/\(stranger.id)?from=incident:\(incident.id)", method: .get, headers: api)
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("\"from\""))
            let garbled = try await client.execute(uri: "/api/v1/people/\(victimID)?from=somewhere", method: .get, headers: api)
            #expect(garbled.status == .unprocessableContent)
            // A look-back role's typed reason stays the reason; where it came from is kept beside it.
            let analyst = try await store.actor(.analyst, username: "an")
            _ = try await store.service.viewPerson(analyst, id: victimID, reason: "Problem profile for the area", via: ReadContext(kind: .case, id: caseID))
            #expect(
                try await store.count(
                    "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_person' AND reason = 'Problem profile for the area' AND detail = '\(caseKind)'"
                ) == 1)
        }
    }

    private func from(_ incidentID: String) -> String { "via incident \(incidentID)" }
}
