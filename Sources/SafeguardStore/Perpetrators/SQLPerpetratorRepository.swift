import Foundation
import SafeguardDomain
import SQLKit

/// The cross-victim lists in `perpetrator_*`: the latest run's scores (and the areas each man's incidents were in),
/// every run, every version of the weights and every entry onto and off a list.
struct SQLPerpetratorRepository: PerpetratorRepository {
    let db: any SQLDatabase

    func daIncidents(from: Date, to: Date) async throws -> [DAIncidentFacts] {
        let rows = try await db.raw(
            """
            SELECT i.id, i.occurred_at, i.is_crime, i.crime_class, CASE WHEN a.confidential THEN NULL ELSE a.postcode END AS postcode,
              p.person_id, p.role
            FROM incidents i JOIN incident_parties p ON p.incident_id = i.id LEFT JOIN addresses a ON a.id = i.address_id
            WHERE i.occurred_at >= \(bind: from.epoch) AND i.occurred_at <= \(bind: to.epoch) AND p.role IN ('victim', 'suspect')
            ORDER BY i.id
            """
        ).all()
        var result: [DAIncidentFacts] = []
        for row in rows {
            let id = try row.string("id")
            if result.last?.id != id {
                let classification =
                    try row.optionalString("crime_class") == nil ? nil : try row.choice(CrimeClassification.self, "crime_class", in: "incidents")
                result.append(
                    DAIncidentFacts(
                        id: id, occurredAt: try row.date("occurred_at"), isCrime: try row.bool("is_crime"), classification: classification,
                        postcode: try row.optionalString("postcode"), victimIDs: [], suspectIDs: []))
            }
            let person = try row.string("person_id")
            switch try row.choice(PartyRole.self, "role", in: "incident_parties") {
            case .victim: result[result.count - 1].victimIDs.append(person)
            case .suspect: result[result.count - 1].suspectIDs.append(person)
            default: break
            }
        }
        return result
    }

    func confirmedPairs() async throws -> [(String, String)] {
        try await db.raw("SELECT person_id, other_person_id FROM match_proposals WHERE status = 'confirmed'").all().map {
            (try $0.string("person_id"), try $0.string("other_person_id"))
        }
    }

    func weightsVersion(_ json: String, at: Date) async throws -> Int {
        if let row = try await db.raw("SELECT version FROM perpetrator_weights WHERE weights = \(bind: json)").first() { return try row.int("version") }
        let next =
            (try await db.raw("SELECT MAX(version) AS v FROM perpetrator_weights").first()?.decode(column: "v", as: Int64?.self) ?? nil).map { Int($0) + 1 }
            ?? 1
        try await db.raw("INSERT INTO perpetrator_weights (version, weights, first_used_at) VALUES (\(bind: next), \(bind: json), \(bind: at.epoch))").run()
        return next
    }

    func weights(version: Int) async throws -> String? {
        try await db.raw("SELECT weights FROM perpetrator_weights WHERE version = \(bind: version)").first()?.string("weights")
    }

    private static func entry(_ row: any SQLRow) throws -> PerpetratorListEntry {
        PerpetratorListEntry(
            id: try row.string("id"), personID: try row.string("person_id"), list: try row.choice(PerpetratorList.self, "list", in: "perpetrator_list_entries"),
            enteredAt: try row.date("entered_at"), enteredReason: try row.string("entered_reason"), leftAt: try row.optionalDate("left_at"),
            leftReason: try row.optionalString("left_reason"))
    }

    func openEntries() async throws -> [PerpetratorListEntry] {
        try await db.raw("SELECT * FROM perpetrator_list_entries WHERE left_at IS NULL").all().map(Self.entry)
    }

    func entries(personID: String) async throws -> [PerpetratorListEntry] {
        try await db.raw("SELECT * FROM perpetrator_list_entries WHERE person_id = \(bind: personID) ORDER BY entered_at DESC, id DESC").all()
            .map(Self.entry)
    }

    func openEntries(list: PerpetratorList, limit: Int) async throws -> [PerpetratorListEntry] {
        try await db.raw(
            """
            SELECT * FROM perpetrator_list_entries WHERE list = \(bind: list.rawValue) AND left_at IS NULL ORDER BY entered_at DESC, id DESC
            LIMIT \(bind: limit)
            """
        ).all().map(Self.entry)
    }

    func dailyRunDone(day: String) async throws -> Bool {
        try await db.raw("SELECT 1 AS one FROM perpetrator_daily_runs WHERE day = \(bind: day)").first() != nil
    }

    func claimDaily(day: String, runID: String) async throws -> Bool {
        !(try await db.raw(
            "INSERT INTO perpetrator_daily_runs (day, run_id) VALUES (\(bind: day), \(bind: runID)) ON CONFLICT (day) DO NOTHING RETURNING day"
        ).all().isEmpty)
    }

    func save(run: PerpetratorRun, findings: [PerpetratorFinding], entered: [PerpetratorListEntry], left: [PerpetratorListEntry]) async throws {
        try await db.raw(
            """
            INSERT INTO perpetrator_runs (id, seq, at, trigger_by, weights_version, window_days, perpetrators, serial, entered, left_count)
            VALUES (\(bind: run.id), (SELECT COALESCE(MAX(seq), 0) + 1 FROM perpetrator_runs), \(bind: run.at.epoch), \(bind: run.trigger), \(bind: run.weightsVersion), \(bind: run.windowDays),
              \(bind: run.perpetrators), \(bind: run.serial), \(bind: run.entered), \(bind: run.left))
            """
        ).run()
        try await db.raw("DELETE FROM perpetrator_areas").run()
        try await db.raw("DELETE FROM perpetrator_scores").run()
        try await insertRows(
            db,
            into: """
                perpetrator_scores (person_id, run_id, rank, record_ids, area_ids, lists, incidents, crimes, victims, crime_victims, latest_at,
                  days_since_latest, recency, gravity, victim_multiplier, score, on_repeat, on_serial, on_many_victims)
                """,
            findings.map { f in
                let h = f.harm
                return """
                    (\(bind: f.personID), \(bind: run.id), \(bind: f.rank), \(bind: f.recordIDs.joined(separator: ",")), \(bind: f.areaIDs.joined(separator: ",")),
                     \(bind: f.lists.map(\.rawValue).joined(separator: ",")), \(bind: f.incidents), \(bind: f.crimes), \(bind: f.victims),
                     \(bind: f.crimeVictims), \(bind: f.latestAt.epoch), \(bind: h.daysSinceLatest), \(bind: h.recency), \(bind: h.gravity),
                     \(bind: h.victimMultiplier), \(bind: h.score), \(bind: f.lists.contains(.repeatPerpetrator)), \(bind: f.lists.contains(.serial)),
                     \(bind: f.lists.contains(.manyVictims)))
                    """
            })
        try await insertRows(
            db, into: "perpetrator_areas (area_id, rank, person_id)",
            findings.flatMap { f in f.areaIDs.map { "(\(bind: $0), \(bind: f.rank), \(bind: f.personID))" as SQLQueryString } })
        for entry in left {
            try await db.raw(
                """
                UPDATE perpetrator_list_entries SET left_at = \(bind: entry.leftAt?.epoch), left_reason = \(bind: entry.leftReason)
                WHERE id = \(bind: entry.id) AND left_at IS NULL
                """
            ).run()
        }
        try await insertRows(
            db, into: "perpetrator_list_entries (id, person_id, list, entered_at, entered_reason)",
            entered.map { "(\(bind: $0.id), \(bind: $0.personID), \(bind: $0.list.rawValue), \(bind: $0.enteredAt.epoch), \(bind: $0.enteredReason))" })
    }

    func latestRun() async throws -> PerpetratorRun? {
        try await db.raw("SELECT * FROM perpetrator_runs ORDER BY seq DESC LIMIT 1").first().map { row in
            PerpetratorRun(
                id: try row.string("id"), at: try row.date("at"), trigger: try row.string("trigger_by"), weightsVersion: try row.int("weights_version"),
                windowDays: try row.int("window_days"), perpetrators: try row.int("perpetrators"), serial: try row.int("serial"),
                entered: try row.int("entered"), left: try row.int("left_count"))
        }
    }

    func ranked(areaID: String?, list: PerpetratorList?, limit: Int) async throws -> [PerpetratorFinding] {
        let onList: SQLQueryString =
            switch list {
            case .repeatPerpetrator: "AND s.on_repeat"
            case .serial: "AND s.on_serial"
            case .manyVictims: "AND s.on_many_victims"
            case .victimManyPerpetrators: "AND 1 = 0"
            case nil: ""
            }
        let rows =
            if let areaID {
                try await db.raw(
                    """
                    SELECT s.* FROM perpetrator_areas pa JOIN perpetrator_scores s ON s.person_id = pa.person_id
                    WHERE pa.area_id = \(bind: areaID) \(onList) ORDER BY pa.rank LIMIT \(bind: limit)
                    """
                ).all()
            } else {
                try await db.raw("SELECT s.* FROM perpetrator_scores s WHERE 1 = 1 \(onList) ORDER BY s.rank LIMIT \(bind: limit)").all()
            }
        return try rows.map { row in
            func split(_ column: String) throws -> [String] { try row.string(column).split(separator: ",").map(String.init) }
            let lists = try split("lists").map { raw in
                guard let list = PerpetratorList(rawValue: raw) else {
                    throw UnreadableValue(table: "perpetrator_scores", column: "lists", value: raw, type: "PerpetratorList")
                }
                return list
            }
            return PerpetratorFinding(
                personID: try row.string("person_id"), recordIDs: try split("record_ids"), incidents: try row.int("incidents"),
                crimes: try row.int("crimes"), victims: try row.int("victims"), crimeVictims: try row.int("crime_victims"),
                latestAt: try row.date("latest_at"), areaIDs: try split("area_ids"), lists: lists,
                harm: HarmScore(
                    daysSinceLatest: try row.int("days_since_latest"), recency: try row.decode(column: "recency", as: Double.self),
                    frequency: try row.int("incidents"), gravity: try row.decode(column: "gravity", as: Double.self), victims: try row.int("victims"),
                    victimMultiplier: try row.decode(column: "victim_multiplier", as: Double.self), score: try row.decode(column: "score", as: Double.self)),
                rank: try row.int("rank"))
        }
    }
}
