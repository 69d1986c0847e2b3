import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Confirming and rejecting links between records", .serialized)
struct RecordLinkTests {
    @Test(
        "A confirmed link shows both records' incidents together, is kept with its reason, and can be undone; nothing is merged",
        arguments: TestEngine.available)
    func confirmThenUndo(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: one woman, two records, an incident on the second
            let handler = try await store.actor(.callHandler)
            let first = try await store.service.createPerson(handler, draft: sampleDraft())
            var second = sampleDraft(surname: "Mensah")
            second.firstName = "Kate"
            let other = try await store.service.createPerson(handler, draft: second)
            let suspect = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Dale", surname: "Harrower"))
            try await store.execute(
                """
                INSERT INTO incidents (id, reference, occurred_at, reported_at, channel, relationship, abuse_types, is_crime, summary, version, created_at)
                VALUES ('inc-1', 'DA-2026-000001', 1795000000, 1795000600, '999', 'intimate_partner', 'physical', TRUE, 'Call from a friend''s house.', 1, 1795000600)
                """)
            try await store.execute(
                "INSERT INTO incident_parties (incident_id, person_id, role) VALUES ('inc-1', '\(other.id)', 'victim'), ('inc-1', '\(suspect.id)', 'suspect')")
            // act + check: confirm
            try await store.service.decideLink(
                handler, personID: first.id, otherPersonID: other.id, decision: .confirm, reason: "same phone and date of birth; caller confirmed maiden name")
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

    @Test(
        "Rule 1: the clean-up's proposals wait in a review queue, most likely first; a decided pair leaves it; restricted pairs are masked; partners may not review",
        arguments: TestEngine.available)
    func rule1ProposedLinksWaitForReview(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: three records, two proposals from the clean-up
            let handler = try await store.actor(.callHandler)
            let partner = try await store.actor(.partnerAgency)
            let a = try await store.service.createPerson(handler, draft: sampleDraft())
            let b = try await store.service.createPerson(handler, draft: sampleDraft(surname: "Mensah"))
            var restricted = sampleDraft(surname: "Okoro")
            restricted.restricted = true
            let specialist = try await store.actor(.daSpecialist)
            let c = try await store.service.createPerson(specialist, draft: restricted)
            let (first, second) = (min(a.id, b.id), max(a.id, b.id))
            try await store.execute(
                """
                INSERT INTO match_proposals (person_id, other_person_id, probability, reasons, status, source, created_at)
                VALUES ('\(first)', '\(second)', 0.97, 'same phone number; same date of birth', 'proposed', 'dedupe', 1),
                       ('\(min(a.id, c.id))', '\(max(a.id, c.id))', 0.91, 'same phone number', 'proposed', 'dedupe', 1)
                """)
            // act
            let queue = try await store.service.proposedLinks(handler)
            let secondPage = try await store.service.proposedLinks(handler, limit: 1, offset: 1)
            try await store.service.decideLink(handler, personID: a.id, otherPersonID: b.id, decision: .confirm, reason: "same phone and date of birth")
            let after = try await store.service.proposedLinks(handler)
            // check
            #expect(queue.total == 2)
            #expect(queue.links.map(\.probability) == [0.97, 0.91])
            #expect(queue.links.first?.reasons == ["same phone number", "same date of birth"])
            #expect(Set([queue.links[0].person.id, queue.links[0].otherPerson.id]) == [a.id, b.id])
            #expect(queue.links[1].reasons == ["restricted record: ask a DA specialist"])
            #expect([queue.links[1].person, queue.links[1].otherPerson].contains { $0.firstName == "Restricted" })
            #expect(secondPage.links.count == 1 && secondPage.links.first?.probability == 0.91)
            #expect(after.total == 1)
            await #expect(throws: DomainError.self) { try await store.service.proposedLinks(partner) }
            await #expect(throws: DomainError.invalid([FieldError("limit", "must be between 1 and 200."), FieldError("offset", "must be 0 or more.")])) {
                try await store.service.proposedLinks(handler, limit: 0, offset: -1)
            }
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'review_links'") == 3)
        }
    }
}
