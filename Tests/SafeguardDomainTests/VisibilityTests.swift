import Foundation
import SafeguardDomain
import Testing

@Suite("What each role may see (rule 33)")
struct VisibilityTests {
    let refuge = Address(
        id: "a1", line1: "1 Safe House Lane", town: "Northbridge", postcode: "NB9 9ZZ", confidential: true,
        markers: [Marker(kind: Marker.refuge, detail: "Refuge"), Marker(kind: "weapons", detail: "Knife seen at door")])

    @Test("A refuge address is hidden from roles without restricted access, but its officer-safety markers stay")
    func refugeAddressesAreHidden() {
        let shown = Visibility(.responseOfficer).address(refuge)
        #expect(shown.line1 == "Confidential address")
        #expect(shown.postcode.isEmpty)
        #expect(shown.markers.map(\.kind) == ["weapons"])
        #expect(Visibility(.daSpecialist).address(refuge) == refuge)
    }

    @Test("A restricted person is masked in lists, and a confidential postcode is left out")
    func summariesAreMasked() {
        let restricted = PersonSummary(
            id: "p", firstName: "Ann", surname: "Lee", dateOfBirth: "1980-01-01", sex: .female, postcode: "NB1 1AA", restricted: true, incidentCount: 2)
        let inRefuge = PersonSummary(
            id: "q", firstName: "Bea", surname: "Moss", dateOfBirth: nil, sex: .female, postcode: "NB9 9ZZ", postcodeConfidential: true, restricted: false,
            incidentCount: 1)
        let officer = Visibility(.callHandler)
        #expect(officer.summary(restricted).surname == "record")
        #expect(officer.summary(restricted).incidentCount == 2)
        #expect(officer.summary(inRefuge).postcode == nil)
        #expect(officer.summary(inRefuge).surname == "Moss")
        #expect(Visibility(.auditor).summary(inRefuge).postcode == "NB9 9ZZ")
    }
}
