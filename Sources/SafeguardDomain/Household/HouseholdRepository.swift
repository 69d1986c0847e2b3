import Foundation

/// Where the links between the household's adults and children are kept.
public protocol HouseholdRepository: Sendable {
    /// Writes a link; false when this adult and child are already linked in this role and the link has not ended.
    func create(_ link: HouseholdLink) async throws -> Bool
    /// Every link of these adults, ended ones too, oldest first.
    func links(adults: [String]) async throws -> [HouseholdLink]
    /// Every link of these children, ended ones too, oldest first.
    func links(children: [String]) async throws -> [HouseholdLink]
    /// Ends a link on `day`; false when it was already ended.
    func end(id: String, on day: String) async throws -> Bool
}
