import SafeguardDomain
import Testing

@Suite("An address is one place")
struct AddressKeyTests {
    @Test("Issue 20, an address is one place: case, spacing, punctuation, street words, flat numbering and postcode format do not change the key")
    func sameAddressTypedDifferently() {
        let stored = AddressKey.key(line1: "Flat 3 12 High Street", town: "Northbridge", postcode: "AB1 2CD")
        #expect(stored == "AB12CD|flat 3 12 high street")
        for typed in ["flat 3, 12 high st", "FLAT 3 12 HIGH ST.", "Apartment 3, 12 High Street", "Flat 3,12  High St", "apt. 3 12 high street"] {
            #expect(AddressKey.key(line1: typed, town: "", postcode: "ab12cd") == stored, "\(typed)")
        }
        #expect(AddressKey.key(line1: "12A High Street", town: "", postcode: "AB1 2CD") == AddressKey.key(line1: "12 a high st", town: "", postcode: "ab1 2cd"))
        #expect(AddressKey.key(line1: "No. 7 Mill Rd", town: "", postcode: "AB1 2CD") == AddressKey.key(line1: "7 Mill Road", town: "", postcode: "AB1 2CD"))
        #expect(AddressKey.key(line1: "12 St Mary's Rd", town: "", postcode: "AB1 2CD") == "AB12CD|12 saint marys road")
        #expect(AddressKey.key(line1: "14 Côte Lane", town: "", postcode: "AB1 2CD") == AddressKey.key(line1: "14 cote ln", town: "", postcode: "AB1 2CD"))
    }

    @Test("Issue 20, an address is one place: another flat, another number, another postcode or another street is another place")
    func differentPlacesStayApart() {
        let stored = AddressKey.key(line1: "Flat 3 12 High Street", town: "", postcode: "AB1 2CD")
        #expect(AddressKey.key(line1: "Flat 4 12 High Street", town: "", postcode: "AB1 2CD") != stored)
        #expect(AddressKey.key(line1: "Flat 3 14 High Street", town: "", postcode: "AB1 2CD") != stored)
        #expect(AddressKey.key(line1: "Flat 3 12 High Street", town: "", postcode: "AB1 2CE") != stored)
        #expect(AddressKey.key(line1: "Flat 3 12 High Road", town: "", postcode: "AB1 2CD") != stored)
        // With no usable postcode the town stands in; with no line there is nothing to key on.
        #expect(AddressKey.key(line1: "3 Bank St", town: "North Bridge", postcode: "unknown") == "town:north bridge|3 bank street")
        #expect(AddressKey.key(line1: " , ", town: "Northbridge", postcode: "AB1 2CD") == nil)
        #expect(AddressKey.prefix(postcode: "ab1 2cd", town: "") == "AB12CD|")
    }
}
