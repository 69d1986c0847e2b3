import Foundation
import SafeguardDomain
import SQLKit

extension DatabasePool {
    /// Keys the addresses written before addresses were shared (migration 24), a chunk at a time; then, where two
    /// rows are one place, the incidents, residents and warnings of the later rows move to the first written, so the
    /// place's history is read in one piece. The later rows stay, unreferenced (nothing is deleted). A confidential
    /// address is keyed but never joined to another. Returns how many rows were keyed; with none to key (every start
    /// after the first) it costs one indexed read.
    @discardableResult
    public func keyAddresses(chunk: Int = 2_000) async throws -> Int {
        var cursor = ""
        var keyed = 0
        while true {
            let after = cursor
            let (count, last) = try await transaction { db -> (Int, String?) in
                let rows = try await db.raw(
                    "SELECT id, line1, line2, town, postcode FROM addresses WHERE address_key IS NULL AND id > \(bind: after) ORDER BY id LIMIT \(bind: chunk)"
                ).all()
                for row in rows {
                    let key = AddressKey.key(
                        line1: try row.string("line1"), line2: try row.optionalString("line2"), town: try row.string("town"),
                        postcode: try row.string("postcode"))
                    try await db.raw("UPDATE addresses SET address_key = \(bind: key ?? "") WHERE id = \(bind: try row.string("id"))").run()
                }
                return (rows.count, try rows.last?.string("id"))
            }
            guard let last else { break }
            keyed += count
            cursor = last
        }
        if keyed > 0 { try await joinPlaces() }
        return keyed
    }

    /// Points everything at each shared key's first row (oldest, then lowest id).
    private func joinPlaces() async throws {
        let keys = try await withConnection { db in
            try await db.raw(
                "SELECT address_key FROM addresses WHERE confidential = \(bind: false) AND address_key <> '' GROUP BY address_key HAVING COUNT(*) > 1"
            ).all().map { try $0.string("address_key") }
        }
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            try await transaction { db in
                let places = try await SQLAddressReader.places(db, keys: chunk)
                for row in try await db.raw(
                    "SELECT id, address_key FROM addresses WHERE address_key IN (\(binds: chunk)) AND confidential = \(bind: false)"
                ).all() {
                    let (from, key) = (try row.string("id"), try row.string("address_key"))
                    guard let to = places[key], to != from else { continue }
                    try await db.raw("UPDATE incidents SET address_id = \(bind: to) WHERE address_id = \(bind: from)").run()
                    try await db.raw("UPDATE person_addresses SET address_id = \(bind: to) WHERE address_id = \(bind: from)").run()
                    try await db.raw("UPDATE warnings SET subject_id = \(bind: to) WHERE subject_kind = 'address' AND subject_id = \(bind: from)").run()
                }
            }
        }
    }
}
