import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Matching against the database", .serialized)
struct MatchingStoreTests {
    @Test("A repeat caller is recognised by person, not address: new surname, swapped date, same phone", arguments: TestEngine.available)
    func repeatCallerIsRecognisedByPerson(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let handler = try await store.actor(.callHandler)
            let her = try await store.service.createPerson(handler, draft: sampleDraft())
            var neighbour = sampleDraft(surname: "Okafor", phone: "07700 900555")
            neighbour.firstName = "Grace"
            neighbour.dateOfBirth = "1959-01-30"
            neighbour.otherNames = []
            _ = try await store.service.createPerson(handler, draft: neighbour)
            // act
            let found = try await store.service.matchPeople(
                handler, query: PersonMatchQuery(firstName: "Kate", surname: "Mensah", dateOfBirth: "1986-12-04", phone: "07700 900123", postcode: "ZZ1 1ZZ"))
            // check
            #expect(found.first?.person.id == her.id)
            #expect(found.first?.proposed == true)
            #expect(found.first?.reasons.contains("same phone number") == true)
            #expect(found.first?.reasons.contains("date of birth with day and month swapped") == true)
            #expect(!found.contains { $0.person.firstName == "Grace" && $0.proposed })
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE detail LIKE 'match: first_name=Kate%'") == 1)
        }
    }

    @Test(
        "A mistyped name with nothing else to go on still finds the record: the names on record one slip away are looked up too",
        arguments: TestEngine.available)
    func mistypedNameStillFinds(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let her = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Michelle", surname: "Burns", dateOfBirth: "1961-12-14"))
            let him = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Christina", surname: "Hunt"))
            // Surname letters swapped and no date, phone or postcode: no blocking key the caller's words make is hers.
            let bySurname = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Michelle", surname: "Bursn"))
            #expect(bySurname.first?.person.id == her.id)
            #expect(bySurname.first?.reasons.contains("surname spelt one letter differently") == true)
            #expect(bySurname.first?.proposed == false)  // a typo alone is shown, never proposed
            let byFirstName = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Christian", surname: "Hunt"))
            #expect(byFirstName.first?.person.id == him.id)
            // A letter dropped from a four-letter name leaves three, too short to have variants of its own.
            let ivy = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Ivy", surname: "King", dateOfBirth: "1970-12-06"))
            let dropped = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Ivy", surname: "Kng", dateOfBirth: "1970-12-07"))
            #expect(dropped.first?.person.id == ivy.id)
            #expect(dropped.first?.reasons.contains("surname spelt one letter differently") == true)
            // Two slips is a different name.
            #expect(try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Michelle", surname: "Brusn")).isEmpty)
            // The neighbourhood is kept for names added later, and rebuilt whole from the records.
            #expect(try await store.count("SELECT COUNT(*) AS n FROM match_name_variants WHERE name = 'burns'") == 6)
            try await store.pool.rebuildMatchIndex()
            #expect(try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Michelle", surname: "Bursn")).first?.person.id == her.id)
        }
    }

    @Test(
        "Rule 1: when two people of one name fit the caller's words equally, the handler is told what to ask for, not left to pick",
        arguments: TestEngine.available)
    func rule1NamesakesPromptForMoreDetails(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let handler = try await store.actor(.callHandler)
            let mother = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Margaret", surname: "Day", dateOfBirth: "1978-05-20"))
            _ = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Margaret", surname: "Day", dateOfBirth: "1951-02-11"))
            // act
            let nameOnly = PersonMatchQuery(firstName: "Margaret", surname: "Day")
            let shared = try await store.service.matchPeople(handler, query: nameOnly)
            let withDate = PersonMatchQuery(firstName: "Margaret", surname: "Day", dateOfBirth: "20/05/1978")
            let singled = try await store.service.matchPeople(handler, query: withDate)
            // check
            #expect(shared.count == 2 && !shared.contains { $0.proposed })
            let advice = try #require(nameOnly.advice(for: shared))
            #expect(advice.tied == 2)
            #expect(advice.askFor == ["date of birth", "phone number", "postcode"])
            #expect(
                advice.message == "2 of these records fit the details given equally well: ask for date of birth, phone number or postcode to tell them apart.")
            #expect(singled.first?.person.id == mother.id && singled.first?.proposed == true)
            #expect(withDate.advice(for: singled) == nil)
        }
    }

    @Test(
        "Rule 1: a stranger who shares a name is shown, never proposed as her: a date one digit out, or a sister with her initial and birthday",
        arguments: TestEngine.available)
    func rule1StrangerOfOneNameIsNotProposed(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: two women on record
            let handler = try await store.actor(.callHandler)
            let gillian = try await store.service.createPerson(
                handler,
                draft: PersonDraft(
                    firstName: "Gillian", surname: "Edwards", dateOfBirth: "1984-05-28", addressLine1: "4 Mill Lane", addressTown: "Preston",
                    postcode: "PR4 4DD"))
            let kerry = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Kerry", surname: "Allen", dateOfBirth: "1990-09-16"))
            // act: callers who are not them, and Gillian herself with the same slip in her date of birth but her postcode
            let namesake = try await store.service.matchPeople(
                handler, query: PersonMatchQuery(firstName: "Gillian", surname: "Edwards", dateOfBirth: "1985-05-28"))
            let twin = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Katie", surname: "Allen", dateOfBirth: "1990-09-16"))
            let herself = try await store.service.matchPeople(
                handler, query: PersonMatchQuery(firstName: "Gillian", surname: "Edwards", dateOfBirth: "1985-05-28", postcode: "PR4 4DD"))
            // check: shown, first, but not "likely the same person" on what a stranger could share
            #expect(namesake.first?.person.id == gillian.id && namesake.first?.proposed == false)
            #expect(twin.first?.person.id == kerry.id && twin.first?.proposed == false)
            #expect(herself.first?.person.id == gillian.id && herself.first?.proposed == true)
        }
    }

    @Test(
        "Rule 1: records confirmed to be one woman are one candidate, with every record's ids and incidents; undone, two again", arguments: TestEngine.available
    )
    func rule1ConfirmedRecordsAreOneCandidate(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: her married record and her maiden-name record, each with an incident, and a stranger of one name
            let handler = try await store.actor(.callHandler)
            let married = try await store.service.createPerson(handler, draft: sampleDraft())
            var maidenDraft = sampleDraft(surname: "Adeyemi")
            maidenDraft.otherNames = []
            maidenDraft.postcode = "NB2 7QD"
            let maiden = try await store.service.createPerson(handler, draft: maidenDraft)
            let stranger = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Katherine", surname: "Adeyemi"))
            try await store.execute("UPDATE people SET source_id = 'LEG-1' WHERE id = '\(married.id)'")
            try await store.execute("UPDATE people SET source_id = 'LEG-2' WHERE id = '\(maiden.id)'")
            try await store.execute(
                """
                INSERT INTO incidents (id, reference, occurred_at, reported_at, channel, relationship, abuse_types, is_crime, summary, version, created_at)
                VALUES ('inc-1', 'DA-2026-000001', 1795000000, 1795000600, '999', 'intimate_partner', 'physical', TRUE, 'First call.', 1, 1795000600),
                       ('inc-2', 'DA-2026-000002', 1796000000, 1796000600, '101', 'intimate_partner', 'physical', TRUE, 'Second call.', 1, 1796000600)
                """)
            // The maiden-name record was also put on the first incident as a witness: one incident, counted once.
            try await store.execute(
                """
                INSERT INTO incident_parties (incident_id, person_id, role) VALUES ('inc-1', '\(married.id)', 'victim'),
                ('inc-1', '\(maiden.id)', 'witness'), ('inc-2', '\(maiden.id)', 'victim')
                """)
            let query = PersonMatchQuery(firstName: "Kate", surname: "Adeyemi", dateOfBirth: "1986-04-12")
            let before = try await store.service.matchPeople(handler, query: query)
            #expect(Set(before.prefix(2).map(\.person.id)) == [married.id, maiden.id])
            // act
            try await store.service.decideLink(
                handler, personID: married.id, otherPersonID: maiden.id, decision: .confirm, reason: "same date of birth; she gave her maiden name")
            let after = try await store.service.matchPeople(handler, query: query)
            // check: one candidate for her, led by the record the caller's words fit best, standing for both
            let her = try #require(after.first)
            #expect(her.person.id == maiden.id)
            #expect(her.sameAs.map(\.id) == [married.id])
            #expect(Set(her.sourceRecordIDs) == ["LEG-1", "LEG-2"])
            #expect(her.incidentCount == 2)
            #expect(after.map(\.person.id) == [maiden.id, stranger.id])
            // undo: two candidates again
            try await store.service.decideLink(handler, personID: married.id, otherPersonID: maiden.id, decision: .undo, reason: "confirmed on the wrong call")
            let undone = try await store.service.matchPeople(handler, query: query)
            #expect(undone.contains { $0.person.id == married.id } && undone.allSatisfy { $0.sameAs.isEmpty })
        }
    }

    @Test("The matching index can be read through ahead of the first calls (as serve does at start), touching nothing", arguments: TestEngine.available)
    func matchIndexIsWarmedAhead(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let handler = try await store.actor(.callHandler)
            _ = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Florence", surname: "Ashdown", dateOfBirth: "1973-07-11", phones: ["07700 900123"]))
            let keys = try await store.count("SELECT COUNT(*) AS n FROM match_keys")
            let records = try await store.count("SELECT COUNT(*) AS n FROM match_records")
            // act
            let read = try await store.pool.warmMatchIndex()
            // check
            #expect(keys > 0)
            #expect(read == keys)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM match_records") == records)
        }
    }

    @Test("An old phone number still finds the person after it was replaced", arguments: TestEngine.available)
    func historyStillMatches(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let handler = try await store.actor(.callHandler)
            let her = try await store.service.createPerson(handler, draft: sampleDraft())
            _ = try await store.service.editPerson(handler, id: her.id, expectedVersion: 1, draft: sampleDraft(phone: "07700 900777"))
            // act
            let byOld = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Katherine", phone: "07700900123"))
            let byNew = try await store.service.matchPeople(handler, query: PersonMatchQuery(firstName: "Katherine", phone: "07700900777"))
            // check
            #expect(byOld.first?.person.id == her.id)
            #expect(byNew.first?.person.id == her.id)
        }
    }

    @Test("The whole index can be rebuilt from the records and gives the same answers", arguments: TestEngine.available)
    func indexRebuilds(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            let handler = try await store.actor(.callHandler)
            let her = try await store.service.createPerson(handler, draft: sampleDraft())
            let before = try await store.count("SELECT COUNT(*) AS n FROM match_keys")
            try await store.pool.rebuildMatchIndex()
            #expect(try await store.count("SELECT COUNT(*) AS n FROM match_keys") == before)
            #expect(before > 5)
            #expect(
                try await store.service.matchPeople(handler, query: PersonMatchQuery(surname: "Okafor", dateOfBirth: "1986-04-12")).first?.person.id == her.id)
        }
    }
}
