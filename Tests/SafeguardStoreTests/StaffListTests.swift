import Foundation
import SafeguardDomain
import SafeguardStore
import SafeguardTestSupport
import Testing

/// Rule 33 and issue 24, part 2: police employees as victims or perpetrators are flagged from the force's staff list
/// (an import) as well as by hand, and their records restricted to the roles that see restricted records.
@Suite("The staff list restricts police employees' records", .serialized)
struct StaffListTests {
    @Test(
        "Rule 33: a staff list restricts the records that match a member exactly, now and when a new record is made; near matches, leavers and bad rows are handled as the rule says",
        arguments: TestEngine.available)
    func staffListRestrictsMembersRecords(engine: TestEngine) async throws {
        try await TestStore.with(engine) { store in
            // setup: a colleague already on record as a victim, a near match, and a stranger
            let handler = try await store.actor(.callHandler)
            let specialist = try await store.actor(.daSpecialist)
            let colleague = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Verity", surname: "Quennell", dateOfBirth: "1984-03-27"))
            let nearMatch = try await store.service.createPerson(
                handler, draft: PersonDraft(firstName: "Verity", surname: "Quenell", dateOfBirth: "1984-03-27"))
            let stranger = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "Dale", surname: "Harker", dateOfBirth: "1980-03-04"))
            // act: HR's list, with a row lacking a date of birth and a staff number twice
            let summary = try await store.service.importStaffList([
                StaffRow(line: 2, staffNumber: "S100", firstName: " verity ", surname: "QUENNELL", dateOfBirth: "27/03/1984"),
                StaffRow(line: 3, staffNumber: "S101", firstName: "Sam", surname: "Okafor", dateOfBirth: ""),
                StaffRow(line: 4, staffNumber: "S100", firstName: "Ann", surname: "Other", dateOfBirth: "1990-01-01"),
                StaffRow(line: 5, staffNumber: "S103", firstName: "Pat", surname: "O'Neil", dateOfBirth: "1975-05-05")
            ])
            // check: the exact match restricted (with its old version kept and the act audited), nobody else
            #expect(summary.members == 2 && summary.restricted == 1 && summary.alreadyRestricted == 0)
            #expect(summary.refused.map(\.line) == [3, 4] && summary.refused[0].why.contains("date_of_birth"))
            func restricted(_ id: String) async throws -> Bool { try await store.service.viewPerson(specialist, id: id).person.restricted }
            let (isColleague, isNear, isStranger) = (try await restricted(colleague.id), try await restricted(nearMatch.id), try await restricted(stranger.id))
            // Those who see restricted records are told why: she is on the staff list (the near match is not).
            #expect(try await store.service.viewPerson(specialist, id: colleague.id).onStaffList == true)
            #expect(try await store.service.viewPerson(specialist, id: nearMatch.id).onStaffList == false)
            #expect(try await store.service.viewPerson(handler, id: stranger.id).onStaffList == nil)
            #expect(isColleague && !isNear && !isStranger)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'restrict_staff_record'") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM record_history WHERE changed_by = 'staff-list'") == 1)
            // A record made later of a member, by a call handler who does not know, is restricted as it is made.
            let later = try await store.service.createPerson(handler, draft: PersonDraft(firstName: "PAT", surname: "o'neil", dateOfBirth: "1975-05-05"))
            #expect(later.restricted)
            // A response officer sees that the record exists, not whose it is.
            let officer = try await store.actor(.responseOfficer)
            await #expect(throws: DomainError.self) { _ = try await store.service.viewPerson(officer, id: colleague.id) }
            // A new list without her (she left): her record stays restricted until a specialist lifts it.
            let again = try await store.service.importStaffList([
                StaffRow(line: 2, staffNumber: "S103", firstName: "Pat", surname: "O'Neil", dateOfBirth: "1975-05-05")
            ])
            #expect(again.members == 1 && again.restricted == 0 && again.alreadyRestricted == 1)
            #expect(try await restricted(colleague.id))
            // A legacy import (people, or the history's people) restricts a member's record as it arrives.
            let legacy = try [
                ["record_id": "L-PAT", "first_name": "Pat", "surname": "O'Neil", "date_of_birth": "1975-05-05"],
                ["record_id": "L-JO", "first_name": "Jo", "surname": "Brand", "date_of_birth": "1975-05-05"]
            ].enumerated().map { try ImportTests.row($0.element, line: $0.offset + 2) }
            _ = try await store.service.importPeople(legacy, by: nil)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people WHERE source_id IN ('L-PAT', 'L-JO') AND restricted = TRUE") == 1)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM people WHERE source_id = 'L-PAT' AND restricted = TRUE") == 1)
        }
    }
}
