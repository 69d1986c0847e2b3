import Foundation
import SafeguardDomain
import SafeguardMatching
import SQLKit

/// Reads records in matching's comparable form and keeps the blocking-key index (`match_keys`) in step with them.
/// History counts: an old phone, a previous address or a maiden name still finds the person.
struct MatchIndex {
    let db: any SQLDatabase
    var keys = BlockingKeys()

    /// Comparable records of the given people from `match_records` (in the order given, unknown ids left out).
    func records(ids: [String]) async throws -> [MatchRecord] {
        guard !ids.isEmpty else { return [] }
        var found: [String: MatchRecord] = [:]
        for row in try await db.raw("SELECT person_id, data FROM match_records WHERE person_id IN (\(binds: ids))").all() {
            let id = try row.string("person_id")
            found[id] = MatchRecord(personID: id, encoded: try row.string("data"))
        }
        return ids.compactMap { found[$0] }
    }

    /// Comparable records built from the person tables themselves (for writing the index).
    func sourceRecords(ids: [String]) async throws -> [MatchRecord] {
        guard !ids.isEmpty else { return [] }
        struct Parts {
            var dob: String?; var sex: String?; var first: [String] = []; var last: [String] = []; var phones: [String] = []; var postcodes: [String] = [];
            var emails: [String] = []
        }
        var parts: [String: Parts] = [:]
        for row in try await db.raw("SELECT id, date_of_birth, sex FROM people WHERE id IN (\(binds: ids))").all() {
            parts[try row.string("id")] = Parts(dob: try row.optionalString("date_of_birth"), sex: try row.string("sex"))
        }
        // The primary name first, so it is the one the scorer calls "current".
        for row in try await db.raw(
            """
            SELECT person_id, first_key, surname_key FROM person_names WHERE person_id IN (\(binds: ids))
            ORDER BY person_id, CASE WHEN kind = 'primary' AND removed_at IS NULL THEN 0 ELSE 1 END, added_at
            """
        ).all() {
            let id = try row.string("person_id")
            parts[id]?.first.append(try row.string("first_key"))
            parts[id]?.last.append(try row.string("surname_key"))
        }
        for row in try await db.raw("SELECT person_id, number FROM person_phones WHERE person_id IN (\(binds: ids))").all() {
            parts[try row.string("person_id")]?.phones.append(try row.string("number"))
        }
        for row in try await db.raw("SELECT person_id, email FROM person_emails WHERE person_id IN (\(binds: ids))").all() {
            parts[try row.string("person_id")]?.emails.append(try row.string("email"))
        }
        for row in try await db.raw(
            "SELECT pa.person_id, a.postcode FROM person_addresses pa JOIN addresses a ON a.id = pa.address_id WHERE pa.person_id IN (\(binds: ids)) ORDER BY pa.position DESC"
        ).all() {
            parts[try row.string("person_id")]?.postcodes.append(try row.string("postcode"))
        }
        return ids.compactMap { id in
            guard let p = parts[id] else { return nil }
            return MatchRecord(
                personID: id, firstNames: p.first, surnames: p.last, dateOfBirth: p.dob, sex: p.sex,
                phones: p.phones, postcodes: p.postcodes, emails: p.emails)
        }
    }

    /// The comparable records of people filed under any of the keys: a bounded number for each key
    /// (`BlockingKeys.perKey`), so a very common name cannot flood the result.
    func candidates(forKeys keys: [String]) async throws -> [MatchRecord] {
        guard !keys.isEmpty else { return [] }
        var records: [MatchRecord] = []
        var seen = Set<String>()
        // One indexed range scan per key and each record's comparable form joined on, in one statement and one
        // round trip: on PostgreSQL a second query naming hundreds of ids cost as much again as the first.
        let parts = keys.enumerated().map { index, key -> SQLQueryString in
            "SELECT person_id FROM (SELECT person_id FROM match_keys WHERE key = \(bind: key) LIMIT \(unsafeRaw: String(BlockingKeys.perKey(key)))) AS k\(unsafeRaw: String(index))"
        }
        let query: SQLQueryString =
            "SELECT k.person_id, r.data FROM (\(parts.joined(separator: " UNION ALL "))) AS k JOIN match_records r ON r.person_id = k.person_id"
        for row in try await db.raw(query).all() {
            let id = try row.string("person_id")
            guard seen.insert(id).inserted else { continue }
            if let record = MatchRecord(personID: id, encoded: try row.string("data")) { records.append(record) }
        }
        return records
    }

    /// Known name keys one slip from each of `names` (see `NameVariants`), by the name typed.
    func knownNames(oneSlipFrom names: [String]) async throws -> [String: [String]] {
        let variantsOf = Dictionary(names.map { ($0, NameVariants.lookups(for: $0)) }, uniquingKeysWith: { first, _ in first })
        let all = Array(Set(variantsOf.values.joined()))
        guard !all.isEmpty else { return [:] }
        var namesByVariant: [String: [String]] = [:]
        for row in try await db.raw("SELECT variant, name FROM match_name_variants WHERE variant IN (\(binds: all))").all() {
            namesByVariant[try row.string("variant"), default: []].append(try row.string("name"))
        }
        var found: [String: [String]] = [:]
        for (typed, variants) in variantsOf {
            let corrections = NameVariants.corrections(of: typed, among: variants.flatMap { namesByVariant[$0] ?? [] })
            if !corrections.isEmpty { found[typed] = corrections }
        }
        return found
    }

    /// Adds the spelling neighbourhoods of these records' names (names already known are left as they are).
    func insert(nameVariantsOf records: [MatchRecord]) async throws {
        var names = Set<String>()
        for record in records { names.formUnion(record.firstNames); names.formUnion(record.surnames) }
        names = names.filter { $0.count >= NameVariants.minimumLength }
        // A name already stored has its variants stored (its own row, variant = name, among them): a load of a million
        // people meets the same few thousand names again and again, and probing one row beats re-inserting seven.
        let candidates = names.sorted()
        for start in stride(from: 0, to: candidates.count, by: 500) {
            let chunk = Array(candidates[start..<min(start + 500, candidates.count)])
            for row in try await db.raw("SELECT variant FROM match_name_variants WHERE variant IN (\(binds: chunk)) AND variant = name").all() {
                names.remove(try row.string("variant"))
            }
        }
        let rows = names.sorted().flatMap { name in NameVariants.of(name).map { ($0, name) } }
        for start in stride(from: 0, to: rows.count, by: 500) {
            let values = rows[start..<min(start + 500, rows.count)].map { "(\(bind: $0.0), \(bind: $0.1))" as SQLQueryString }
            try await db.raw("INSERT INTO match_name_variants (variant, name) VALUES \(values.joined(separator: ", ")) ON CONFLICT DO NOTHING").run()
        }
    }

    /// Fills the spelling neighbourhoods from every name stored, in one statement (after a bulk load, and when the
    /// table is first made). The same variants as `NameVariants.of`: the name, and the name less each letter.
    static let refreshNameVariantsSQL = """
        WITH RECURSIVE names (name) AS (
          SELECT first_key FROM person_names WHERE length(first_key) >= \(NameVariants.minimumLength)
          UNION SELECT surname_key FROM person_names WHERE length(surname_key) >= \(NameVariants.minimumLength)),
        cut (name, i) AS (SELECT name, 0 FROM names UNION ALL SELECT name, i + 1 FROM cut WHERE i < length(name))
        INSERT INTO match_name_variants (variant, name)
        SELECT DISTINCT CASE WHEN i = 0 THEN name ELSE substr(name, 1, i - 1) || substr(name, i + 1) END, name FROM cut WHERE true
        ON CONFLICT DO NOTHING
        """

    /// Replaces one person's keys after their record changed.
    func reindex(personID: String) async throws {
        try await db.raw("DELETE FROM match_keys WHERE person_id = \(bind: personID)").run()
        try await db.raw("DELETE FROM match_records WHERE person_id = \(bind: personID)").run()
        guard let record = try await sourceRecords(ids: [personID]).first else { return }
        try await insert(keys: keys.keys(for: record).map { ($0, personID) })
        try await insert(records: [record])
    }

    func insert(records: [MatchRecord]) async throws {
        try await insert(nameVariantsOf: records)
        for start in stride(from: 0, to: records.count, by: 500) {
            let values = records[start..<min(start + 500, records.count)].map { "(\(bind: $0.personID), \(bind: $0.encoded))" as SQLQueryString }
            try await db.raw("INSERT INTO match_records (person_id, data) VALUES \(values.joined(separator: ", "))").run()
        }
    }

    func insert(keys rows: [(String, String)]) async throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 500, rows.count)]
            let values = chunk.map { "(\(bind: $0.0), \(bind: $0.1))" as SQLQueryString }
            try await db.raw("INSERT INTO match_keys (key, person_id) VALUES \(values.joined(separator: ", ")) ON CONFLICT DO NOTHING").run()
            start += 500
        }
    }
}

extension DatabasePool {
    /// Rebuilds the whole blocking-key index and the compact records from the person tables, in batches (after migration 5 on an existing database).
    public func rebuildMatchIndex(progress: (@Sendable (Int) -> Void)? = nil) async throws {
        try await rekeyNames()
        try await transaction { db in
            try await db.raw("DELETE FROM match_keys").run()
            try await db.raw("DELETE FROM match_records").run()
        }
        var after = ""
        var done = 0
        while true {
            let start = after
            let ids: [String] = try await withConnection { db in
                try await db.raw("SELECT id FROM people WHERE id > \(bind: start) ORDER BY id LIMIT 2000").all().map { try $0.string("id") }
            }
            guard let last = ids.last else { break }
            try await transaction { db in
                let index = MatchIndex(db: db)
                let records = try await index.sourceRecords(ids: ids)
                try await index.insert(keys: records.flatMap { record in index.keys.keys(for: record).map { ($0, record.personID) } })
                try await index.insert(records: records)
            }
            done += ids.count
            progress?(done)
            after = last
        }
        try await recordMatchIndexFingerprint()
    }

    /// Works the stored name keys out again for names with any character outside plain ASCII — the only names whose
    /// keys `NameKey` has changed (accents and other scripts, now transliterated) — before the index is rebuilt from them.
    func rekeyNames() async throws {
        let nonASCII: SQLQueryString =
            engine == .postgres
            ? "first_name ~ '[^ -~]' OR surname ~ '[^ -~]'"
            : "first_name GLOB '*[^ -~]*' OR surname GLOB '*[^ -~]*'"
        var after = ""
        while true {
            let start = after
            let rows: [(id: String, first: String, last: String)] = try await withConnection { db in
                try await db.raw("SELECT id, first_name, surname FROM person_names WHERE id > \(bind: start) AND (\(nonASCII)) ORDER BY id LIMIT 2000").all()
                    .map { (try $0.string("id"), try $0.string("first_name"), try $0.string("surname")) }
            }
            guard let last = rows.last else { return }
            try await transaction { db in
                for row in rows {
                    try await db.raw(
                        """
                        UPDATE person_names SET first_key = \(bind: NameKey.key(row.first)), surname_key = \(bind: NameKey.key(row.last))
                        WHERE id = \(bind: row.id)
                        """
                    ).run()
                }
            }
            after = last.id
        }
    }

    /// What the index was last built with (`BlockingKeys.indexFingerprint`), if it has been recorded.
    func matchIndexFingerprint() async throws -> String? {
        try await withConnection { db in try await db.raw("SELECT fingerprint FROM match_index_state WHERE id = 1").first()?.string("fingerprint") }
    }

    /// Records that the index is built with the current keys and given-name groups.
    func recordMatchIndexFingerprint() async throws {
        try await withConnection { db in
            try await db.raw(
                """
                INSERT INTO match_index_state (id, fingerprint) VALUES (1, \(bind: BlockingKeys.indexFingerprint))
                ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint
                """
            ).run()
        }
    }

    /// Reads the matching index through once, so the lookups after a start find it in memory rather than on disk.
    /// A lookup reads a few dozen scattered pages of `match_keys` and `match_records`; from a cold disk that took the
    /// 99th percentile at 1,000,000 records from about 7 ms to over 100 ms. The few records shown are then read from
    /// the person tables (summary, postcode, incident count), which cold cost the same again (p99 49 ms with only the
    /// index read), so those are read too. The page cache is shared by every connection (and, on PostgreSQL, by the
    /// server), so one pass serves them all. Returns the keys read.
    public func warmMatchIndex() async throws -> Int {
        try await withConnection { db in
            // Range conditions make both engines walk the structures lookups use (SQLite: the key-ordered table, or
            // the index named); a condition on a column no index holds makes them read the table itself.
            let keys = try await db.raw("SELECT COUNT(*) AS n FROM match_keys WHERE key >= ''").first()?.decode(column: "n", as: Int.self) ?? 0
            for read: SQLQueryString in [
                "SELECT COUNT(*) AS n FROM match_records WHERE person_id >= '' AND length(data) > 0",
                "SELECT COUNT(*) AS n FROM match_name_variants WHERE variant >= ''",
                "SELECT COUNT(*) AS n FROM people WHERE id >= ''",
                "SELECT COUNT(*) AS n FROM people WHERE length(surname) >= 0",
                "SELECT COUNT(*) AS n FROM incident_parties WHERE person_id >= ''",
                "SELECT COUNT(*) AS n FROM person_addresses WHERE person_id >= ''",
                "SELECT COUNT(*) AS n FROM person_addresses WHERE position >= 0",
                "SELECT COUNT(*) AS n FROM addresses WHERE id >= ''",
                "SELECT COUNT(*) AS n FROM addresses WHERE length(line1) >= 0"
            ] { _ = try await db.raw(read).first() }
            return keys
        }
    }

    /// How many person records are filed.
    func peopleCount() async throws -> Int {
        try await withConnection { db in try await db.raw("SELECT COUNT(*) AS n FROM people").first()?.decode(column: "n", as: Int.self) ?? 0 }
    }
}
