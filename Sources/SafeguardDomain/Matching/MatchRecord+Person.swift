import Foundation
import SafeguardMatching

extension MatchRecord {
    /// A person record in comparable form: every name, phone, email and postcode it holds.
    public init(person: Person) {
        self.init(
            personID: person.id,
            firstNames: [person.firstName] + person.otherNames.map(\.firstName),
            surnames: [person.surname] + person.otherNames.map(\.surname),
            dateOfBirth: person.dateOfBirth, sex: person.sex.rawValue, phones: person.phones,
            postcodes: person.addresses.map(\.address.postcode), emails: person.emails)
    }
}
