import Foundation

/// A known tie between two person records (partners, parent and child, siblings), from the perspective of `personID`:
/// "personID is `relationship` of otherPersonID".
public struct PersonRelationship: Sendable, Equatable, Codable {
    public var personID: String
    public var otherPersonID: String
    public var relationship: Relationship
    public init(personID: String, otherPersonID: String, relationship: Relationship) {
        self.personID = personID
        self.otherPersonID = otherPersonID
        self.relationship = relationship
    }
}
