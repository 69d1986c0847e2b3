import Foundation

extension Migration {
    /// Issue 20 part 2: an address is one place. Each address row carries its `AddressKey`, indexed, so a call or an
    /// import finds the place already stored. Rows written before are keyed after the migration by
    /// `DatabasePool.keyAddresses` (the key is the domain's, computed in Swift, not copied into SQL).
    static let m024AddressKeys = Migration(version: 24, name: "address keys: one row per place") { _ in
        [
            "ALTER TABLE addresses ADD COLUMN address_key TEXT",
            "CREATE INDEX addresses_key ON addresses (address_key, id)"
        ]
    }
}
