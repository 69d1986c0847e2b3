import Foundation
import SafeguardDomain
import SQLKit

/// Addresses written by a bulk import (legacy people, history): each is placed at the place its `AddressKey` names —
/// one already stored, one earlier in this batch, or a new row — so an imported address meets the warnings and
/// incidents already there, as a live call's does.
struct SQLAddressBatch {
    private var known: [String: String]
    /// The new rows: (id, line1, town, postcode, confidential, created_at, address_key).
    private(set) var rows: [SQLQueryString] = []

    /// Reads the places already stored for these keys (each `AddressKey.key` of an address in the batch; nil for
    /// one with no line). The caller computes each key once: it was a tenth of a million-row import's time.
    init(_ db: any SQLDatabase, keys: [String?]) async throws {
        known = try await SQLAddressReader.places(db, keys: keys.compactMap { $0 })
    }

    /// The key a batch places an address by: nil when it has no line of its own (a postcode is not a place).
    static func key(line1: String?, town: String, postcode: String) -> String? {
        line1.flatMap { AddressKey.key(line1: $0, town: town, postcode: postcode) }
    }

    /// The id to refer to for this address: the place's, or `proposedID` for a new row (queued in `rows`). An address
    /// with no line of its own (`key` nil) is never shared: it is a postcode, not a place.
    mutating func place(proposedID: String, key: String?, line1: String?, town: String, postcode: String, epoch: Int64) -> String {
        if let key, let id = known[key] { return id }
        if let key { known[key] = proposedID }
        rows.append(
            "(\(bind: proposedID), \(bind: line1 ?? "Address not recorded"), \(bind: town), \(bind: postcode), \(bind: false), \(bind: epoch), \(bind: key ?? ""))"
        )
        return proposedID
    }

    static let columns = "addresses (id, line1, town, postcode, confidential, created_at, address_key)"
}
