import Foundation
import SafeguardDomain
import SQLKit

/// The call record, the control room's response and its grading decisions, and what the briefing reads.
extension SQLIncidentRepository {
    func nextReference(year: Int) async throws -> String {
        // Seeded once per year from any references already there (demo or imported incidents), then counted.
        // The UPDATE takes the row lock on PostgreSQL, and SQLite has one writer, so two calls never share a number.
        let prefix = "DA-\(year)-"
        // Only the year's first call looks at existing references: a LIKE over every incident on each call would
        // make every call slower as the force's history grows.
        if try await db.raw("SELECT last_number FROM reference_counters WHERE year = \(bind: Int64(year))").first() == nil {
            let highest = try await db.raw("SELECT MAX(reference) AS highest FROM incidents WHERE reference LIKE \(bind: prefix + "%")").first()?
                .decode(column: "highest", as: String?.self)
            let seed = Int64(highest.map { String($0.dropFirst(prefix.count)) }.flatMap { Int($0) } ?? 0)
            try await db.raw("INSERT INTO reference_counters (year, last_number) VALUES (\(bind: Int64(year)), \(bind: seed)) ON CONFLICT (year) DO NOTHING")
                .run()
        }
        guard
            let row = try await db.raw("UPDATE reference_counters SET last_number = last_number + 1 WHERE year = \(bind: Int64(year)) RETURNING last_number")
                .first()
        else {
            throw DomainError.conflict("Could not number the incident; try again.")
        }
        let digits = String(try row.int64("last_number"))
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    func create(_ incident: Incident, call: CallDetails, response: IncidentResponse, createdBy userID: String, at: Date) async throws {
        // A known place (the domain found it by its key) is already there; a new one is written with its key.
        if let address = incident.address { try await SQLAddressReader.insert(db, address, at: at) }
        try await db.raw(
            """
            INSERT INTO incidents (id, reference, occurred_at, reported_at, channel, address_id, relationship, abuse_types, is_crime, summary, version, created_at)
            VALUES (\(bind: incident.id), \(bind: incident.reference), \(bind: incident.occurredAt.epoch), \(bind: incident.reportedAt.epoch),
              \(bind: incident.channel.rawValue), \(bind: incident.address?.id), \(bind: incident.relationship.rawValue),
              \(bind: incident.abuseTypes.map(\.rawValue).joined(separator: ",")), \(bind: incident.isCrime), \(bind: incident.summary), 1, \(bind: at.epoch))
            """
        ).run()
        for party in incident.parties {
            try await db.raw(
                "INSERT INTO incident_parties (incident_id, person_id, role) VALUES (\(bind: incident.id), \(bind: party.personID), \(bind: party.role.rawValue))"
            ).run()
        }
        let a = call.answers
        try await db.raw(
            """
            INSERT INTO incident_calls (incident_id, caller, immediate_danger, suspect_location, injuries, injuries_detail, weapons, weapons_detail,
              children_present, children_count, fear, fear_in_their_words, handler_concern, recorded_by, recorded_by_username, recorded_at)
            VALUES (\(bind: incident.id), \(bind: call.caller.rawValue), \(bind: a.immediateDanger.rawValue), \(bind: a.suspectLocation.rawValue),
              \(bind: a.injuries.rawValue), \(bind: a.injuriesDetail), \(bind: a.weapons.rawValue), \(bind: a.weaponsDetail),
              \(bind: a.childrenPresent.rawValue), \(bind: a.childrenCount.map(Int64.init)), \(bind: a.fear.rawValue), \(bind: a.fearInTheirWords),
              \(bind: call.handlerConcern), \(bind: userID), \(bind: call.recordedBy), \(bind: at.epoch))
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO incident_responses (incident_id, grade, recommended_grade, setting, graded_at, potential_high_risk, high_risk_reasons, open)
            VALUES (\(bind: incident.id), \(bind: response.grade.rawValue), \(bind: response.recommendedGrade.rawValue), \(bind: response.setting.rawValue),
              \(bind: response.gradedAt.epoch), \(bind: response.potentialHighRisk), \(bind: try Self.json(response.highRiskReasons)), \(bind: true))
            """
        ).run()
        try await updateResponse(response)
    }

    func call(incidentID: String) async throws -> CallDetails? {
        guard let row = try await db.raw("SELECT * FROM incident_calls WHERE incident_id = \(bind: incidentID)").first() else { return nil }
        let answers = CallAnswers(
            immediateDanger: try row.choice(Answer.self, "immediate_danger", in: "incident_calls"),
            suspectLocation: try row.choice(SuspectLocation.self, "suspect_location", in: "incident_calls"),
            injuries: try row.choice(Answer.self, "injuries", in: "incident_calls"), injuriesDetail: try row.optionalString("injuries_detail"),
            weapons: try row.choice(Answer.self, "weapons", in: "incident_calls"), weaponsDetail: try row.optionalString("weapons_detail"),
            childrenPresent: try row.choice(Answer.self, "children_present", in: "incident_calls"),
            childrenCount: try row.decode(column: "children_count", as: Int64?.self).map(Int.init),
            fear: try row.choice(FearLevel.self, "fear", in: "incident_calls"), fearInTheirWords: try row.optionalString("fear_in_their_words"))
        return CallDetails(
            caller: try row.choice(CallerKind.self, "caller", in: "incident_calls"), answers: answers,
            handlerConcern: try row.bool("handler_concern"), recordedBy: try row.string("recorded_by_username"))
    }

    func response(incidentID: String) async throws -> IncidentResponse? {
        guard
            let row = try await db.raw(
                """
                SELECT r.*, i.reference FROM incident_responses r JOIN incidents i ON i.id = r.incident_id WHERE r.incident_id = \(bind: incidentID)
                """
            ).first()
        else { return nil }
        var response = try Self.response(row)
        response.decisions = try await db.raw(
            """
            SELECT * FROM grading_decisions WHERE incident_id = \(bind: incidentID) ORDER BY position
            """
        ).all().map { d in
            GradingDecision(
                id: try d.string("id"), fromGrade: try d.optionalString("from_grade").flatMap(Grade.init(rawValue:)),
                toGrade: try d.choice(Grade.self, "to_grade", in: "grading_decisions"),
                outcome: try d.choice(GradingDecision.Outcome.self, "outcome", in: "grading_decisions"),
                reason: try d.optionalString("reason"), byUsername: try d.string("by_username"), at: try d.date("decided_at"))
        }
        return response
    }

    func updateResponse(_ r: IncidentResponse) async throws {
        // Open while the domain says it could still raise an alert (the queue reads only open responses).
        let open = ControlRoomQueue.watches(r)
        try await db.raw(
            """
            UPDATE incident_responses SET grade = \(bind: r.grade.rawValue), graded_at = \(bind: r.gradedAt.epoch), target_at = \(bind: r.targetAt?.epoch),
              appointment_at = \(bind: r.appointmentAt?.epoch), pending_grade = \(bind: r.pending?.grade.rawValue), pending_reason = \(bind: r.pending?.reason),
              pending_requested_by = \(bind: r.pending?.requestedBy), pending_requested_at = \(bind: r.pending?.requestedAt.epoch),
              potential_high_risk = \(bind: r.potentialHighRisk), high_risk_reasons = \(bind: try Self.json(r.highRiskReasons)),
              high_risk_ack_by = \(bind: r.highRiskAcknowledgedBy), high_risk_ack_at = \(bind: r.highRiskAcknowledgedAt?.epoch),
              dispatched_at = \(bind: r.dispatchedAt?.epoch), arrived_at = \(bind: r.arrivedAt?.epoch),
              closure_kind = \(bind: r.closure?.kind.rawValue), closure_reason = \(bind: r.closure?.reason), closed_by = \(bind: r.closure?.byUsername),
              closed_at = \(bind: r.closure?.at.epoch), open = \(bind: open)
            WHERE incident_id = \(bind: r.incidentID)
            """
        ).run()
    }

    func addGradingDecision(_ d: GradingDecision, incidentID: String, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO grading_decisions (id, incident_id, from_grade, to_grade, outcome, reason, by_user_id, by_username, decided_at, position)
            SELECT \(bind: d.id), \(bind: incidentID), \(bind: d.fromGrade?.rawValue), \(bind: d.toGrade.rawValue), \(bind: d.outcome.rawValue),
              \(bind: d.reason), \(bind: byUserID), \(bind: d.byUsername), \(bind: d.at.epoch), COALESCE(MAX(position), 0) + 1
            FROM grading_decisions WHERE incident_id = \(bind: incidentID)
            """
        ).run()
    }

    /// Every response the domain still watches, through the `(open, graded_at)` index: closed calls are not open, so
    /// the set stays small, and nothing caps it — an alert past any cap would be one the supervisor never sees.
    func openResponses() async throws -> [IncidentResponse] {
        try await db.raw(
            """
            SELECT r.*, i.reference FROM incident_responses r JOIN incidents i ON i.id = r.incident_id
            WHERE r.open = \(bind: true) ORDER BY r.graded_at
            """
        ).all().map(Self.response)
    }

    func victims(ofSuspectRecords ids: [String]) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT DISTINCT v.person_id FROM incident_parties s JOIN incident_parties v ON v.incident_id = s.incident_id AND v.role = 'victim'
            WHERE s.role = 'suspect' AND s.person_id IN (\(binds: ids)) AND v.person_id NOT IN (\(binds: ids))
            """
        ).all().map { try $0.string("person_id") }
    }

    func riskLevels(ofPeople ids: [String]) async throws -> [RiskLevelRecord] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT r.person_id, r.incident_id, i.reference, r.level, r.assessed_at, r.source FROM risk_levels r JOIN incidents i ON i.id = r.incident_id
            WHERE r.person_id IN (\(binds: ids)) ORDER BY r.assessed_at DESC, r.id
            """
        ).all().map { row in
            RiskLevelRecord(
                personID: try row.string("person_id"), incidentID: try row.string("incident_id"), incidentReference: try row.string("reference"),
                level: try row.choice(RiskLevel.self, "level", in: "risk_levels"), assessedAt: try row.date("assessed_at"), source: try row.string("source"))
        }
    }

    static func response(_ row: any SQLRow) throws -> IncidentResponse {
        var pending: PendingGrade?
        if let grade = try row.optionalString("pending_grade").flatMap(Grade.init(rawValue:)) {
            pending = PendingGrade(
                grade: grade, reason: try row.optionalString("pending_reason") ?? "",
                requestedBy: try row.optionalString("pending_requested_by") ?? "", requestedAt: try row.optionalDate("pending_requested_at") ?? Date(epoch: 0))
        }
        return IncidentResponse(
            incidentID: try row.string("incident_id"), reference: try row.string("reference"),
            grade: try row.choice(Grade.self, "grade", in: "incident_responses"),
            recommendedGrade: try row.choice(Grade.self, "recommended_grade", in: "incident_responses"),
            setting: try row.choice(Setting.self, "setting", in: "incident_responses"),
            gradedAt: try row.date("graded_at"), targetAt: try row.optionalDate("target_at"), appointmentAt: try row.optionalDate("appointment_at"),
            pending: pending, potentialHighRisk: try row.bool("potential_high_risk"),
            highRiskReasons: try JSONDecoder().decode([String].self, from: Data(try row.string("high_risk_reasons").utf8)),
            highRiskAcknowledgedBy: try row.optionalString("high_risk_ack_by"), highRiskAcknowledgedAt: try row.optionalDate("high_risk_ack_at"),
            dispatchedAt: try row.optionalDate("dispatched_at"), arrivedAt: try row.optionalDate("arrived_at"), closure: try closure(row))
    }

    private static func closure(_ row: any SQLRow) throws -> CallClosure? {
        guard try row.optionalString("closure_kind") != nil else { return nil }
        return CallClosure(
            kind: try row.choice(CallClosureKind.self, "closure_kind", in: "incident_responses"),
            reason: try row.optionalString("closure_reason") ?? "", byUsername: try row.optionalString("closed_by") ?? "",
            at: try row.optionalDate("closed_at") ?? Date(epoch: 0))
    }

    static func json(_ values: [String]) throws -> String { String(decoding: try JSONEncoder().encode(values), as: UTF8.self) }

    func addParty(incidentID: String, personID: String, role: PartyRole) async throws {
        try await db.raw(
            """
            INSERT INTO incident_parties (incident_id, person_id, role) VALUES (\(bind: incidentID), \(bind: personID), \(bind: role.rawValue))
            ON CONFLICT DO NOTHING
            """
        ).run()
    }

    func setCrime(incidentID: String, isCrime: Bool) async throws {
        try await db.raw("UPDATE incidents SET is_crime = \(bind: isCrime), version = version + 1 WHERE id = \(bind: incidentID)").run()
    }

    func classifyCrime(incidentID: String, change: CrimeClassificationChange, byUserID: String) async throws {
        let row = try await db.raw(
            "UPDATE incidents SET is_crime = \(bind: true), crime_class = \(bind: change.to.rawValue), version = version + 1 WHERE id = \(bind: incidentID) RETURNING version"
        ).first()
        let snapshot = String(decoding: try JSONEncoder().encode(change), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO record_history (id, record_type, record_id, version, snapshot, changed_by, changed_at)
            VALUES (\(bind: SafeguardService.newID(at: change.at)), 'incident_crime', \(bind: incidentID), \(bind: try row?.int64("version") ?? 0),
              \(bind: snapshot), \(bind: byUserID), \(bind: change.at.epoch))
            """
        ).run()
    }

    func crimeClassifications(incidentID: String) async throws -> [CrimeClassificationChange] {
        try await db.raw(
            "SELECT snapshot FROM record_history WHERE record_type = 'incident_crime' AND record_id = \(bind: incidentID) ORDER BY changed_at, version"
        ).all().map { try JSONDecoder().decode(CrimeClassificationChange.self, from: Data(try $0.string("snapshot").utf8)) }
    }
}
