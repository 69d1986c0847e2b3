import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Issue 24, part 2: policy says which roles see only their own area. A neighbourhood officer (by default) reads the
/// cases of their area and is refused another area's; a force that scopes its analysts too gets the same for them,
/// while a force-wide role reads every area.
@Suite("Access by area, as policy says", .serialized)
struct AreaScopeTests {
    @Test(
        "Issue 24: area-scoped roles read their own area's cases, people and incidents only, and find only their area's people; which roles are scoped is the force's policy",
        arguments: TestEngine.available)
    func areaScopedRolesReadTheirOwnArea(engine: TestEngine) async throws {
        var policy = TestStore.fastPolicy
        policy.areaScopedRoles = [.neighbourhoodOfficer, .analyst]
        try await TestStore.with(engine, policy: policy) { store in
            // setup: two areas, a case in each (the victim's postcode places it)
            _ = try await store.service.createArea(code: "NTH", name: "Northern division", postcodes: ["PR"])
            _ = try await store.service.createArea(code: "STH", name: "Southern division", postcodes: ["BB"])
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let specialist = try await store.actor(.daSpecialist)
            func caseFor(_ surname: String, postcode: String) async throws -> (caseID: String, victimID: String, incidentID: String) {
                let victim = try await store.service.createPerson(
                    handler, draft: PersonDraft(firstName: "Maya", surname: surname, dateOfBirth: "1990-01-02", addressLine1: "4 Mill Lane", postcode: postcode)
                )
                let incident = try await store.service.openIncident(
                    handler,
                    draft: CallDraft(
                        channel: "999", relationship: "intimate_partner",
                        parties: [
                            CallPartyDraft(role: "victim", personID: victim.id),
                            CallPartyDraft(role: "suspect", newPerson: PersonDraft(firstName: "Rob", surname: "Kane\(surname)"))
                        ],
                        immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
                ).incident
                _ = try await store.service.recordRiskAssessment(
                    officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 3, level: "standard"))
                return (try #require(try await store.service.viewIncidentRecord(specialist, id: incident.id).cases.first?.id), victim.id, incident.id)
            }
            let northern = try await caseFor("Lindqvist", postcode: "PR1 4AA")
            let southern = try await caseFor("Okafor", postcode: "BB2 1AA")
            let (north, south) = (northern.caseID, southern.caseID)
            func user(_ role: Role, _ username: String, area: String) async throws -> Actor {
                Actor(
                    try await store.service.createUser(
                        username: username, displayName: username, role: role, password: "\(username)-test-password", areaCode: area))
            }
            let neighbourhood = try await user(.neighbourhoodOfficer, "pcso-north", area: "NTH")
            let analyst = try await user(.analyst, "analyst-north", area: "NTH")
            let forceWide = try await user(.auditor, "auditor-north", area: "NTH")
            // act and check
            for scoped in [neighbourhood, analyst] {
                _ = try await store.service.viewCase(scoped, caseID: north, reason: "Working my area's cases")
                await #expect(throws: DomainError.self, "\(scoped.role) read another area's case") {
                    _ = try await store.service.viewCase(scoped, caseID: south, reason: "Working my area's cases")
                }
            }
            _ = try await store.service.viewCase(forceWide, caseID: south, reason: "Professional standards review")
            // People and incidents too: her record, her incident, and whom a search finds.
            for scoped in [neighbourhood, analyst] {
                _ = try await store.service.viewPerson(scoped, id: northern.victimID, reason: "Tasked visit in my area")
                _ = try await store.service.viewIncidentRecord(scoped, id: northern.incidentID, reason: "Tasked visit in my area")
                await #expect(throws: DomainError.self, "\(scoped.role) read another area's person") {
                    _ = try await store.service.viewPerson(scoped, id: southern.victimID, reason: "Tasked visit in my area")
                }
                await #expect(throws: DomainError.self, "\(scoped.role) read another area's incident") {
                    _ = try await store.service.viewIncidentRecord(scoped, id: southern.incidentID, reason: "Tasked visit in my area")
                }
                let found = try await store.service.searchPeople(scoped, query: PersonSearchQuery(name: "Maya"), reason: "Tasked visit in my area")
                #expect(found.map(\.id) == [northern.victimID])
            }
            _ = try await store.service.viewPerson(forceWide, id: southern.victimID, reason: "Professional standards review")
            _ = try await store.service.viewIncidentRecord(forceWide, id: southern.incidentID, reason: "Professional standards review")
            #expect(try await store.service.searchPeople(forceWide, query: PersonSearchQuery(name: "Maya"), reason: "Professional standards review").count == 2)
            // The refusal is on the record, as every refused look is.
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'refused' AND record_id = '\(south)'") == 2)
            // The default policy scopes the neighbourhood officer alone.
            #expect(ForcePolicy().seesOwnAreaOnly(.neighbourhoodOfficer) && !ForcePolicy().seesOwnAreaOnly(.analyst))
        }
    }
}
