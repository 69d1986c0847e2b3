import Foundation
import SafeguardDomain
import SQLKit

/// Retention review decisions in `retention_decisions`; disposal removes a person's identifying rows and marks
/// `people.disposed_at`.
struct SQLRetentionRepository: RetentionRepository {
    let db: any SQLDatabase

    func candidates(quietSince: Date, today: String, limit: Int) async throws -> [String] {
        let quiet = quietSince.epoch
        return try await db.raw(
            """
            SELECT p.id FROM people p
            WHERE p.disposed_at IS NULL
              AND (p.created_at < \(bind: quiet) OR EXISTS (SELECT 1 FROM incident_parties ip0 WHERE ip0.person_id = p.id))
              AND NOT EXISTS (SELECT 1 FROM incident_parties ip JOIN incidents i ON i.id = ip.incident_id
                              WHERE ip.person_id = p.id AND i.occurred_at >= \(bind: quiet))
              AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.victim_person_id = p.id
                              AND (c.closed_at IS NULL OR c.closed_at >= \(bind: quiet) OR c.opened_at >= \(bind: quiet)))
              AND NOT EXISTS (SELECT 1 FROM retention_decisions d WHERE d.person_id = p.id AND d.next_review_on > \(bind: today))
            ORDER BY p.created_at, p.id LIMIT \(bind: limit)
            """
        ).all().map { try $0.string("id") }
    }

    func facts(personIDs ids: [String]) async throws -> [RetentionFacts] {
        guard !ids.isEmpty else { return [] }
        var parts: [String: [(incident: String, part: RetentionFacts.Part)]] = [:]
        for row in try await db.raw(
            """
            SELECT ip.person_id, ip.role, i.id, i.occurred_at, i.is_crime, i.crime_class
            FROM incident_parties ip JOIN incidents i ON i.id = ip.incident_id WHERE ip.person_id IN (\(binds: ids))
            """
        ).all() {
            let part = RetentionFacts.Part(
                role: try row.choice(PartyRole.self, "role", in: "incident_parties"), occurredAt: try row.date("occurred_at"),
                isCrime: try row.bool("is_crime"), crime: try row.optionalString("crime_class").flatMap(CrimeClassification.init(rawValue:)))
            parts[try row.string("person_id"), default: []].append((try row.string("id"), part))
        }
        var outcomes: [String: [CrimeOutcome.Kind]] = [:]
        let incidentIDs = Array(Set(parts.values.flatMap { $0.map(\.incident) }))
        for start in stride(from: 0, to: incidentIDs.count, by: 500) {
            let chunk = Array(incidentIDs[start..<min(start + 500, incidentIDs.count)])
            for row in try await db.raw("SELECT incident_id, kind FROM crime_outcomes WHERE incident_id IN (\(binds: chunk))").all() {
                outcomes[try row.string("incident_id"), default: []].append(try row.choice(CrimeOutcome.Kind.self, "kind", in: "crime_outcomes"))
            }
        }
        var cases: [String: (open: Bool, last: Date?)] = [:]
        for row in try await db.raw("SELECT victim_person_id, opened_at, closed_at FROM cases WHERE victim_person_id IN (\(binds: ids))").all() {
            let id = try row.string("victim_person_id")
            let closed = try row.optionalDate("closed_at")
            let opened = try row.date("opened_at")
            let latest = [closed ?? opened, cases[id]?.last].compactMap { $0 }.max()
            cases[id] = ((cases[id]?.open ?? false) || closed == nil, latest)
        }
        var decisions: [String: [RetentionDecision]] = [:]
        for row in try await db.raw("SELECT * FROM retention_decisions WHERE person_id IN (\(binds: ids)) ORDER BY person_id, number").all() {
            let d = try Self.decision(row)
            decisions[d.personID, default: []].append(d)
        }
        return try await db.raw(
            "SELECT id, first_name, middle_names, surname, date_of_birth, created_at, disposed_at FROM people WHERE id IN (\(binds: ids))"
        ).all().map { row in
            let id = try row.string("id")
            let name = [try row.string("first_name"), try row.optionalString("middle_names"), try row.string("surname")].compactMap { $0 }.filter {
                !$0.isEmpty
            }.joined(separator: " ")
            return RetentionFacts(
                personID: id, name: name, dateOfBirth: try row.optionalString("date_of_birth"), createdAt: try row.date("created_at"),
                disposedAt: try row.optionalDate("disposed_at"),
                parts: (parts[id] ?? []).map { entry in
                    var part = entry.part
                    part.outcomes = outcomes[entry.incident] ?? []
                    return part
                },
                openCase: cases[id]?.open ?? false, lastCaseActivity: cases[id]?.last, decisions: decisions[id] ?? [])
        }
    }

    func addDecision(_ d: RetentionDecision, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO retention_decisions (id, person_id, number, kind, group_key, reason, decided_by, decided_by_user_id, decided_at, next_review_on)
            VALUES (\(bind: d.id), \(bind: d.personID), \(bind: d.number), \(bind: d.kind.rawValue), \(bind: d.group), \(bind: d.reason), \(bind: d.decidedBy),
              \(bind: byUserID), \(bind: d.decidedAt.epoch), \(bind: d.nextReviewOn))
            """
        ).run()
    }

    func dispose(personID id: String, at: Date) async throws -> Bool {
        // The tombstone keeps sex and ethnicity (counted, not identifying alone) and her place in every incident and case.
        guard
            try await db.raw(
                """
                UPDATE people SET first_name = 'Disposed record', middle_names = NULL, surname = '', date_of_birth = NULL, source_id = NULL,
                  interpreter_language = NULL, vulnerabilities = '[]', disposed_at = \(bind: at.epoch), version = version + 1,
                  updated_at = \(bind: at.epoch)
                WHERE id = \(bind: id) AND disposed_at IS NULL RETURNING id
                """
            ).first() != nil
        else { return false }
        for table in [
            "person_names", "person_phones", "person_emails", "person_addresses", "person_data_quality", "safe_contacts",
            "safe_contact_history", "match_keys", "match_records"
        ] {
            try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE person_id = \(bind: id)").run()
        }
        try await db.raw("DELETE FROM warnings WHERE subject_kind = 'person' AND subject_id = \(bind: id)").run()
        // What was said to her and about her in the contact log: the contacts stay (when, how, whether she was reached,
        // which the Victims' Code checks count), their words go.
        try await db.raw("UPDATE contacts SET summary = '' WHERE person_id = \(bind: id)").run()
        // An incident whose every party is now disposed of keeps its facts (when, where, what crime) but not its story.
        try await db.raw(
            """
            UPDATE incidents SET summary = '' WHERE id IN (SELECT incident_id FROM incident_parties WHERE person_id = \(bind: id))
              AND NOT EXISTS (SELECT 1 FROM incident_parties ip JOIN people p ON p.id = ip.person_id
                              WHERE ip.incident_id = incidents.id AND p.disposed_at IS NULL)
            """
        ).run()
        // Earlier versions of her record hold the same details; the fact that it was edited, by whom and when, is in the audit log.
        try await db.raw("DELETE FROM record_history WHERE record_type = 'person' AND record_id = \(bind: id)").run()
        return true
    }

    private static func decision(_ row: any SQLRow) throws -> RetentionDecision {
        RetentionDecision(
            id: try row.string("id"), personID: try row.string("person_id"), number: try row.int("number"),
            kind: try row.choice(RetentionDecision.Kind.self, "kind", in: "retention_decisions"), group: try row.string("group_key"),
            reason: try row.string("reason"), decidedBy: try row.string("decided_by"), decidedAt: try row.date("decided_at"),
            nextReviewOn: try row.optionalString("next_review_on"))
    }
}
