import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

@Suite("Stored values the code cannot read", .serialized)
struct UnreadableValueTests {
    @Test("A stored value the code does not know is an error naming the table, column and value, never a guess", arguments: TestEngine.available)
    func unknownStoredValueIsAnErrorNotAGuess(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: a person whose sex column holds what no version wrote, and a call whose fear answer does
            let handler = try await store.actor(.callHandler)
            let person = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Anne", surname: "Okafor"))
            try await store.execute("UPDATE people SET sex = 'fmale' WHERE id = '\(person.id)'")
            // act + check
            do {
                _ = try await store.service.viewPerson(handler, id: person.id)
                Issue.record("a sex of 'fmale' was read as something")
            } catch let error as UnreadableValue {
                #expect(error.table == "people")
                #expect(error.column == "sex")
                #expect(error.value == "fmale")
                #expect(error.description.contains("people.sex holds \"fmale\""))
            }
        }
    }
}
