@testable import SafeguardMatching
import Testing

@Suite("Compact comparable records")
struct MatchRecordEncodingTests {
    @Test("A record survives its one-line form whole, empty and missing fields included")
    func encodedRoundTrip() throws {
        let records = [
            MatchRecord(
                personID: "p1", firstNames: ["Kate", "Katherine"], surnames: ["O'Brien-Smith", "Adeyemi"], dateOfBirth: "1986-04-12", sex: "female",
                phones: ["07700900123", "07700900456"], postcodes: ["NB1 4XY"], emails: ["k@example.org"]),
            MatchRecord(personID: "p2", firstNames: [], surnames: ["Unknown"], dateOfBirth: nil),
            MatchRecord(personID: "p3", firstNames: ["A"], surnames: ["O", "Ng"], dateOfBirth: "2001-01-01")
        ]
        for record in records {
            let decoded = try #require(MatchRecord(personID: record.personID, encoded: record.encoded))
            #expect(decoded == record)
        }
        #expect(MatchRecord(personID: "x", encoded: "not a record") == nil)
    }

    @Test("The scorer's weight tables follow the levels' order")
    func levelOrdinals() {
        #expect(NameLevel.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
        #expect(DateOfBirthAgreement.allCases.enumerated().allSatisfy { $0.offset == $0.element.ordinal })
    }
}
