import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Officer's briefing", .serialized)
struct BriefingTests {
    @Test(
        "Rule 3: the briefing gathers the victim's incidents across confirmed and strongly proposed records, the suspect's other victims, risk levels, warnings and orders; it is audited",
        arguments: TestEngine.available)
    func rule3BriefingHasTheHistory(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let officer = try await store.actor(.responseOfficer)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let confirmed = try await store.service.createPerson(handler, draft: sampleDraft(surname: "Adeyemi", phone: "07700 900555"))
            let proposed = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Kate", surname: "Okafor", dateOfBirth: "1986-12-04"))
            let weak = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "K", surname: "Okafor"))
            let rejected = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Katherine", surname: "Okafor", dateOfBirth: "1990-01-01"))
            let suspect = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Dale", surname: "Harrower", dateOfBirth: "1983-02-01"))
            let otherVictim = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Lisa", surname: "Brand", dateOfBirth: "1991-05-05"))
            let day: TimeInterval = 86_400
            try await insertIncident(
                store, id: "h-confirmed", reference: "DA-2024-000001", occurredAt: testNow.addingTimeInterval(-700 * day), parties: [(confirmed.id, "victim")])
            try await insertIncident(
                store, id: "h-proposed", reference: "DA-2025-000001", occurredAt: testNow.addingTimeInterval(-300 * day), parties: [(proposed.id, "victim")])
            try await insertIncident(
                store, id: "h-weak", reference: "DA-2025-000002", occurredAt: testNow.addingTimeInterval(-200 * day), parties: [(weak.id, "victim")])
            try await insertIncident(
                store, id: "h-rejected", reference: "DA-2025-000003", occurredAt: testNow.addingTimeInterval(-100 * day), parties: [(rejected.id, "victim")])
            try await insertIncident(
                store, id: "h-other", reference: "DA-2025-000004", occurredAt: testNow.addingTimeInterval(-50 * day),
                parties: [(otherVictim.id, "victim"), (suspect.id, "suspect")])
            try await store.service.decideLink(
                handler, personID: victim.id, otherPersonID: confirmed.id, decision: .confirm, reason: "maiden name, same date of birth")
            // Pairs are stored lower id first.
            for (other, probability, status) in [(proposed.id, 0.97, "proposed"), (weak.id, 0.4, "proposed"), (rejected.id, 0.99, "rejected")] {
                try await store.execute(
                    """
                    INSERT INTO match_proposals (person_id, other_person_id, probability, reasons, status, source, created_at)
                    VALUES ('\(min(victim.id, other))', '\(max(victim.id, other))', \(probability), '', '\(status)', 'dedupe', 1)
                    """)
            }
            _ = try await store.service.addWarning(
                officer, on: .person, id: suspect.id,
                draft: WarningDraft(kind: "weapons", note: "Has threatened others with a knife"))
            try await store.execute(
                "INSERT INTO risk_levels (id, person_id, incident_id, level, assessed_at, source) VALUES ('r1', '\(confirmed.id)', 'h-confirmed', 'high', \(Int64(testNow.timeIntervalSince1970) - 700 * 86_400), 'dash')"
            )
            try await store.execute(
                """
                INSERT INTO protective_orders (id, kind, subject_person_id, protected_person_id, terms, starts_on, ends_on, created_at) VALUES
                ('o1', 'non_molestation', '\(suspect.id)', '\(victim.id)', 'Not to contact her or come within 100 metres of 12 Mill Lane', '2026-06-01', '2027-06-01', 1),
                ('o2', 'dvpo', '\(suspect.id)', '\(otherVictim.id)', 'Expired order', '2025-01-01', '2025-02-01', 1)
                """)

            let call = sampleCall(victimID: victim.id, suspect: PersonDraft(firstName: "Dale", surname: "Harrower", dateOfBirth: "1983-02-01"))
            var draft = call
            draft.parties[1] = CallPartyDraft(role: "suspect", personID: suspect.id)
            let incident = try await store.service.openIncident(handler, draft: draft).incident

            let briefing = try await store.service.briefing(officer, incidentID: incident.id)
            let v = try #require(briefing.people.first { $0.role == .victim })
            #expect(Set(v.history.map(\.id)) == ["h-confirmed", "h-proposed"])
            #expect(Set(v.linkedRecords.map(\.status)) == ["confirmed", "proposed"])
            #expect(v.status?.isRepeat == true)
            #expect(v.riskLevels.map(\.level) == [.high])
            #expect(v.orders.map(\.id) == ["o1"])
            let s = try #require(briefing.people.first { $0.role == .suspect })
            #expect(s.otherVictims.map(\.id) == [otherVictim.id])
            #expect(s.markers.map(\.kind) == ["weapons"])
            #expect(s.orders.map(\.id) == ["o1"])  // the expired order is not shown as in force
            #expect(s.history.map(\.id) == ["h-other"])
            #expect(briefing.call?.answers.childrenPresent == .yes)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_briefing' AND record_id = '\(incident.id)'") == 1)
        }
    }

    @Test("Rule 3: children of the victim's household are in the briefing with their risk levels", arguments: TestEngine.available)
    func rule3ChildrenInBriefing(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            // Recorded as a user records her: on the victim's record, as her child since birth.
            let child = try await store.service.recordHouseholdChild(
                handler, adultID: victim.id,
                draft: HouseholdChildDraft(firstName: "Ama", surname: "Okafor", dateOfBirth: "2018-03-03", role: "parent", from: "2018-03-03")
            ).person
            try await insertIncident(
                store, id: "h1", reference: "DA-2025-000009", occurredAt: testNow.addingTimeInterval(-90 * 86_400),
                parties: [(victim.id, "victim"), (child.id, "child")])
            try await store.execute(
                "INSERT INTO risk_levels (id, person_id, incident_id, level, assessed_at, source) VALUES ('r1', '\(child.id)', 'h1', 'medium', 1, 'dash')")
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            let briefing = try await store.service.briefing(try await store.actor(.responseOfficer), incidentID: incident.id)
            let c = try #require(briefing.people.first { $0.person.id == child.id })
            #expect(c.householdOnly && c.role == .child)
            #expect(c.riskLevels.map(\.level) == [.medium])
        }
    }

    @Test("Rule 3: a role that must state a reason must give one for the briefing; a partner agency may not see it", arguments: TestEngine.available)
    func rule3BriefingPermissions(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let victim = try await store.service.createPerson(handler, draft: sampleDraft())
            let incident = try await store.service.openIncident(handler, draft: sampleCall(victimID: victim.id)).incident
            await #expect(throws: DomainError.self) { try await store.service.briefing(try await store.actor(.partnerAgency), incidentID: incident.id) }
            // The neighbourhood officer of the incident's area, with a reason; another area's officer is refused.
            _ = try await store.service.createArea(code: "NBR", name: "Northbridge", postcodes: ["NB"])
            _ = try await store.service.createArea(code: "STH", name: "Southern division", postcodes: ["BB"])
            let neighbourhood = Actor(
                try await store.service.createUser(
                    username: "pcso-nb", displayName: "PCSO", role: .neighbourhoodOfficer, password: "pcso-nb-test-password", areaCode: "NBR"))
            let elsewhere = Actor(
                try await store.service.createUser(
                    username: "pcso-sth", displayName: "PCSO", role: .neighbourhoodOfficer, password: "pcso-sth-test-password", areaCode: "STH"))
            await #expect(throws: DomainError.self) {
                try await store.service.briefing(elsewhere, incidentID: incident.id, reason: "visit planned to the address tomorrow")
            }
            await #expect(throws: DomainError.self) { try await store.service.briefing(neighbourhood, incidentID: incident.id) }
            _ = try await store.service.briefing(neighbourhood, incidentID: incident.id, reason: "visit planned to the address tomorrow")
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'view_briefing' AND reason IS NOT NULL") == 1)
        }
    }
}
