import Foundation
import SafeguardDomain
import SQLKit

/// MARAC meetings, their outcomes and actions (`marac_meetings`, `marac_outcomes`, `marac_actions`).
extension SQLMaracRepository {
    func createMeeting(_ m: MaracMeeting, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO marac_meetings (id, held_on, chair, agencies, scheduled_by, scheduled_by_user_id, scheduled_at, area_id)
            VALUES (\(bind: m.id), \(bind: m.heldOn), \(bind: m.chair), \(bind: try Self.json(m.agencies.map(\.rawValue))), \(bind: m.scheduledBy),
              \(bind: byUserID), \(bind: m.scheduledAt.epoch), \(bind: m.areaID))
            """
        ).run()
    }

    func meeting(id: String) async throws -> MaracMeeting? {
        try await db.raw("SELECT * FROM marac_meetings WHERE id = \(bind: id)").first().map(Self.meeting)
    }

    func meetings(limit: Int) async throws -> [MaracMeeting] {
        try await db.raw("SELECT * FROM marac_meetings ORDER BY held_on DESC, id DESC LIMIT \(bind: limit)").all().map(Self.meeting)
    }

    func waitingReferrals(before: Date) async throws -> [MaracReferral] {
        try await db.raw(
            "\(unsafeRaw: Self.select) WHERE m.meeting_id IS NULL AND m.referred_at <= \(bind: before.epoch) ORDER BY m.referred_at, m.id"
        ).all().map(Self.referral)
    }

    func placeOnAgenda(meetingID: String, referralIDs: [String]) async throws -> Int {
        guard !referralIDs.isEmpty else { return 0 }
        var placed = 0
        // In slices: a bind list stays well under both databases' parameter limits.
        for start in stride(from: 0, to: referralIDs.count, by: 500) {
            let ids = Array(referralIDs[start..<min(start + 500, referralIDs.count)])
            placed += try await db.raw(
                "UPDATE marac_referrals SET meeting_id = \(bind: meetingID) WHERE meeting_id IS NULL AND id IN (\(binds: ids)) RETURNING id"
            ).all().count
        }
        return placed
    }

    func agenda(meetingID: String) async throws -> [MaracReferral] {
        try await db.raw(
            "SELECT m.*, c.reference FROM marac_referrals m JOIN cases c ON c.id = m.case_id WHERE m.meeting_id = \(bind: meetingID) ORDER BY m.referred_at, m.id"
        ).all().map(Self.referral)
    }

    func setMinutesSent(meetingID: String, at: Date) async throws -> Bool {
        !(try await db.raw(
            "UPDATE marac_meetings SET minutes_sent_at = \(bind: at.epoch) WHERE id = \(bind: meetingID) AND minutes_sent_at IS NULL RETURNING id"
        ).all().isEmpty)
    }

    func recordOutcome(meetingID: String, caseID: String, summary: String, by: String, at: Date) async throws {
        try await db.raw(
            """
            INSERT INTO marac_outcomes (meeting_id, case_id, summary, recorded_by, recorded_at)
            VALUES (\(bind: meetingID), \(bind: caseID), \(bind: summary), \(bind: by), \(bind: at.epoch))
            """
        ).run()
    }

    func outcomes(meetingID: String) async throws -> [String: String] {
        var found: [String: String] = [:]
        for row in try await db.raw("SELECT case_id, summary FROM marac_outcomes WHERE meeting_id = \(bind: meetingID)").all() {
            found[try row.string("case_id")] = try row.string("summary")
        }
        return found
    }

    private static let selectActions = """
        SELECT a.*, c.reference, mm.area_id AS meeting_area_id FROM marac_actions a JOIN cases c ON c.id = a.case_id
        JOIN marac_meetings mm ON mm.id = a.meeting_id
        """

    func addAction(_ a: MaracAction, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO marac_actions (id, meeting_id, case_id, agency, owner, description, due_on, status, status_note, updated_by, updated_at, created_by_user_id)
            VALUES (\(bind: a.id), \(bind: a.meetingID), \(bind: a.caseID), \(bind: a.agency.rawValue), \(bind: a.owner), \(bind: a.description),
              \(bind: a.dueOn), \(bind: a.status.rawValue), \(bind: a.statusNote), \(bind: a.updatedBy), \(bind: a.updatedAt.epoch), \(bind: byUserID))
            """
        ).run()
    }

    func action(id: String) async throws -> MaracAction? {
        try await db.raw("\(unsafeRaw: Self.selectActions) WHERE a.id = \(bind: id)").first().map(Self.action)
    }

    func actions(meetingID: String) async throws -> [MaracAction] {
        try await db.raw("\(unsafeRaw: Self.selectActions) WHERE a.meeting_id = \(bind: meetingID) ORDER BY a.due_on, a.id").all().map(Self.action)
    }

    func openActions(heldBefore day: String, caseIDs: [String]?) async throws -> [MaracAction] {
        if let caseIDs, caseIDs.isEmpty { return [] }
        let cases: SQLQueryString = caseIDs.map { "AND a.case_id IN (\(binds: $0))" } ?? ""
        return try await db.raw(
            """
            \(unsafeRaw: Self.selectActions)
            WHERE a.status = 'open' AND mm.held_on < \(bind: day) \(cases) ORDER BY a.due_on, a.id
            """
        ).all().map(Self.action)
    }

    func updateAction(_ a: MaracAction) async throws {
        try await db.raw(
            """
            UPDATE marac_actions SET status = \(bind: a.status.rawValue), status_note = \(bind: a.statusNote), updated_by = \(bind: a.updatedBy),
              updated_at = \(bind: a.updatedAt.epoch) WHERE id = \(bind: a.id)
            """
        ).run()
    }

    func unchasedOpenActions(dueBefore day: String, limit: Int) async throws -> [MaracAction] {
        try await db.raw(
            """
            \(unsafeRaw: Self.selectActions) WHERE a.status = 'open' AND a.due_on < \(bind: day) AND a.chased_at IS NULL ORDER BY a.due_on, a.id LIMIT \(bind: limit)
            """
        ).all().map(Self.action)
    }

    func markChased(actionID: String, at: Date) async throws -> Bool {
        !(try await db.raw(
            "UPDATE marac_actions SET chased_at = \(bind: at.epoch) WHERE id = \(bind: actionID) AND chased_at IS NULL RETURNING id"
        ).all().isEmpty)
    }

    func addResearch(_ n: MaracResearchNote, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO marac_research (id, meeting_id, case_id, agency, body, added_by, added_by_user_id, added_at)
            VALUES (\(bind: n.id), \(bind: n.meetingID), \(bind: n.caseID), \(bind: n.agency.rawValue), \(bind: n.text), \(bind: n.by), \(bind: byUserID),
              \(bind: n.at.epoch))
            """
        ).run()
    }

    func research(meetingID: String) async throws -> [MaracResearchNote] {
        try await db.raw("SELECT * FROM marac_research WHERE meeting_id = \(bind: meetingID) ORDER BY added_at, id").all().map { row in
            MaracResearchNote(
                id: try row.string("id"), meetingID: try row.string("meeting_id"), caseID: try row.string("case_id"),
                agency: try row.choice(Agency.self, "agency", in: "marac_research"), text: try row.string("body"), by: try row.string("added_by"),
                at: try row.date("added_at"))
        }
    }

    func setAttendance(meetingID: String, _ a: MaracAttendance) async throws {
        try await db.raw("DELETE FROM marac_attendance WHERE meeting_id = \(bind: meetingID) AND agency = \(bind: a.agency.rawValue)").run()
        try await db.raw(
            """
            INSERT INTO marac_attendance (meeting_id, agency, kind, information_sent, attendee, confidentiality_signed, recorded_by, recorded_at)
            VALUES (\(bind: meetingID), \(bind: a.agency.rawValue), \(bind: a.kind.rawValue), \(bind: a.informationSent), \(bind: a.attendee),
              \(bind: a.confidentialitySigned), \(bind: a.recordedBy), \(bind: a.recordedAt.epoch))
            """
        ).run()
    }

    func attendance(meetingID: String) async throws -> [MaracAttendance] {
        try await db.raw("SELECT * FROM marac_attendance WHERE meeting_id = \(bind: meetingID) ORDER BY agency").all().map { row in
            MaracAttendance(
                agency: try row.choice(Agency.self, "agency", in: "marac_attendance"),
                kind: try row.choice(MaracAttendance.Kind.self, "kind", in: "marac_attendance"), informationSent: try row.bool("information_sent"),
                attendee: try row.optionalString("attendee"), confidentialitySigned: try row.bool("confidentiality_signed"),
                recordedBy: try row.string("recorded_by"), recordedAt: try row.date("recorded_at"))
        }
    }

    static func meeting(_ row: any SQLRow) throws -> MaracMeeting {
        let agencies = try JSONDecoder().decode([String].self, from: Data(try row.string("agencies").utf8)).map { raw in
            guard let agency = Agency(rawValue: raw) else { throw UnreadableValue(table: "marac_meetings", column: "agencies", value: raw, type: "Agency") }
            return agency
        }
        return MaracMeeting(
            id: try row.string("id"), heldOn: try row.string("held_on"), chair: try row.string("chair"), agencies: agencies,
            scheduledBy: try row.string("scheduled_by"), scheduledAt: try row.date("scheduled_at"), minutesSentAt: try row.optionalDate("minutes_sent_at"),
            areaID: try row.optionalString("area_id"))
    }

    static func action(_ row: any SQLRow) throws -> MaracAction {
        MaracAction(
            id: try row.string("id"), meetingID: try row.string("meeting_id"), caseID: try row.string("case_id"), caseReference: try row.string("reference"),
            agency: try row.choice(Agency.self, "agency", in: "marac_actions"), owner: try row.string("owner"), description: try row.string("description"),
            dueOn: try row.string("due_on"), status: try row.choice(MaracActionStatus.self, "status", in: "marac_actions"),
            statusNote: try row.optionalString("status_note"), updatedBy: try row.string("updated_by"), updatedAt: try row.date("updated_at"),
            chasedAt: try row.optionalDate("chased_at"), meetingAreaID: try row.optionalString("meeting_area_id"))
    }
}
