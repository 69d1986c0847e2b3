import Foundation
import SafeguardDomain
import SafeguardMatching
import SQLKit
import SafeguardSynthetic

/// Writes generated batches into the database, one transaction per batch, with bulk inserts.
public struct SyntheticForceLoader: Sendable {
    public let pool: DatabasePool

    public init(pool: DatabasePool) { self.pool = pool }

    /// Inserts everything in `batch`, all or nothing.
    public func load(_ batch: SyntheticBatch) async throws {
        try await write(Self.prepare(batch, for: pool.engine))
        try await refreshNameVariants()
    }

    /// The names' spelling neighbourhoods, once a load has finished (one statement, not per batch: COPY cannot skip
    /// the names earlier batches already brought).
    private func refreshNameVariants() async throws {
        try await pool.transaction { db in try await db.raw(SQLQueryString(MatchIndex.refreshNameVariantsSQL)).run() }
    }

    /// Generates and loads a whole force, preparing each batch's rows (blocking keys included) while the
    /// previous batch is being written: generation and SQLite each keep one of the two cores busy.
    public func load(_ generator: SyntheticForceGenerator, observe: (SyntheticBatch, SyntheticProgress) -> Void) async throws {
        var writing: Task<Void, any Error>?
        do {
            let engine = pool.engine
            try await generator.generate { batch, progress in
                let prepared = Self.prepare(batch, for: engine)
                try await writing?.value
                writing = Task { try await write(prepared) }
                observe(batch, progress)
            }
            try await writing?.value
            try await refreshNameVariants()
        } catch {
            _ = try? await writing?.value
            throw error
        }
    }

    /// A batch as rows for each table, ready to write.
    public struct PreparedBatch: Sendable {
        var tables: [(table: String, columns: [String], rows: [[any BulkBindable]], copyText: String?)] = []
        /// PostgreSQL loads with COPY, whose text is built here, while the previous batch is still being written.
        let engine: SQLEngine

        mutating func add(_ table: String, _ columns: [String], _ rows: [[any BulkBindable]]) {
            tables.append((table, columns, rows, engine == .postgres ? BulkInsert.copyPayload(rows) : nil))
        }
    }

    /// Writes a prepared batch in one transaction.
    public func write(_ prepared: PreparedBatch) async throws {
        try await pool.bulkTransaction { connection in
            let bulk = BulkInsert(connection: connection)
            for table in prepared.tables { try await bulk.insert(into: table.table, columns: table.columns, rows: table.rows, copyText: table.copyText) }
        }
    }

    /// A generated warning's columns: recorded before anyone kept who added it.
    static let warningColumns = ["id", "subject_kind", "subject_id", "kind", "note", "added_at"]

    /// The rows of every table a batch fills, in an order that satisfies foreign keys.
    static func prepare(_ batch: SyntheticBatch, for engine: SQLEngine) -> PreparedBatch {
        let bulk = Collector(engine: engine)
        do {
            bulk.insert(
                into: "addresses", columns: ["id", "line1", "line2", "town", "postcode", "confidential", "created_at", "address_key"],
                rows: batch.addresses.map {
                    [
                        $0.id, $0.line1, $0.line2, $0.town, $0.postcode, $0.confidential, Int64(0),
                        AddressKey.key(line1: $0.line1, line2: $0.line2, town: $0.town, postcode: $0.postcode) ?? ""
                    ]
                })
            var addressMarkers: [[any BulkBindable]] = []
            for address in batch.addresses {
                for (index, marker) in address.markers.enumerated() {
                    addressMarkers.append(["\(address.id)-m\(index)", "address", address.id, marker.kind, marker.detail, Int64(0)])
                }
            }
            bulk.insert(into: "warnings", columns: Self.warningColumns, rows: addressMarkers)

            var people: [[any BulkBindable]] = [], names: [[any BulkBindable]] = []
            var phones: [[any BulkBindable]] = [], emails: [[any BulkBindable]] = []
            var addresses: [[any BulkBindable]] = [], markers: [[any BulkBindable]] = []
            for p in batch.people {
                let created = p.createdAt.epoch
                let vulnerabilities =
                    p.vulnerabilities.isEmpty ? "[]" : ((try? JSONEncoder().encode(p.vulnerabilities)).map { String(decoding: $0, as: UTF8.self) } ?? "[]")
                people.append([
                    p.id, p.sourceID, p.firstName, p.middleNames, p.surname, p.dateOfBirth, p.sex.rawValue, p.ethnicity,
                    p.interpreterLanguage, p.restricted, vulnerabilities, Int64(p.version), created, p.updatedAt.epoch
                ])
                let allNames = [PersonName(firstName: p.firstName, surname: p.surname, kind: .primary)] + p.otherNames
                for (i, n) in allNames.enumerated() {
                    names.append(["\(p.id)-n\(i)", p.id, n.kind.rawValue, n.firstName, n.surname, NameKey.key(n.firstName), NameKey.key(n.surname), created])
                }
                for (i, number) in p.phones.enumerated() { phones.append(["\(p.id)-t\(i)", p.id, number, created]) }
                for (i, email) in p.emails.enumerated() { emails.append(["\(p.id)-e\(i)", p.id, email, created]) }
                for (i, entry) in p.addresses.enumerated() {
                    addresses.append(["\(p.id)-a\(i)", p.id, entry.address.id, entry.from, entry.to, Int64(i + 1)])
                }
                for (i, marker) in p.markers.enumerated() { markers.append(["\(p.id)-m\(i)", "person", p.id, marker.kind, marker.detail, created]) }
            }
            bulk.insert(
                into: "people",
                columns: [
                    "id", "source_id", "first_name", "middle_names", "surname", "date_of_birth", "sex", "ethnicity",
                    "interpreter_language", "restricted", "vulnerabilities", "version", "created_at", "updated_at"
                ], rows: people)
            bulk.insert(
                into: "person_names", columns: ["id", "person_id", "kind", "first_name", "surname", "first_key", "surname_key", "added_at"], rows: names)
            bulk.insert(into: "person_phones", columns: ["id", "person_id", "number", "added_at"], rows: phones)
            bulk.insert(into: "person_emails", columns: ["id", "person_id", "email", "added_at"], rows: emails)
            bulk.insert(into: "person_addresses", columns: ["id", "person_id", "address_id", "from_date", "to_date", "position"], rows: addresses)
            bulk.insert(into: "warnings", columns: Self.warningColumns, rows: markers)
            bulk.insert(
                into: "person_relationships", columns: ["person_id", "other_person_id", "relationship"],
                rows: batch.relationships.map { [$0.personID, $0.otherPersonID, $0.relationship.rawValue] })
            // A parent's tie to a child is also a household link, from the child's birth (rule 9).
            let births = Dictionary(batch.people.map { ($0.id, $0.dateOfBirth ?? "1900-01-01") }, uniquingKeysWith: { first, _ in first })
            bulk.insert(
                into: "household_links", columns: ["id", "adult_person_id", "child_person_id", "role", "from_date", "recorded_by", "recorded_at"],
                rows: batch.relationships.filter { $0.relationship == .parentOfChild }.map {
                    [
                        "\($0.personID)-hh-\($0.otherPersonID)", $0.personID, $0.otherPersonID, HouseholdRole.parent.rawValue,
                        births[$0.otherPersonID] ?? "1900-01-01", "before Safeguard", Int64(0)
                    ]
                })

            bulk.insert(
                into: "incidents",
                columns: [
                    "id", "reference", "occurred_at", "reported_at", "channel", "address_id", "relationship",
                    "abuse_types", "is_crime", "summary", "version", "created_at"
                ],
                rows: batch.incidents.map { i in
                    [
                        i.id, i.reference, i.occurredAt.epoch, i.reportedAt.epoch, i.channel.rawValue, i.address?.id, i.relationship.rawValue,
                        i.abuseTypes.map(\.rawValue).joined(separator: ","), i.isCrime, i.summary, Int64(i.version), i.reportedAt.epoch
                    ]
                })
            var parties: [[any BulkBindable]] = []
            for incident in batch.incidents {
                for party in incident.parties { parties.append([incident.id, party.personID, party.role.rawValue]) }
            }
            bulk.insert(into: "incident_parties", columns: ["incident_id", "person_id", "role"], rows: parties)
            bulk.insert(
                into: "risk_levels", columns: ["id", "person_id", "incident_id", "level", "assessed_at", "source"],
                rows: batch.riskLevels.map {
                    [$0.id, $0.record.personID, $0.record.incidentID, $0.record.level.rawValue, $0.record.assessedAt.epoch, $0.record.source]
                })
            bulk.insert(
                into: "protective_orders", columns: ["id", "kind", "subject_person_id", "protected_person_id", "terms", "starts_on", "ends_on", "created_at"],
                rows: batch.orders.map { [$0.id, $0.kind.rawValue, $0.subjectPersonID, $0.protectedPersonID, $0.terms, $0.startsOn, $0.endsOn, Int64(0)] })
            let blocking = BlockingKeys()
            var pairs: [(String, String)] = []
            var compact: [[any BulkBindable]] = []
            for person in batch.people {
                let record = MatchRecord(person: person)
                for key in blocking.keys(for: record) { pairs.append((key, person.id)) }
                compact.append([person.id, record.encoded])
            }
            bulk.insert(into: "match_keys", columns: ["key", "person_id"], rows: pairs.map { [$0.0, $0.1] })
            bulk.insert(into: "match_records", columns: ["person_id", "data"], rows: compact)
            bulk.insert(into: "synthetic_truth", columns: ["record_id", "identity_id"], rows: batch.truth.map { [$0.recordID, $0.identityID] })
        }
        return bulk.prepared
    }

    /// Gathers rows table by table, in the order they are added.
    private final class Collector {
        var prepared: PreparedBatch
        init(engine: SQLEngine) { prepared = PreparedBatch(engine: engine) }
        func insert(into table: String, columns: [String], rows: [[any BulkBindable]]) { prepared.add(table, columns, rows) }
    }

    /// Whether the database has no people yet (so `serve --demo` may fill it).
    public func isEmpty() async throws -> Bool {
        try await pool.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM people").first()?.int("n") ?? 0
        } == 0
    }
}
