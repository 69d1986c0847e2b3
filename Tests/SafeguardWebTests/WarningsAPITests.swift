import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SafeguardDomain
import SafeguardTestSupport
import Testing

@Suite("Warnings over the API", .serialized)
struct WarningsAPITests {
    @Test(
        "Rule 3 over HTTP: a warning added to a person (201) shows on her record, ends with a reason and stays in its history; a bad kind is 422 naming the field; an analyst is 403",
        arguments: TestEngine.available)
    func rule3WarningsOverTheAPI(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            try await store.actor(.analyst, username: "an")
            let person = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Rob", surname: "Kane", dateOfBirth: "1988-08-08"))
            let headers = try await bearer(store, "ch")

            let added = try await client.execute(
                uri: "/api/v1/people/\(person.id)/warnings", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"kind":"firearms","note":"Shotgun certificate holder","expires_on":"2099-12-31"}"#))
            #expect(added.status == .created)
            let warning = try JSONSerialization.jsonObject(with: Data(buffer: added.body)) as? [String: Any]
            let id = try #require(warning?["id"] as? String)
            #expect(warning?["kind"] as? String == "firearms" && warning?["added_by"] as? String == "ch")

            let bad = try await client.execute(
                uri: "/api/v1/people/\(person.id)/warnings", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"kind":"unicorns","note":"Sees unicorns"}"#))
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains(#""field":"kind""#))
            let refused = try await client.execute(
                uri: "/api/v1/people/\(person.id)/warnings", method: .post, headers: try await bearer(store, "an"),
                body: ByteBuffer(string: #"{"kind":"dogs","note":"Two dogs loose"}"#))
            #expect(refused.status == .forbidden)

            let ended = try await client.execute(
                uri: "/api/v1/warnings/\(id)/end", method: .post, headers: headers, body: ByteBuffer(string: #"{"reason":"Certificate revoked"}"#))
            #expect(ended.status == .ok)
            #expect(String(buffer: ended.body).contains(#""end_reason":"Certificate revoked""#))
            let record = try await client.execute(uri: "/api/v1/people/\(person.id)", method: .get, headers: headers)
            #expect(String(buffer: record.body).contains(#""end_reason":"Certificate revoked""#))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM warnings") == 1)
        }
    }
}

@Suite("Warnings and addresses on the pages", .serialized)
struct WarningPagesTests {
    @Test(
        "Rule 3 on the pages: the officer adds a warning to a phone on the person page (a missing kind is named, the note kept), ends it with a reason, and adds one on the address page; GET /api/v1/addresses finds the place typed differently",
        arguments: TestEngine.available)
    func warningsOnThePagesAndAddressSearch(engine: TestEngine) async throws {
        try await withApp(engine) { store, client in
            let handler = try await store.actor(.callHandler, username: "ch")
            _ = try await store.actor(.responseOfficer, username: "pc")
            let victim = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Maya", surname: "Lindqvist", dateOfBirth: "1990-01-02", phones: ["07700 900321"]))
            let incident = try await store.service.openIncident(
                handler,
                draft: CallDraft(
                    channel: "999", addressLine1: "Flat 3 12 High Street", town: "Northbridge", postcode: "AB1 2CD", relationship: "intimate_partner",
                    parties: [
                        CallPartyDraft(role: "victim", personID: victim.id),
                        CallPartyDraft(role: "suspect", newPerson: PersonDraft(firstName: "Rob", surname: "Kane", dateOfBirth: "1988-08-08"))
                    ],
                    immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
            ).incident
            let placeID = try #require(incident.address?.id)
            let officer = try await signIn(client, username: "pc", password: "pc-test-password")
            let page = String(buffer: try await client.execute(uri: "/people/\(victim.id)", method: .get, headers: officer.headers).body)
            #expect(page.contains("Officer-safety warnings") && page.contains("value=\"07700900321\""))
            let incidentPage = String(buffer: try await client.execute(uri: "/incidents/\(incident.id)", method: .get, headers: officer.headers).body)
            #expect(incidentPage.contains("href=\"/addresses/\(placeID)\""))

            let missing = try await client.execute(
                uri: "/people/\(victim.id)/warnings", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("on", "07700900321"), ("note", "Silent calls from this number are urgent")]))
            #expect(missing.status == .unprocessableContent)
            let refused = String(buffer: missing.body)
            #expect(refused.contains("href=\"#warning_kind\"") && refused.contains("Silent calls from this number are urgent"))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM warnings") == 0)

            let saved = try await client.execute(
                uri: "/people/\(victim.id)/warnings", method: .post, headers: officer.formHeaders,
                body: form([
                    ("_csrf", officer.csrf), ("on", "07700900321"), ("kind", "victim_at_risk"), ("note", "Silent calls from this number are urgent")
                ]))
            #expect(saved.status == .seeOther || saved.status == .found)
            let warning = try #require(try await store.service.viewPerson(handler, id: victim.id).warnings.first)
            #expect(warning.subjectKind == .phone)
            let after = String(buffer: try await client.execute(uri: "/people/\(victim.id)", method: .get, headers: officer.headers).body)
            #expect(after.contains("on phone 07700900321") && after.contains("End this warning"))

            let noReason = try await client.execute(
                uri: "/people/\(victim.id)/warnings/\(warning.id)/end", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("reason", "")]))
            #expect(noReason.status == .unprocessableContent && String(buffer: noReason.body).contains("href=\"#end_reason_\(warning.id)\""))
            let ended = try await client.execute(
                uri: "/people/\(victim.id)/warnings/\(warning.id)/end", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("reason", "She has a new number")]))
            #expect(ended.status == .seeOther || ended.status == .found)
            let history = String(buffer: try await client.execute(uri: "/people/\(victim.id)", method: .get, headers: officer.headers).body)
            #expect(history.contains("Ended and expired warnings (1)") && history.contains("She has a new number"))

            // The address page: a warning added there, and the incident listed.
            let added = try await client.execute(
                uri: "/addresses/\(placeID)/warnings", method: .post, headers: officer.formHeaders,
                body: form([("_csrf", officer.csrf), ("kind", "dogs"), ("note", "Two dogs loose in the garden")]))
            #expect(added.status == .seeOther || added.status == .found)
            let place = String(buffer: try await client.execute(uri: "/addresses/\(placeID)", method: .get, headers: officer.headers).body)
            #expect(place.contains("Two dogs loose in the garden") && place.contains(incident.reference))

            // The API search, typed as a handler types it.
            let headers = try await bearer(store, "ch")
            let search = try await client.execute(
                uri: "/api/v1/addresses?postcode=ab12cd&line=flat%203%2C%2012%20high%20st", method: .get, headers: headers)
            #expect(search.status == .ok)
            let places = try JSONSerialization.jsonObject(with: Data(buffer: search.body)) as? [[String: Any]]
            #expect(places?.count == 1 && (places?.first?["address"] as? [String: Any])?["id"] as? String == placeID)
            #expect(places?.first?["incident_count"] as? Int == 1)
            let bad = try await client.execute(uri: "/api/v1/addresses?postcode=nowhere", method: .get, headers: headers)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains(#""field":"postcode""#))
            let searchPage = String(buffer: try await client.execute(uri: "/addresses?postcode=AB1+2CD&line=", method: .get, headers: officer.headers).body)
            #expect(searchPage.contains("href=\"/addresses/\(placeID)\"") && searchPage.contains("Dogs"))

            // She moves into the place, which is a refuge: only a DA specialist marks it, on the page, with a reason.
            #expect(!place.contains("Mark as a refuge"))
            let notTheirs = try await client.execute(
                uri: "/api/v1/addresses/\(placeID)/confidential", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"confidential": true, "reason": "A refuge for women"}"#))
            #expect(notTheirs.status == .forbidden)
            _ = try await store.actor(.daSpecialist, username: "das")
            let specialist = try await signIn(client, username: "das", password: "das-test-password")
            #expect(
                String(buffer: try await client.execute(uri: "/addresses/\(placeID)", method: .get, headers: specialist.headers).body).contains(
                    "Mark as a refuge"))
            let noWhy = try await client.execute(
                uri: "/addresses/\(placeID)/confidential", method: .post, headers: specialist.formHeaders,
                body: form([("_csrf", specialist.csrf), ("confidential", "yes"), ("reason", "")]))
            #expect(noWhy.status == .unprocessableContent && String(buffer: noWhy.body).contains("confidential_reason-error"))
            let marked = try await client.execute(
                uri: "/addresses/\(placeID)/confidential", method: .post, headers: specialist.formHeaders,
                body: form([("_csrf", specialist.csrf), ("confidential", "yes"), ("reason", "A refuge run by the county's DA service")]))
            #expect(marked.status == .seeOther || marked.status == .found)
            #expect(try await client.execute(uri: "/addresses/\(placeID)", method: .get, headers: officer.headers).status == .forbidden)
            let hidden = String(buffer: try await client.execute(uri: "/addresses?postcode=AB1+2CD&line=", method: .get, headers: officer.headers).body)
            #expect(!hidden.contains("href=\"/addresses/\(placeID)\""))
        }
    }
}
