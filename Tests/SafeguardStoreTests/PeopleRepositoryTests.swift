import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// A victim as a call handler would first record her.
func sampleDraft(surname: String = "Okafor", phone: String = "07700 900123") -> PersonDraft {
    PersonDraft(
        firstName: "Katherine", surname: surname, dateOfBirth: "1986-04-12", sex: "female", phones: [phone],
        emails: ["k.okafor@example.org"], otherNames: [PersonName(firstName: "Katherine", surname: "Adeyemi", kind: .previous)],
        addressLine1: "12 Mill Lane", addressTown: "Northbridge", postcode: "nb1 4xy")
}

@Suite("People repository", .serialized)
struct PeopleRepositoryTests {
    @Test("A person record is stored and read back whole", arguments: TestEngine.available)
    func personRoundTrips(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let officer = try await store.actor(.responseOfficer)
            // act
            let created = try await store.service.createPerson(officer, draft: sampleDraft())
            let view = try await store.service.viewPerson(officer, id: created.id)
            // check
            #expect(view.person.fullName == "Katherine Okafor")
            #expect(view.person.dateOfBirth == "1986-04-12")
            #expect(view.person.phones == ["07700900123"])
            #expect(view.person.currentAddress?.postcode == "NB1 4XY")
            #expect(view.person.otherNames.map(\.surname) == ["Adeyemi"])
            #expect(view.person.version == 1)
        }
    }

    @Test("Search finds a person by any one of name, previous name, date of birth, phone (any format) or postcode", arguments: TestEngine.available)
    func searchFindsByEveryTerm(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let handler = try await store.actor(.callHandler)
            let person = try await store.service.createPerson(handler, draft: sampleDraft())
            var neighbour = sampleDraft(surname: "Brennan", phone: "07700 900999")
            neighbour.otherNames = []
            _ = try await store.service.createPerson(handler, draft: neighbour)
            // act
            let queries: [PersonSearchQuery] = [
                PersonSearchQuery(name: "Okafor"), PersonSearchQuery(name: "kath okaf"), PersonSearchQuery(name: "Adeyemi"),
                PersonSearchQuery(phone: "+44 7700 900123"), PersonSearchQuery(name: "okafor", postcode: "NB14XY"),
                PersonSearchQuery(name: "Okafor", dateOfBirth: "12/04/1986")
            ]
            // check
            for query in queries {
                let results = try await store.service.searchPeople(handler, query: query)
                #expect(results.map(\.id) == [person.id], "query \(query.auditTerms)")
            }
            #expect(try await store.service.searchPeople(handler, query: PersonSearchQuery(postcode: "NB1 4XY")).count == 2)
        }
    }

    @Test("A stale edit is refused with a clear message and changes nothing", arguments: TestEngine.available)
    func staleEditIsRefused(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let officer = try await store.actor(.responseOfficer)
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            var first = sampleDraft()
            first.phones = ["07700 900555"]
            _ = try await store.service.editPerson(officer, id: person.id, expectedVersion: 1, draft: first)
            // act
            var second = sampleDraft()
            second.surname = "Overwritten"
            await #expect(throws: DomainError.staleEdit(kind: "person", id: person.id, expectedVersion: 1, currentVersion: 2)) {
                _ = try await store.service.editPerson(officer, id: person.id, expectedVersion: 1, draft: second)
            }
            // check
            let now = try await store.service.viewPerson(officer, id: person.id).person
            #expect(now.surname == "Okafor")
            #expect(now.version == 2)
        }
    }

    @Test("A correction keeps history and deletes nothing: old phone, name and address stay, dated", arguments: TestEngine.available)
    func correctionKeepsHistory(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let officer = try await store.actor(.responseOfficer)
            let person = try await store.service.createPerson(officer, draft: sampleDraft())
            var changed = sampleDraft(surname: "Mensah", phone: "07700 900777")
            changed.addressLine1 = "3 Refuge Row"
            changed.postcode = "NB2 1AA"
            // act
            let updated = try await store.service.editPerson(officer, id: person.id, expectedVersion: 1, draft: changed)
            // check
            #expect(updated.version == 2)
            #expect(updated.phones == ["07700900777"])
            #expect(updated.addresses.count == 2)
            #expect(updated.addresses.first?.to != nil)
            #expect(updated.otherNames.contains(PersonName(firstName: "Katherine", surname: "Okafor", kind: .previous)))
            #expect(try await store.count("SELECT COUNT(*) AS n FROM person_phones") == 2)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM person_phones WHERE removed_at IS NOT NULL") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM record_history WHERE record_id = '\(person.id)' AND version = 1") == 1)
            // The old surname still finds her.
            let found = try await store.service.searchPeople(officer, query: PersonSearchQuery(name: "Katherine Okafor"))
            #expect(found.map(\.id) == [person.id])
        }
    }

    @Test("Bad input names each field and writes nothing", arguments: TestEngine.available)
    func badInputWritesNothing(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let officer = try await store.actor(.responseOfficer)
            var draft = sampleDraft()
            draft.dateOfBirth = "1986-02-30"
            draft.phones = ["not a phone"]
            draft.postcode = "XXXX"
            // act
            var fields: [String] = []
            do { _ = try await store.service.createPerson(officer, draft: draft) } catch let DomainError.invalid(errors) { fields = errors.map(\.field) }
            // check
            #expect(fields == ["date_of_birth", "phone", "postcode"])
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'create_person'") == 0)
        }
    }
}

@Suite("Restriction is never lifted by omission", .serialized)
struct RestrictionEditTests {
    @Test("An edit that leaves out `restricted` keeps the record restricted", arguments: TestEngine.available)
    func omittedRestrictionIsKept(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup
            let specialist = try await store.actor(.daSpecialist)
            var draft = sampleDraft()
            draft.restricted = true
            let person = try await store.service.createPerson(specialist, draft: draft)
            // act
            var edit = sampleDraft(surname: "Mensah")
            edit.restricted = nil
            let edited = try await store.service.editPerson(specialist, id: person.id, expectedVersion: 1, draft: edit)
            // check
            #expect(edited.restricted)
            #expect(edited.surname == "Mensah")
        }
    }
}
