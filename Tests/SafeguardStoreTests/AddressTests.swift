import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Addresses as places, and warnings set from the scene", .serialized)
struct AddressTests {
    @Test(
        "Issue 20, an address is one place: a second call typed differently joins the first call's address, meets its warning and its incident in the record and the briefing, and a search finds it once",
        arguments: TestEngine.available)
    func addressIsOnePlace(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let first = try await store.service.createPerson(team.handler, draft: sampleDraft())
            var call = sampleCall(victimID: first.id)
            (call.addressLine1, call.town, call.postcode) = ("Flat 3 12 High Street", "Northbridge", "AB1 2CD")
            let earlier = try await store.service.openIncident(team.handler, draft: call).incident
            let placeID = try #require(earlier.address?.id)
            _ = try await store.service.addWarning(
                team.officer, on: .address, id: placeID, draft: WarningDraft(kind: "dogs", note: "Two dogs loose in the garden"))

            // Another caller, another victim, the address typed as a handler types it.
            let second = try await store.service.createPerson(team.handler, draft: sampleDraft(surname: "Adeyemi", phone: "07700 900456"))
            call = sampleCall(victimID: second.id, suspect: PersonDraft(firstName: "Lee", surname: "Moss", dateOfBirth: "1979-05-05"))
            (call.addressLine1, call.town, call.postcode) = ("flat 3, 12 high st", "", "ab1 2cd")
            let later = try await store.service.openIncident(team.handler, draft: call).incident
            #expect(later.address?.id == placeID)
            #expect(later.address?.markers.map(\.kind) == ["dogs"])
            #expect(try await store.count("SELECT COUNT(DISTINCT address_id) AS n FROM incidents") == 1)
            let record = try await store.service.viewIncidentRecord(team.handler, id: later.id)
            #expect(record.atSamePlace.map(\.id) == [earlier.id])
            let briefing = try await store.service.briefing(team.officer, incidentID: later.id)
            #expect(briefing.locationMarkers.map(\.kind) == ["dogs"] && briefing.locationHistory.map(\.id) == [earlier.id])

            // A person filed at the place joins it too.
            var draft = sampleDraft(surname: "Novak", phone: "07700 900999")
            (draft.addressLine1, draft.addressTown, draft.postcode) = ("FLAT 3, 12 HIGH STREET", "Northbridge", "AB12CD")
            let resident = try await store.service.createPerson(team.handler, draft: draft)
            #expect(resident.addresses.last?.address.id == placeID)

            // Found by postcode and line, once, with its incidents counted; by postcode alone too.
            let found = try await store.service.findAddresses(team.handler, postcode: "ab1 2cd", line: "Apartment 3, 12 High St.")
            #expect(found.map(\.address.id) == [placeID] && found.first?.incidentCount == 2)
            #expect(try await store.service.findAddresses(team.officer, postcode: "AB1 2CD", line: nil).map(\.address.id) == [placeID])
            #expect(try await store.service.findAddresses(team.officer, postcode: "AB1 2CD", line: "Flat 4 12 High Street").isEmpty)
            do {
                _ = try await store.service.findAddresses(team.officer, postcode: "not a postcode", line: nil)
                Issue.record("a search with no postcode was answered")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["postcode"])
            }
        }
    }

    @Test(
        "Rule 12: the toolkit's warning marker, chosen at the scene, puts a warning on the address and the victim's phone at once and its task is done; chosen again at the place, it is not doubled",
        arguments: TestEngine.available)
    func toolkitWarningMarkerSetsWarnings(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let victim = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            let placeID = try #require(incident.address?.id)
            _ = try await store.service.recordScene(team.officer, incidentID: incident.id, draft: sceneDraft(actions: [SafetyToolkit.warningMarker]))

            let onPlace = try await store.service.viewAddress(team.officer, id: placeID).warnings
            #expect(onPlace.map(\.kind) == ["victim_at_risk"] && onPlace.first?.addedBy == team.officer.user.username)
            let onHer = try await store.service.viewPerson(team.officer, id: victim.id).warnings
            #expect(onHer.map(\.subjectKind) == [.phone] && onHer.map(\.subjectID) == ["07700900123"])
            let record = try await store.service.viewIncidentRecord(team.officer, id: incident.id)
            let caseID = try #require(record.cases.first?.id)
            let task = try #require(try await store.service.viewCase(team.officer, caseID: caseID).tasks.first { $0.title == SafetyToolkit.warningMarker })
            #expect(task.completedAt != nil)

            // A second incident there with the same action keeps the warnings in force rather than adding more.
            let again = try await store.service.openIncident(team.handler, draft: sampleCall(victimID: victim.id)).incident
            #expect(again.address?.id == placeID)
            _ = try await store.service.recordScene(team.officer, incidentID: again.id, draft: sceneDraft(actions: [SafetyToolkit.warningMarker]))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM warnings") == 2)
        }
    }

    @Test(
        "Rule 3: a warning on one of her phones is put on a number on her record; a number that is not hers is refused naming the field, and nothing is written",
        arguments: TestEngine.available)
    func rule3PhoneWarningOnHerNumber(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let team = try await Team.make(store)
            let person = try await store.service.createPerson(team.handler, draft: sampleDraft())
            let warning = try await store.service.addPhoneWarning(
                team.officer, personID: person.id, phone: "+44 7700 900123",
                draft: WarningDraft(kind: "victim_at_risk", note: "Silent calls from this number are urgent"))
            #expect(warning.subjectKind == .phone && warning.subjectID == "07700900123")
            do {
                _ = try await store.service.addPhoneWarning(
                    team.officer, personID: person.id, phone: "07700 900555", draft: WarningDraft(kind: "dogs", note: "Two dogs loose"))
                Issue.record("a number not on her record took a warning")
            } catch DomainError.invalid(let errors) {
                #expect(errors.map(\.field) == ["phone"])
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM warnings") == 1)
        }
    }
}
