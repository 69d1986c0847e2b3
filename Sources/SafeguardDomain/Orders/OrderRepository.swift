import Foundation
import SafeguardMatching

/// The orders register (rule 25): orders and their history. An event and the order's new state are written together.
public protocol OrderRepository: Sendable {
    func create(_ order: ProtectiveOrder, byUserID: String) async throws
    /// The order with its history, oldest event first.
    func find(id: String) async throws -> ProtectiveOrder?
    /// Orders binding or protecting any of these records, each with its history, newest first.
    func involving(_ personIDs: [String]) async throws -> [ProtectiveOrder]
    /// Keeps `event` and saves the order's state after it; false if someone else changed the order first.
    func record(_ event: OrderEvent, byUserID: String, order: ProtectiveOrder, expectedVersion: Int) async throws -> Bool
    /// Orders not ended whose end date falls between these days, whose "ending" trigger has not yet fired.
    func endingBetween(_ from: String, _ to: String, limit: Int) async throws -> [ProtectiveOrder]
    /// Notices (DVPN, DAPN) served (or recorded) before `madeBefore` — and within the week before it, after which the
    /// alarm is long past — with no hearing and not ended, whose trigger has not fired.
    func noticesWithoutHearing(madeBefore: Date, limit: Int) async throws -> [ProtectiveOrder]
    func addRequirement(_ requirement: OrderRequirement, byUserID: String) async throws
    func requirement(id: String) async throws -> OrderRequirement?
    /// Saves a requirement's compliance if it was still pending; false when someone recorded it first.
    func updateRequirement(_ requirement: OrderRequirement) async throws -> Bool
    /// Requirements still pending whose due day is before `day`, earliest due first (each fires once: the firing is keyed).
    func pendingRequirements(dueBefore day: String, limit: Int) async throws -> [OrderRequirement]
}
