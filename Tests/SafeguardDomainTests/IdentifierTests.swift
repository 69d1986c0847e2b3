import Foundation
import SafeguardDomain
import Testing

@Suite("Identifiers in canonical form")
struct IdentifierTests {
    @Test("UK phone numbers in any common form are one number")
    func phonesNormalise() {
        for raw in ["07700 900123", "07700900123", "+44 7700 900123", "+44 (0)7700 900123", "0044 7700 900-123", "447700900123"] {
            #expect(PhoneNumber.normalise(raw) == "07700900123", "\(raw)")
        }
        for bad in ["12345", "0770090012345", "call me", "+1 555 0100"] { #expect(PhoneNumber.normalise(bad) == nil, "\(bad)") }
    }

    @Test("Postcodes are upper case with one space before the inward code")
    func postcodesNormalise() {
        #expect(Postcode.normalise("sw1a1aa") == "SW1A 1AA")
        #expect(Postcode.normalise(" nb1  4xy ") == "NB1 4XY")
        #expect(Postcode.normalise("XXXX") == nil)
        #expect(Postcode.normalise("12345") == nil)
    }

    @Test("Dates are real dates, typed either way round")
    func datesNormalise() {
        #expect(CalendarDate.normalise("1986-04-12") == "1986-04-12")
        #expect(CalendarDate.normalise("12/04/1986") == "1986-04-12")
        #expect(CalendarDate.normalise("2/4/0986") == nil)
        #expect(CalendarDate.normalise("1986-4-2") == "1986-04-02")
        #expect(CalendarDate.string(Date(timeIntervalSince1970: 1_795_341_600)) == "2026-11-22")
        // "Today" is London's: 23:30 UTC on 1 July is already 2 July there; a date's own midnight stays its day.
        #expect(CalendarDate.string(Date(timeIntervalSince1970: 1_782_948_600)) == "2026-07-02")
        #expect(CalendarDate.string(CalendarDate.date("2026-07-02")!) == "2026-07-02")
        #expect(CalendarDate.normalise("1986-02-30") == nil)
        #expect(CalendarDate.normalise("yesterday") == nil)
    }

    @Test("Emails compare without case")
    func emailsNormalise() {
        #expect(EmailAddress.normalise(" K.Okafor@Example.org ") == "k.okafor@example.org")
        #expect(EmailAddress.normalise("no-at-sign") == nil)
    }
}

@Suite("Person input is checked before anything is written")
struct PersonDraftTests {
    let now = Date(timeIntervalSince1970: 1_795_341_600)

    @Test("Every bad field is reported at once, by name")
    func everyBadFieldIsNamed() {
        let draft = PersonDraft(firstName: "A", surname: " ", dateOfBirth: "2030-01-01", sex: "yes", phones: ["abc"], emails: ["x"], addressLine1: "1 Road")
        do {
            _ = try draft.validated(now: now)
            Issue.record("bad draft accepted")
        } catch let DomainError.invalid(errors) {
            #expect(errors.map(\.field) == ["surname", "date_of_birth", "sex", "phone", "email", "postcode"])
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("A good draft comes back in canonical form")
    func goodDraftIsCanonical() throws {
        let valid = try PersonDraft(
            firstName: " Kate ", surname: "O'Brien", dateOfBirth: "01/02/1990", phones: ["+44 7700 900123", "07700900123"], postcode: "nb14xy"
        ).validatedOrAddress(now: now)
        #expect(valid.firstName == "Kate")
        #expect(valid.dateOfBirth == "1990-02-01")
        #expect(valid.phones == ["07700900123"])
    }

    @Test("A search needs at least one well-formed term")
    func searchNeedsATerm() {
        #expect(throws: DomainError.invalid([FieldError("name", "Enter at least one of name, date of birth, phone or postcode.")])) {
            _ = try PersonSearchQuery().validated()
        }
        #expect(throws: DomainError.self) { _ = try PersonSearchQuery(dateOfBirth: "31/02/1990").validated() }
        #expect(PersonSearchQuery(name: "Kate", phone: "07700900123").auditTerms == "name=Kate&phone=07700900123")
    }
}

extension PersonDraft {
    /// A draft with only a postcode must also give the first line of the address.
    func validatedOrAddress(now: Date) throws -> ValidPersonDraft {
        var copy = self
        if copy.postcode != nil && copy.addressLine1 == nil { copy.addressLine1 = "1 Test Street" }
        return try copy.validated(now: now)
    }
}
