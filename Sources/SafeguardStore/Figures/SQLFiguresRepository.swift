import Foundation
import SafeguardDomain
import SQLKit

/// The facts the figures count, read in one pass per table over the period's incidents (by `incidents_occurred_at`):
/// the incidents with their place's postcode, their victims with sex and ethnicity, arrests from `custody_events` and
/// outcomes from `crime_outcomes`. No counting is done here: the rules are the domain's.
struct SQLFiguresRepository: FiguresRepository {
    let db: any SQLDatabase

    func incidents(from: Date, to: Date) async throws -> [FigureIncident] {
        let period: SQLQueryString = "i.occurred_at >= \(bind: from.epoch) AND i.occurred_at < \(bind: to.epoch)"
        var victims: [String: [FigureVictim]] = [:]
        for row in try await db.raw(
            """
            SELECT ip.incident_id, p.id, p.sex, p.ethnicity FROM incidents i JOIN incident_parties ip ON ip.incident_id = i.id
              JOIN people p ON p.id = ip.person_id WHERE \(period) AND ip.role = 'victim'
            """
        ).all() {
            victims[try row.string("incident_id"), default: []].append(
                FigureVictim(
                    personID: try row.string("id"), sex: Sex(rawValue: try row.string("sex")) ?? .unknown, ethnicity: try row.optionalString("ethnicity")))
        }
        var arrests: [String: Int] = [:]
        for row in try await db.raw(
            """
            SELECT c.incident_id, COUNT(*) AS n FROM incidents i JOIN custody_events c ON c.incident_id = i.id
            WHERE \(period) AND c.kind = 'arrest' GROUP BY c.incident_id
            """
        ).all() {
            arrests[try row.string("incident_id")] = try row.int("n")
        }
        var outcomes: [String: [CrimeOutcome.Kind]] = [:]
        for row in try await db.raw(
            "SELECT o.incident_id, o.kind FROM incidents i JOIN crime_outcomes o ON o.incident_id = i.id WHERE \(period)"
        ).all() {
            outcomes[try row.string("incident_id"), default: []].append(try row.choice(CrimeOutcome.Kind.self, "kind", in: "crime_outcomes"))
        }
        return try await db.raw(
            """
            SELECT i.id, i.occurred_at, i.is_crime, i.crime_class, a.postcode FROM incidents i LEFT JOIN addresses a ON a.id = i.address_id
            WHERE \(period) ORDER BY i.occurred_at, i.id
            """
        ).all().map { row in
            let id = try row.string("id")
            return FigureIncident(
                id: id, occurredAt: try row.date("occurred_at"), isCrime: try row.bool("is_crime"),
                crime: try row.optionalString("crime_class").flatMap(CrimeClassification.init(rawValue:)), postcode: try row.optionalString("postcode"),
                victims: victims[id] ?? [], arrests: arrests[id] ?? 0, outcomes: outcomes[id] ?? [])
        }
    }

    func victimTimes(from: Date, to: Date) async throws -> [(personID: String, at: Date)] {
        try await db.raw(
            """
            SELECT ip.person_id, i.occurred_at FROM incidents i JOIN incident_parties ip ON ip.incident_id = i.id
            WHERE i.occurred_at >= \(bind: from.epoch) AND i.occurred_at < \(bind: to.epoch) AND ip.role = 'victim'
            """
        ).all().map { row in (try row.string("person_id"), try row.date("occurred_at")) }
    }
}
