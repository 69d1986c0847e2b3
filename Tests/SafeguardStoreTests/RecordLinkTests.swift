import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Confirming and rejecting links between records", .serialized)
struct RecordLinkTests {
    @Test("A confirmed link shows both records' incidents together, is kept with its reason, and can be undone; nothing is merged", arguments: TestEngine.available)
    func confirmThenUndo(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: one woman, two records, an incident on the second
            let handler = try await store.actor(.callHandler)
            let first = try await store.service.createPerson(handler, draft: sampleDraft())
            var second = sampleDraft(surname: "Mensah")
            second.firstName = "Kate"
            let other = try await store.service.createPerson(handler, draft: second)
            let suspect = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Dale", surname: "Harrower"))
            try await store.execute("""
                INSERT INTO incidents (id, reference, occurred_at, reported_at, channel, relationship, abuse_types, is_crime, summary, version, created_at)
                VALUES ('inc-1', 'DA-2026-000001', 1795000000, 1795000600, '999', 'intimate_partner', 'physical', TRUE, 'Call from a friend''s house.', 1, 1795000600)
                """)
            try await store.execute("INSERT INTO incident_parties (incident_id, person_id, role) VALUES ('inc-1', '\(other.id)', 'victim'), ('inc-1', '\(suspect.id)', 'suspect')")
            // act + check: confirm
            try await store.service.decideLink(handler, personID: first.id, otherPersonID: other.id, decision: .confirm, reason: "same phone and date of birth; caller confirmed maiden name")
            var view = try await store.service.viewPerson(handler, id: first.id)
            #expect(view.links.map(\.status) == ["confirmed"])
            #expect(view.incidents.map(\.id) == ["inc-1"])
            #expect(view.incidents.first?.linkedRecordID == other.id)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == 3)
            // undo
            try await store.service.decideLink(handler, personID: other.id, otherPersonID: first.id, decision: .undo, reason: "confirmed in error")
            view = try await store.service.viewPerson(handler, id: first.id)
            #expect(view.links.map(\.status) == ["proposed"])
            #expect(view.incidents.isEmpty)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM link_decisions") == 2)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'decide_link'") == 2)
        }
    }

    @Test("A decision needs a reason; undo needs a decision; a partner may not link", arguments: TestEngine.available)
    func decisionRules(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let partner = try await store.actor(.partnerAgency)
            let a = try await store.service.createPerson(handler, draft: sampleDraft())
            let b = try await store.service.createPerson(handler, draft: sampleDraft(surname: "Mensah"))
            await #expect(throws: DomainError.invalid([FieldError("reason", "Say why (at least 5 characters): the next person will rely on it.")])) {
                try await store.service.decideLink(handler, personID: a.id, otherPersonID: b.id, decision: .confirm, reason: " ")
            }
            await #expect(throws: DomainError.invalid([FieldError("decision", "There is no decision on these two records to undo.")])) {
                try await store.service.decideLink(handler, personID: a.id, otherPersonID: b.id, decision: .undo, reason: "nothing to undo")
            }
            await #expect(throws: DomainError.self) {
                try await store.service.decideLink(partner, personID: a.id, otherPersonID: b.id, decision: .reject, reason: "not the same woman")
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM link_decisions") == 0)
        }
    }
}
