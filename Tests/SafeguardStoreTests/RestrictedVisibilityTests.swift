import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Restricted records through Visibility", .serialized)
struct RestrictedVisibilityTests {
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    @Test(
        "Rule 33: a restricted victim's name on an incident, its case, the review queue and my work is hidden from roles without restricted access, and shown to the specialist — decided by Visibility, not the store",
        arguments: TestEngine.available)
    func restrictedNamesFollowTheRole(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: a restricted record (a police employee as victim), named on a call by her record's id
            let specialist = try await store.actor(.daSpecialist)
            let officer = try await store.actor(.responseOfficer)
            let sergeant = try await store.actor(.sergeant)
            let handler = try await store.actor(.callHandler)
            var draft = PersonDraft(firstName: "Verity", surname: "Quennell", dateOfBirth: "1984-03-27")
            draft.restricted = true
            let her = try await store.service.createPerson(specialist, draft: draft)
            let incident = try await store.service.openIncident(
                handler,
                draft: CallDraft(
                    channel: "999", relationship: "intimate_partner",
                    parties: [
                        CallPartyDraft(role: "victim", personID: her.id),
                        CallPartyDraft(role: "suspect", newPerson: PersonDraft(firstName: "Rob", surname: "Kane"))
                    ],
                    immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
            ).incident
            _ = try await store.service.recordRiskAssessment(
                officer, incidentID: incident.id,
                draft: try dashDraft(victimID: her.id, yes: 3, level: "standard"))
            // act
            let seenByOfficer = try Self.json(try await store.service.viewIncidentRecord(officer, id: incident.id))
            let seenBySpecialist = try Self.json(try await store.service.viewIncidentRecord(specialist, id: incident.id))
            let queue = try Self.json(try await store.service.reviewQueue(sergeant))
            let caseID = try #require(try await store.service.viewIncidentRecord(specialist, id: incident.id).cases.first?.id)
            let caseByOfficer = try Self.json(try await store.service.viewCase(officer, caseID: caseID))
            let caseBySpecialist = try Self.json(try await store.service.viewCase(specialist, caseID: caseID))
            // check
            #expect(!seenByOfficer.contains("Quennell") && seenByOfficer.contains(Visibility.restrictedName))
            #expect(seenByOfficer.contains("Kane"))
            #expect(seenBySpecialist.contains("Verity Quennell"))
            #expect(!queue.contains("Quennell") && queue.contains(Visibility.restrictedName))
            #expect(!caseByOfficer.contains("Quennell"))
            #expect(caseBySpecialist.contains("Verity Quennell"))
            for user in [officer, specialist] {
                let work = try Self.json(try await store.service.myWork(user))
                #expect(!work.contains("Quennell") || user.role.can(.viewRestricted), "\(user.role)")
            }
        }
    }
}
