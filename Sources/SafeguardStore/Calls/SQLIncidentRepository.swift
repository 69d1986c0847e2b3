import Foundation
import SafeguardDomain
import SQLKit

/// Incidents and their parties in SQL.
struct SQLIncidentRepository: IncidentRepository {
    let db: any SQLDatabase

    func find(id: String) async throws -> Incident? {
        guard let row = try await db.raw("SELECT * FROM incidents WHERE id = \(bind: id)").first() else { return nil }
        var address: Address?
        if let addressID = try row.optionalString("address_id"),
            let addressRow = try await db.raw("SELECT * FROM addresses WHERE id = \(bind: addressID)").first()
        {
            address = try SQLAddressReader.address(from: addressRow)
            address?.markers = try await SQLAddressReader(db: db).markers(addressIDs: [addressID])[addressID] ?? []
        }
        let parties = try await db.raw(
            """
            SELECT ip.person_id, ip.role, p.first_name, p.surname, p.restricted FROM incident_parties ip JOIN people p ON p.id = ip.person_id
            WHERE ip.incident_id = \(bind: id) ORDER BY CASE ip.role WHEN 'victim' THEN 1 WHEN 'suspect' THEN 2 WHEN 'child' THEN 3 ELSE 4 END, p.surname
            """
        ).all()
        return Incident(
            id: try row.string("id"), reference: try row.string("reference"), occurredAt: try row.date("occurred_at"),
            reportedAt: try row.date("reported_at"), channel: try row.choice(Channel.self, "channel", in: "incidents"),
            address: address, relationship: try row.choice(Relationship.self, "relationship", in: "incidents"),
            abuseTypes: try row.string("abuse_types").split(separator: ",").map { raw in
                guard let type = AbuseType(rawValue: String(raw)) else {
                    throw UnreadableValue(table: "incidents", column: "abuse_types", value: String(raw), type: "AbuseType")
                }
                return type
            },
            isCrime: try row.bool("is_crime"), summary: try row.string("summary"),
            parties: try parties.map { p in
                // The name as recorded, and whether the record is restricted: what a role may see is `Visibility`'s decision.
                IncidentParty(
                    personID: try p.string("person_id"), role: try p.choice(PartyRole.self, "role", in: "incident_parties"),
                    displayName: "\(try p.string("first_name")) \(try p.string("surname"))", restricted: try p.bool("restricted"))
            },
            version: try row.int("version"),
            crimeClassification: try row.optionalString("crime_class") == nil ? nil : try row.choice(CrimeClassification.self, "crime_class", in: "incidents"))
    }

    func recent(limit: Int) async throws -> [IncidentSummary] {
        try await db.raw(
            """
            SELECT i.id, i.reference, i.occurred_at, i.channel, i.relationship, i.is_crime, 'victim' AS role, a.postcode, a.confidential AS postcode_confidential
            FROM incidents i LEFT JOIN addresses a ON a.id = i.address_id
            ORDER BY i.occurred_at DESC, i.id LIMIT \(unsafeRaw: String(max(1, min(limit, 200))))
            """
        ).all().map(Self.summary)
    }

    func atAddress(_ addressID: String, limit: Int) async throws -> [IncidentSummary] {
        try await db.raw(
            """
            SELECT i.id, i.reference, i.occurred_at, i.channel, i.relationship, i.is_crime, 'victim' AS role, a.postcode, a.confidential AS postcode_confidential
            FROM incidents i JOIN addresses a ON a.id = i.address_id WHERE i.address_id = \(bind: addressID)
            ORDER BY i.occurred_at DESC, i.id LIMIT \(unsafeRaw: String(max(1, min(limit, 500))))
            """
        ).all().map(Self.summary)
    }

    func countsAtAddresses(_ addressIDs: [String]) async throws -> [String: Int] {
        guard !addressIDs.isEmpty else { return [:] }
        var counts: [String: Int] = [:]
        for row in try await db.raw(
            "SELECT address_id, COUNT(*) AS n FROM incidents WHERE address_id IN (\(binds: addressIDs)) GROUP BY address_id"
        ).all() {
            counts[try row.string("address_id")] = try row.int("n")
        }
        return counts
    }

    static func summary(_ row: any SQLRow) throws -> IncidentSummary {
        IncidentSummary(
            id: try row.string("id"), reference: try row.string("reference"), occurredAt: try row.date("occurred_at"),
            channel: try row.choice(Channel.self, "channel", in: "incidents"),
            relationship: try row.choice(Relationship.self, "relationship", in: "incidents"),
            isCrime: try row.bool("is_crime"), role: try row.choice(PartyRole.self, "role", in: "incident_parties"),
            postcode: try row.optionalString("postcode"), postcodeConfidential: try row.decode(column: "postcode_confidential", as: Bool?.self) ?? false)
    }
}
