import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Officer-safety warnings", .serialized)
struct WarningTests {
    @Test(
        "Rule 3: warnings on a person, her phone and an address reach the briefing; ended, one leaves it but stays in her history (rule 34); bad input and the wrong role change nothing",
        arguments: TestEngine.available)
    func rule3WarningsAddedEndedAndBriefed(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let analyst = try await store.actor(.analyst)
            let suspect = try await store.service.createPerson(handler, draft: sampleDraft(surname: "Kane", phone: "07700 900777"))
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            var call = sampleCall(victimID: victim.id)
            call.parties[1] = CallPartyDraft(role: "suspect", personID: suspect.id)
            let incident = try await store.service.openIncident(handler, draft: call).incident
            let addressID = try #require(incident.address?.id)

            let firearms = try await store.service.addWarning(
                officer, on: .person, id: suspect.id, draft: WarningDraft(kind: "firearms", note: "Shotgun certificate holder"))
            store.clock.advance(by: 60)
            _ = try await store.service.addWarning(
                handler, on: .phone, id: "+44 7700 900777", draft: WarningDraft(kind: "violence_towards_officers", note: "Threatened call takers"))
            let dogs = try await store.service.addWarning(
                officer, on: .address, id: addressID, draft: WarningDraft(kind: "dogs", note: "Two dogs loose in the garden", expiresOn: "2099-01-01"))
            #expect(firearms.addedBy == officer.user.username && dogs.expiresOn == "2099-01-01")

            var briefing = try await store.service.briefing(officer, incidentID: incident.id)
            let suspectSection = try #require(briefing.people.first { $0.role == .suspect })
            #expect(Set(suspectSection.markers.map(\.kind)) == ["firearms", "violence_towards_officers"])
            #expect(briefing.locationMarkers.map(\.kind) == ["dogs"])

            // Ended with a reason: gone from the briefing, kept in his record's history; ending it twice is refused.
            let ended = try await store.service.endWarning(officer, warningID: firearms.id, reason: "Certificate revoked and guns seized")
            #expect(ended.endedBy == officer.user.username)
            await #expect(throws: DomainError.self) { try await store.service.endWarning(officer, warningID: firearms.id, reason: "Again, by mistake") }
            briefing = try await store.service.briefing(officer, incidentID: incident.id)
            #expect(briefing.people.first { $0.role == .suspect }?.markers.map(\.kind) == ["violence_towards_officers"])
            let history = try await store.service.viewPerson(officer, id: suspect.id).warnings
            #expect(history.map(\.kind) == ["firearms", "violence_towards_officers"])
            #expect(history.first?.endReason == "Certificate revoked and guns seized")

            // The address page: its warnings and the incident there.
            let place = try await store.service.viewAddress(officer, id: addressID)
            #expect(place.warnings.map(\.id) == [dogs.id] && place.incidents.map(\.id) == [incident.id])

            // Bad input and a role without the permission write nothing.
            let before = try await store.count("SELECT COUNT(*) AS n FROM warnings")
            await #expect(throws: DomainError.self) {
                try await store.service.addWarning(officer, on: .person, id: suspect.id, draft: WarningDraft(kind: "unicorns", note: "x"))
            }
            await #expect(throws: DomainError.self) {
                try await store.service.addWarning(analyst, on: .person, id: suspect.id, draft: WarningDraft(kind: "dogs", note: "Two dogs"))
            }
            await #expect(throws: DomainError.self) {
                try await store.service.addWarning(officer, on: .phone, id: "12", draft: WarningDraft(kind: "dogs", note: "Two dogs"))
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM warnings") == before)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'add_warning'") == 3)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'end_warning'") == 1)
        }
    }
}
