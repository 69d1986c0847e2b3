import Foundation
import SafeguardDomain
import SafeguardMatching
import SQLKit

/// Legacy records in SQL: each new source id becomes a person record with its name, phone, email, address and
/// blocking keys; a source id already present is skipped.
struct SQLPersonImportRepository: PersonImportRepository {
    let db: any SQLDatabase

    func importPeople(_ rows: [LegacyPerson], at: Date) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        var present = Set<String>()
        for row in try await db.raw("SELECT source_id FROM people WHERE source_id IN (\(binds: rows.map(\.sourceID)))").all() {
            present.insert(try row.string("source_id"))
        }
        var fresh: [(String, ValidPersonDraft, [DataQualityIssue])] = []
        var seen = Set<String>()
        for row in rows where !present.contains(row.sourceID) && seen.insert(row.sourceID).inserted { fresh.append((row.sourceID, row.person, row.issues)) }
        guard !fresh.isEmpty else { return 0 }

        let epoch = at.epoch
        var people: [SQLQueryString] = [], names: [SQLQueryString] = [], phones: [SQLQueryString] = [], emails: [SQLQueryString] = []
        var links: [SQLQueryString] = [], keys: [(String, String)] = [], quality: [SQLQueryString] = []
        var records: [MatchRecord] = []
        let blocking = BlockingKeys()
        let placeKeys = fresh.map { row in row.1.address.flatMap { SQLAddressBatch.key(line1: $0.line1, town: $0.town, postcode: $0.postcode) } }
        var places = try await SQLAddressBatch(db, keys: placeKeys)
        for (n, (sourceID, person, issues)) in fresh.enumerated() {
            let id = SafeguardService.newID(at: at)
            var kept = Set<String>()
            for issue in issues where kept.insert(issue.field).inserted {
                quality.append("(\(bind: id), \(bind: issue.field), \(bind: issue.value), \(bind: issue.problem), \(bind: epoch))")
            }
            people.append(
                "(\(bind: id), \(bind: sourceID), \(bind: person.firstName), \(bind: person.surname), \(bind: person.dateOfBirth), \(bind: person.sex.rawValue), \(bind: person.ethnicity), \(bind: false), '[]', 1, \(bind: epoch), \(bind: epoch))"
            )
            names.append(
                "(\(bind: id + "-n0"), \(bind: id), 'primary', \(bind: person.firstName), \(bind: person.surname), \(bind: NameKey.key(person.firstName)), \(bind: NameKey.key(person.surname)), \(bind: epoch))"
            )
            for (i, phone) in person.phones.enumerated() { phones.append("(\(bind: "\(id)-t\(i)"), \(bind: id), \(bind: phone), \(bind: epoch))") }
            for (i, email) in person.emails.enumerated() { emails.append("(\(bind: "\(id)-e\(i)"), \(bind: id), \(bind: email), \(bind: epoch))") }
            var postcodes: [String] = []
            if let address = person.address {
                let addressID = places.place(
                    proposedID: id + "-a", key: placeKeys[n], line1: address.line1, town: address.town, postcode: address.postcode, epoch: epoch)
                links.append("(\(bind: id + "-pa0"), \(bind: id), \(bind: addressID), 1)")
                postcodes.append(address.postcode)
            }
            let record = MatchRecord(
                personID: id, firstNames: [person.firstName], surnames: [person.surname], dateOfBirth: person.dateOfBirth,
                sex: person.sex.rawValue, phones: person.phones, postcodes: postcodes, emails: person.emails)
            keys += blocking.keys(for: record).map { ($0, id) }
            records.append(record)
        }
        try await insert(
            "people (id, source_id, first_name, surname, date_of_birth, sex, ethnicity, restricted, vulnerabilities, version, created_at, updated_at)", people)
        try await insert("person_names (id, person_id, kind, first_name, surname, first_key, surname_key, added_at)", names)
        try await insert("person_phones (id, person_id, number, added_at)", phones)
        try await insert("person_emails (id, person_id, email, added_at)", emails)
        try await insert(SQLAddressBatch.columns, places.rows)
        try await insert("person_addresses (id, person_id, address_id, position)", links)
        try await insert("person_data_quality (person_id, field, value, problem, recorded_at)", quality)
        try await MatchIndex(db: db).insert(keys: keys)
        try await MatchIndex(db: db).insert(records: records)
        return fresh.count
    }

    private func insert(_ target: String, _ rows: [SQLQueryString]) async throws { try await insertRows(db, into: target, rows) }
}
