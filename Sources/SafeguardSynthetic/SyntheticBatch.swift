import Foundation
import SafeguardDomain
import SafeguardMatching

/// A slice of a generated force, small enough to insert in one go. Households are never split across batches,
/// so every address, person and relationship a batch's incidents refer to is in that batch or an earlier one.
public struct SyntheticBatch: Sendable {
    /// Addresses first used in this batch (each appears in exactly one batch).
    public var addresses: [Address] = []
    /// Person records, including the duplicate records real systems hold for one real person.
    public var people: [Person] = []
    public var relationships: [PersonRelationship] = []
    /// Incidents whose parties refer to person record ids of this or earlier batches.
    public var incidents: [Incident] = []
    /// Risk levels the officers of the time recorded for victims and children of these incidents.
    public var riskLevels: [(id: String, record: RiskLevelRecord)] = []
    /// Orders and bail conditions made after some of these incidents.
    public var orders: [ProtectiveOrder] = []
    /// Ground truth for matching: person record id → the id of the real (synthetic) individual it stands for.
    public var truth: [(recordID: String, identityID: String)] = []

    public init() {}
}

/// The shape of the force to generate.
public struct SyntheticForceSpec: Sendable, Equatable {
    /// Number of distinct synthetic individuals (duplicate records come on top).
    public var people: Int
    /// Years of incident history, ending at `endDate`.
    public var years: Int
    public var seed: UInt64
    public var endDate: Date
    public init(people: Int, years: Int, seed: UInt64, endDate: Date) {
        self.people = people
        self.years = years
        self.seed = seed
        self.endDate = endDate
    }
}
