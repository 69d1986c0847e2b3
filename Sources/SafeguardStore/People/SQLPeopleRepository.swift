import Foundation
import SafeguardDomain
import SafeguardMatching
import SQLKit

/// Person records in SQL. Child rows (names, phones, emails) are never deleted: a removal is dated.
struct SQLPeopleRepository: PeopleRepository {
    let db: any SQLDatabase

    func find(id: String) async throws -> Person? {
        guard let row = try await db.raw("SELECT * FROM people WHERE id = \(bind: id)").first() else { return nil }
        let names = try await db.raw(
            "SELECT kind, first_name, surname FROM person_names WHERE person_id = \(bind: id) AND removed_at IS NULL AND kind <> 'primary' ORDER BY added_at, id"
        ).all()
        let phones = try await db.raw("SELECT number FROM person_phones WHERE person_id = \(bind: id) AND removed_at IS NULL ORDER BY added_at, id").all()
        let emails = try await db.raw("SELECT email FROM person_emails WHERE person_id = \(bind: id) AND removed_at IS NULL ORDER BY added_at, id").all()
        let addressRows = try await db.raw(
            """
            SELECT a.*, pa.from_date, pa.to_date FROM person_addresses pa JOIN addresses a ON a.id = pa.address_id
            WHERE pa.person_id = \(bind: id) ORDER BY pa.position
            """
        ).all()
        let numbers = try phones.map { try $0.string("number") }
        // Her warnings: her own and those on her phones (a warning on a number travels with whoever answers it).
        let markers =
            (try await SQLWarningRepository.current(db, .person, ids: [id])[id] ?? [])
            + (try await SQLWarningRepository.current(db, .phone, ids: numbers)).values.flatMap { $0 }.sorted {
                ($0.addedAt ?? .distantPast, $0.id) < ($1.addedAt ?? .distantPast, $1.id)
            }
        let addressMarkers = try await SQLAddressReader(db: db).markers(addressIDs: try addressRows.map { try $0.string("id") })

        let vulnerabilities = (try? JSONDecoder().decode([String].self, from: Data(try row.string("vulnerabilities").utf8))) ?? []
        var person = Person(
            id: try row.string("id"), sourceID: try row.optionalString("source_id"),
            firstName: try row.string("first_name"), middleNames: try row.optionalString("middle_names"),
            surname: try row.string("surname"), dateOfBirth: try row.optionalString("date_of_birth"),
            sex: try row.choice(Sex.self, "sex", in: "people"), ethnicity: try row.optionalString("ethnicity"),
            interpreterLanguage: try row.optionalString("interpreter_language"), restricted: try row.bool("restricted"),
            vulnerabilities: vulnerabilities,
            otherNames: try names.map {
                PersonName(
                    firstName: try $0.string("first_name"), surname: try $0.string("surname"),
                    kind: try $0.choice(PersonName.Kind.self, "kind", in: "person_names"))
            },
            phones: numbers,
            emails: try emails.map { try $0.string("email") },
            addresses: try addressRows.map { r in
                var address = try SQLAddressReader.address(from: r)
                address.markers = addressMarkers[address.id] ?? []
                return AddressHistoryEntry(address: address, from: try r.optionalString("from_date"), to: try r.optionalString("to_date"))
            },
            markers: markers,
            version: try row.int("version"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        person.disposedAt = try row.optionalDate("disposed_at")
        return person
    }

    func addresses(key: String, prefix: Bool, limit: Int) async throws -> [Address] {
        try await SQLAddressReader(db: db).addresses(key: key, prefix: prefix, limit: limit)
    }

    func address(id: String) async throws -> Address? {
        guard let row = try await db.raw("SELECT * FROM addresses WHERE id = \(bind: id)").first() else { return nil }
        var address = try SQLAddressReader.address(from: row)
        address.markers = try await SQLAddressReader(db: db).markers(addressIDs: [id])[id] ?? []
        return address
    }

    func setConfidential(addressID: String, _ confidential: Bool) async throws {
        try await db.raw("UPDATE addresses SET confidential = \(bind: confidential) WHERE id = \(bind: addressID)").run()
    }

    func search(_ query: ValidPersonSearch, limit: Int) async throws -> [PersonSummary] {
        var conditions: [SQLQueryString] = []
        let words = query.nameWords.map(NameKey.key).filter { !$0.isEmpty }
        if let surname = words.last {
            if words.count == 1 {
                // One word could be either name; surnames are what people type most, so it matches surname prefixes too.
                conditions.append(
                    "EXISTS (SELECT 1 FROM person_names n WHERE n.person_id = p.id AND n.removed_at IS NULL AND (n.surname_key LIKE \(bind: surname + "%") OR n.first_key = \(bind: surname)))"
                )
            } else {
                let first = words[0]
                conditions.append(
                    "EXISTS (SELECT 1 FROM person_names n WHERE n.person_id = p.id AND n.removed_at IS NULL AND n.surname_key LIKE \(bind: surname + "%") AND n.first_key LIKE \(bind: first + "%"))"
                )
            }
        }
        if let dob = query.dateOfBirth { conditions.append("p.date_of_birth = \(bind: dob)") }
        if let phone = query.phone {
            conditions.append("EXISTS (SELECT 1 FROM person_phones ph WHERE ph.person_id = p.id AND ph.number = \(bind: phone))")
        }
        if let postcode = query.postcode {
            conditions.append(
                "EXISTS (SELECT 1 FROM person_addresses pa JOIN addresses a ON a.id = pa.address_id WHERE pa.person_id = p.id AND a.postcode = \(bind: postcode))"
            )
        }
        var sql: SQLQueryString = """
            SELECT \(Self.summaryColumns)
            FROM people p WHERE
            """
        sql = sql + " " + conditions.joined(separator: " AND ")
        sql = sql + " ORDER BY p.surname, p.first_name, p.id LIMIT \(unsafeRaw: String(max(1, min(limit, 500))))"
        return try await db.raw(sql).all().map(Self.summary)
    }

    /// The columns every person summary is read from: incidents counted, current postcode and whether it is confidential.
    static let summaryColumns: SQLQueryString = """
        p.id, p.first_name, p.surname, p.date_of_birth, p.sex, p.restricted,
        (SELECT COUNT(*) FROM incident_parties ip WHERE ip.person_id = p.id) AS incident_count,
        \(unsafeRaw: currentAddress("postcode", of: "p.id")) AS postcode,
        \(unsafeRaw: currentAddress("confidential", of: "p.id")) AS postcode_confidential
        """

    /// A column of a person's current address (the one recorded last), as a subquery on `personID` (a column).
    static func currentAddress(_ column: String, of personID: String) -> String {
        "(SELECT a.\(column) FROM person_addresses pa JOIN addresses a ON a.id = pa.address_id WHERE pa.person_id = \(personID) ORDER BY pa.position DESC LIMIT 1)"
    }

    static func summary(_ row: any SQLRow) throws -> PersonSummary {
        PersonSummary(
            id: try row.string("id"), firstName: try row.string("first_name"), surname: try row.string("surname"),
            dateOfBirth: try row.optionalString("date_of_birth"), sex: try row.choice(Sex.self, "sex", in: "people"),
            postcode: try row.optionalString("postcode"), postcodeConfidential: try row.decode(column: "postcode_confidential", as: Bool?.self) ?? false,
            restricted: try row.bool("restricted"),
            incidentCount: try row.int("incident_count"))
    }

    func create(_ draft: ValidPersonDraft, id: String, at: Date) async throws -> Person {
        let vulnerabilities = String(decoding: try JSONEncoder().encode(draft.vulnerabilities), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO people (id, first_name, middle_names, surname, date_of_birth, sex, ethnicity, interpreter_language,
              restricted, vulnerabilities, version, created_at, updated_at)
            VALUES (\(bind: id), \(bind: draft.firstName), \(bind: draft.middleNames), \(bind: draft.surname), \(bind: draft.dateOfBirth),
              \(bind: draft.sex.rawValue), \(bind: draft.ethnicity), \(bind: draft.interpreterLanguage), \(bind: draft.restricted),
              \(bind: vulnerabilities), 1, \(bind: at.epoch), \(bind: at.epoch))
            """
        ).run()
        try await addName(personID: id, PersonName(firstName: draft.firstName, surname: draft.surname, kind: .primary), at: at)
        for name in draft.otherNames { try await addName(personID: id, name, at: at) }
        for phone in draft.phones { try await addPhone(personID: id, phone, at: at) }
        for email in draft.emails { try await addEmail(personID: id, email, at: at) }
        if let address = draft.address { try await moveTo(personID: id, address, at: at, position: 1) }
        try await MatchIndex(db: db).reindex(personID: id)
        guard let person = try await find(id: id) else { throw DomainError.notFound(kind: "person", id: id) }
        return person
    }

    /// The record as it was, kept in its history before a change (who changed it: a user id, or `staff-list`).
    func keepHistory(of current: Person, changedBy: String, at: Date) async throws {
        let snapshot = String(decoding: try JSONEncoder().encode(current), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO record_history (id, record_type, record_id, version, snapshot, changed_by, changed_at)
            VALUES (\(bind: SafeguardService.newID()), 'person', \(bind: current.id), \(bind: current.version), \(bind: snapshot), \(bind: changedBy), \(bind: at.epoch))
            """
        ).run()
    }

    func update(id: String, expectedVersion: Int, with draft: ValidPersonDraft, by userID: String, at: Date) async throws -> Person {
        guard let current = try await find(id: id) else { throw DomainError.notFound(kind: "person", id: id) }
        // The version check and the write are one statement, so two editors can never both win.
        let vulnerabilities = String(decoding: try JSONEncoder().encode(draft.vulnerabilities), as: UTF8.self)
        let updated = try await db.raw(
            """
            UPDATE people SET first_name = \(bind: draft.firstName), middle_names = \(bind: draft.middleNames), surname = \(bind: draft.surname),
              date_of_birth = \(bind: draft.dateOfBirth), sex = \(bind: draft.sex.rawValue), ethnicity = \(bind: draft.ethnicity),
              interpreter_language = \(bind: draft.interpreterLanguage), restricted = \(bind: draft.restricted),
              vulnerabilities = \(bind: vulnerabilities), version = version + 1, updated_at = \(bind: at.epoch)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING version
            """
        ).first()
        guard updated != nil else {
            throw DomainError.staleEdit(kind: "person", id: id, expectedVersion: expectedVersion, currentVersion: current.version)
        }
        try await keepHistory(of: current, changedBy: userID, at: at)

        if current.firstName != draft.firstName || current.surname != draft.surname {
            try await db.raw("UPDATE person_names SET removed_at = \(bind: at.epoch) WHERE person_id = \(bind: id) AND kind = 'primary' AND removed_at IS NULL")
                .run()
            try await addName(personID: id, PersonName(firstName: draft.firstName, surname: draft.surname, kind: .primary), at: at)
            // The old name stays findable: a caller may still give it.
            if !draft.otherNames.contains(where: { $0.surname == current.surname && $0.firstName == current.firstName }) {
                try await addName(personID: id, PersonName(firstName: current.firstName, surname: current.surname, kind: .previous), at: at)
            }
        }
        for name in current.otherNames where !draft.otherNames.contains(name) {
            try await db.raw(
                "UPDATE person_names SET removed_at = \(bind: at.epoch) WHERE person_id = \(bind: id) AND kind = \(bind: name.kind.rawValue) AND first_name = \(bind: name.firstName) AND surname = \(bind: name.surname) AND removed_at IS NULL"
            ).run()
        }
        for name in draft.otherNames where !current.otherNames.contains(name) { try await addName(personID: id, name, at: at) }
        for phone in current.phones where !draft.phones.contains(phone) {
            try await db.raw(
                "UPDATE person_phones SET removed_at = \(bind: at.epoch) WHERE person_id = \(bind: id) AND number = \(bind: phone) AND removed_at IS NULL"
            ).run()
        }
        for phone in draft.phones where !current.phones.contains(phone) { try await addPhone(personID: id, phone, at: at) }
        for email in current.emails where !draft.emails.contains(email) {
            try await db.raw(
                "UPDATE person_emails SET removed_at = \(bind: at.epoch) WHERE person_id = \(bind: id) AND email = \(bind: email) AND removed_at IS NULL"
            ).run()
        }
        for email in draft.emails where !current.emails.contains(email) { try await addEmail(personID: id, email, at: at) }
        if let address = draft.address {
            let now = current.currentAddress
            if now?.postcode != address.postcode || now?.line1 != address.line1 {
                // A new address ends the current one; the history keeps both.
                try await db.raw("UPDATE person_addresses SET to_date = \(bind: CalendarDate.string(at)) WHERE person_id = \(bind: id) AND to_date IS NULL")
                    .run()
                try await moveTo(personID: id, address, at: at, position: current.addresses.count + 1)
            }
        }
        try await MatchIndex(db: db).reindex(personID: id)
        guard let person = try await find(id: id) else { throw DomainError.notFound(kind: "person", id: id) }
        return person
    }

    func incidents(forPerson id: String) async throws -> [IncidentSummary] {
        try await db.raw(
            """
            SELECT i.id, i.reference, i.occurred_at, i.channel, i.relationship, i.is_crime, ip.role, a.postcode, a.confidential AS postcode_confidential
            FROM incident_parties ip JOIN incidents i ON i.id = ip.incident_id LEFT JOIN addresses a ON a.id = i.address_id
            WHERE ip.person_id = \(bind: id) ORDER BY i.occurred_at DESC, i.id
            """
        ).all().map(SQLIncidentRepository.summary)
    }

    func dataQuality(of personID: String) async throws -> [DataQualityIssue] {
        try await db.raw("SELECT field, value, problem FROM person_data_quality WHERE person_id = \(bind: personID) ORDER BY field").all().map {
            DataQualityIssue(field: try $0.string("field"), value: try $0.string("value"), problem: try $0.string("problem"))
        }
    }

    func matchRecords(forKeys keys: [String]) async throws -> [MatchRecord] {
        try await MatchIndex(db: db).candidates(forKeys: keys)
    }

    func knownNames(oneSlipFrom names: [String]) async throws -> [String: [String]] {
        try await MatchIndex(db: db).knownNames(oneSlipFrom: names)
    }

    func summaries(ids: [String]) async throws -> [String: PersonSummary] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT \(Self.summaryColumns)
            FROM people p WHERE p.id IN (\(binds: ids))
            """
        ).all()
        var result: [String: PersonSummary] = [:]
        for row in rows { let summary = try Self.summary(row); result[summary.id] = summary }
        return result
    }

    func sourceIDs(ofPeople ids: [String]) async throws -> [String: [String]] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: [String]] = [:]
        for row in try await db.raw("SELECT id, source_id FROM people WHERE id IN (\(binds: ids)) AND source_id IS NOT NULL").all() {
            result[try row.string("id"), default: []].append(try row.string("source_id"))
        }
        return result
    }

    func incidentCount(acrossPeople ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await db.raw("SELECT COUNT(DISTINCT incident_id) AS n FROM incident_parties WHERE person_id IN (\(binds: ids))")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func linkedPeople(ofPerson id: String) async throws -> [LinkedPerson] {
        let summaryColumns = Self.summaryColumns
        let related = try await db.raw(
            """
            SELECT r.relationship, \(summaryColumns) FROM person_relationships r JOIN people p ON p.id = r.other_person_id
            WHERE r.person_id = \(bind: id) ORDER BY p.surname, p.first_name
            """
        ).all()
        var linked: [LinkedPerson] = try related.map { row in
            let relationship = Relationship(rawValue: try row.string("relationship"))
            return LinkedPerson(person: try Self.summary(row), relationship: relationship.map(Self.describe) ?? "related")
        }
        let coParties = try await db.raw(
            """
            SELECT other.role AS other_role, mine.role AS my_role, COUNT(*) AS together, \(summaryColumns)
            FROM incident_parties mine JOIN incident_parties other ON other.incident_id = mine.incident_id AND other.person_id <> mine.person_id
            JOIN people p ON p.id = other.person_id
            WHERE mine.person_id = \(bind: id)
            GROUP BY other.role, mine.role, p.id, p.first_name, p.surname, p.date_of_birth, p.sex, p.restricted
            ORDER BY together DESC, p.surname
            """
        ).all()
        for row in coParties {
            let summary = try Self.summary(row)
            let text = "\(try row.string("other_role")) in \(try row.int("together")) incident(s) where this person was \(try row.string("my_role"))"
            linked.append(LinkedPerson(person: summary, relationship: text))
        }
        return linked
    }

    /// What the other person is to this one: a row "A is parent_of_child of B" shows B on A's page as A's child.
    static func describe(_ relationship: Relationship) -> String {
        switch relationship {
        case .intimatePartner: "intimate partner"
        case .exPartner: "former partner"
        case .parentOfChild: "child"
        case .childOfParent: "parent"
        case .sibling: "sibling"
        case .otherFamily: "family member"
        case .notRecorded: "connection not recorded"
        }
    }

    private func addName(personID: String, _ name: PersonName, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO person_names (id, person_id, kind, first_name, surname, first_key, surname_key, added_at)
            VALUES (\(bind: SafeguardService.newID()), \(bind: personID), \(bind: name.kind.rawValue), \(bind: name.firstName),
              \(bind: name.surname), \(bind: NameKey.key(name.firstName)), \(bind: NameKey.key(name.surname)), \(bind: at.epoch))
            """
        ).run()
    }

    private func addPhone(personID: String, _ number: String, at: Date) async throws {
        try await db.raw(
            "INSERT INTO person_phones (id, person_id, number, added_at) VALUES (\(bind: SafeguardService.newID()), \(bind: personID), \(bind: number), \(bind: at.epoch))"
        ).run()
    }

    private func addEmail(personID: String, _ email: String, at: Date) async throws {
        try await db.raw(
            "INSERT INTO person_emails (id, person_id, email, added_at) VALUES (\(bind: SafeguardService.newID()), \(bind: personID), \(bind: email), \(bind: at.epoch))"
        ).run()
    }

    private func moveTo(personID: String, _ address: (line1: String, town: String, postcode: String), at: Date, position: Int) async throws {
        let addressID = try await SQLAddressReader.place(db, line1: address.line1, town: address.town, postcode: address.postcode, at: at)
        try await db.raw(
            "INSERT INTO person_addresses (id, person_id, address_id, from_date, position) VALUES (\(bind: SafeguardService.newID()), \(bind: personID), \(bind: addressID), \(bind: CalendarDate.string(at)), \(bind: position))"
        ).run()
    }
}

/// Reads addresses and the warnings in force on them.
struct SQLAddressReader {
    let db: any SQLDatabase

    static func address(from row: any SQLRow) throws -> Address {
        Address(
            id: try row.string("id"), line1: try row.string("line1"), line2: try row.optionalString("line2"),
            town: try row.string("town"), postcode: try row.string("postcode"), confidential: try row.bool("confidential"))
    }

    func markers(addressIDs: [String]) async throws -> [String: [Marker]] {
        try await SQLWarningRepository.current(db, .address, ids: addressIDs)
    }

    /// Addresses that are not confidential keyed `key` (or, with `prefix`, whose key begins with it), the place's
    /// first row first, each with its warnings in force.
    func addresses(key: String, prefix: Bool, limit: Int) async throws -> [Address] {
        // A range, not LIKE: both engines read it from the index, whatever the collation. "}" sorts just after "~"-free
        // keys' characters: every key beginning with `key` is below `key + "\u{10FFFF}"`.
        let rows =
            prefix
            ? try await db.raw(
                """
                SELECT * FROM addresses WHERE address_key >= \(bind: key) AND address_key < \(bind: key + "\u{10FFFF}") AND confidential = \(bind: false)
                ORDER BY address_key, created_at, id LIMIT \(bind: limit * 4)
                """
            ).all()
            : try await db.raw(
                "SELECT * FROM addresses WHERE address_key = \(bind: key) AND confidential = \(bind: false) ORDER BY created_at, id LIMIT \(bind: limit * 4)"
            ).all()
        // One row per place: older rows of the same key (kept from before addresses were shared) are spellings of it.
        var seen = Set<String>()
        var found: [Address] = []
        for row in rows where seen.insert(try row.string("address_key")).inserted {
            found.append(try Self.address(from: row))
            if found.count == limit { break }
        }
        let markers = try await markers(addressIDs: found.map(\.id))
        return found.map { address in
            var address = address
            address.markers = markers[address.id] ?? []
            return address
        }
    }

    /// The stored id of the place each key names (its first non-confidential row), where there is one.
    static func places(_ db: any SQLDatabase, keys: [String]) async throws -> [String: String] {
        var found: [String: String] = [:]
        let unique = Array(Set(keys))
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(start + 500, unique.count)])
            for row in try await db.raw(
                "SELECT id, address_key FROM addresses WHERE address_key IN (\(binds: chunk)) AND confidential = \(bind: false) ORDER BY created_at DESC, id DESC"
            ).all() {
                found[try row.string("address_key")] = try row.string("id")  // the last written is the oldest
            }
        }
        return found
    }

    /// The id of the place this address is: the existing one with its key, or a new row written now (rule: an address
    /// is one place, so its warnings and history meet every call and person there).
    static func place(_ db: any SQLDatabase, line1: String, town: String, postcode: String, at: Date) async throws -> String {
        let key = AddressKey.key(line1: line1, town: town, postcode: postcode)
        if let key, let id = try await places(db, keys: [key])[key] { return id }
        let id = SafeguardService.newID()
        try await insert(db, Address(id: id, line1: line1, town: town, postcode: postcode), at: at)
        return id
    }

    /// Writes an address row with its key; one that is already there (a place shared by this call) is left as it is.
    static func insert(_ db: any SQLDatabase, _ address: Address, at: Date) async throws {
        let key = AddressKey.key(line1: address.line1, line2: address.line2, town: address.town, postcode: address.postcode) ?? ""
        try await db.raw(
            """
            INSERT INTO addresses (id, line1, line2, town, postcode, confidential, created_at, address_key)
            VALUES (\(bind: address.id), \(bind: address.line1), \(bind: address.line2), \(bind: address.town), \(bind: address.postcode),
              \(bind: address.confidential), \(bind: at.epoch), \(bind: key))
            ON CONFLICT (id) DO NOTHING
            """
        ).run()
    }
}
