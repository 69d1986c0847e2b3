import Foundation
import SafeguardDomain
import SQLKit

/// The task engine in SQL. Clock changes are single conditional UPDATEs with RETURNING: on PostgreSQL the second of
/// two concurrent runs waits for the first's row lock, re-checks the condition and changes nothing; SQLite has one writer.
struct SQLTaskRepository: TaskRepository {
    let db: any SQLDatabase

    private static let select = """
        SELECT t.*, o.display_name AS owner_name, o.role AS owner_role, e.display_name AS escalated_name, e.role AS escalated_role
        FROM tasks t JOIN users o ON o.id = t.owner_user_id LEFT JOIN users e ON e.id = t.escalated_to
        """

    func create(_ t: CaseTask, byUserID: String?) async throws {
        try await db.raw(
            """
            INSERT INTO tasks (id, case_id, incident_id, kind, title, owner_user_id, due_at, created_at, created_by, source)
            VALUES (\(bind: t.id), \(bind: t.caseID), \(bind: t.incidentID), \(bind: t.kind.rawValue), \(bind: t.title), \(bind: t.owner.id),
              \(bind: t.dueAt.epoch), \(bind: t.createdAt.epoch), \(bind: byUserID), \(bind: t.source))
            """
        ).run()
    }

    func find(id: String) async throws -> CaseTask? {
        try await db.raw("\(unsafeRaw: Self.select) WHERE t.id = \(bind: id)").first().map(Self.task)
    }

    func forCase(_ caseID: String) async throws -> [CaseTask] {
        try await db.raw("\(unsafeRaw: Self.select) WHERE t.case_id = \(bind: caseID) ORDER BY t.completed_at IS NOT NULL, t.due_at, t.id").all().map(Self.task)
    }

    /// Every open task: none is cut off, or the newest — often the most urgent, like a MARAC referral — would never
    /// reach an officer whose list had grown long.
    func open(for userID: String) async throws -> [CaseTask] {
        try await db.raw(
            """
            \(unsafeRaw: Self.select) WHERE t.completed_at IS NULL AND (t.owner_user_id = \(bind: userID) OR t.escalated_to = \(bind: userID))
            ORDER BY t.due_at, t.id
            """
        ).all().map(Self.task)
    }

    func open(source: String) async throws -> [CaseTask] {
        try await db.raw("\(unsafeRaw: Self.select) WHERE t.source = \(bind: source) AND t.completed_at IS NULL ORDER BY t.due_at, t.id").all().map(Self.task)
    }

    func open(kind: CaseTask.Kind, limit: Int) async throws -> [CaseTask] {
        try await db.raw(
            """
            \(unsafeRaw: Self.select) WHERE t.completed_at IS NULL AND t.kind = \(bind: kind.rawValue)
            ORDER BY t.due_at, t.id LIMIT \(unsafeRaw: String(max(1, limit)))
            """
        ).all().map(Self.task)
    }

    func overdueUnescalated(at now: Date, limit: Int) async throws -> [CaseTask] {
        try await db.raw(
            """
            \(unsafeRaw: Self.select) WHERE t.completed_at IS NULL AND t.escalated_at IS NULL AND t.due_at <= \(bind: now.epoch)
            ORDER BY t.due_at, t.id LIMIT \(unsafeRaw: String(max(1, limit)))
            """
        ).all().map(Self.task)
    }

    func ownedByUnavailable(limit: Int) async throws -> [CaseTask] {
        try await db.raw(
            """
            \(unsafeRaw: Self.select) WHERE t.completed_at IS NULL AND (o.available = \(bind: false) OR o.active = \(bind: false))
            ORDER BY t.due_at, t.id LIMIT \(unsafeRaw: String(max(1, limit)))
            """
        ).all().map(Self.task)
    }

    func complete(id: String, at: Date, by username: String, outcome: String) async throws -> Bool {
        try await db.raw(
            """
            UPDATE tasks SET completed_at = \(bind: at.epoch), completed_by = \(bind: username), outcome = \(bind: outcome)
            WHERE id = \(bind: id) AND completed_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    func escalate(id: String, to userID: String, at: Date) async throws -> Bool {
        try await db.raw(
            """
            UPDATE tasks SET escalated_at = \(bind: at.epoch), escalated_to = \(bind: userID)
            WHERE id = \(bind: id) AND escalated_at IS NULL AND completed_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    func reassign(id: String, from fromUserID: String, to toUserID: String) async throws -> Bool {
        try await db.raw(
            """
            UPDATE tasks SET owner_user_id = \(bind: toUserID)
            WHERE id = \(bind: id) AND owner_user_id = \(bind: fromUserID) AND completed_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    func reescalate(id: String, from fromUserID: String, to toUserID: String) async throws -> Bool {
        try await db.raw(
            """
            UPDATE tasks SET escalated_to = \(bind: toUserID)
            WHERE id = \(bind: id) AND escalated_to = \(bind: fromUserID) AND completed_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    /// Only tasks that can go higher: one escalated to the top of its chain would otherwise come back every run and,
    /// oldest first, crowd out the ones that can still go up.
    func escalatedAndStillOpen(before: Date, limit: Int) async throws -> [CaseTask] {
        try await db.raw(
            """
            \(unsafeRaw: Self.select) WHERE t.completed_at IS NULL AND t.escalated_at <= \(bind: before.epoch)
              AND e.supervisor_id IS NOT NULL AND e.supervisor_id <> t.owner_user_id
            ORDER BY t.escalated_at, t.id LIMIT \(unsafeRaw: String(max(1, limit)))
            """
        ).all().map(Self.task)
    }

    func escalateFurther(id: String, from fromUserID: String, to toUserID: String, at: Date) async throws -> Bool {
        try await db.raw(
            """
            UPDATE tasks SET escalated_to = \(bind: toUserID), escalated_at = \(bind: at.epoch)
            WHERE id = \(bind: id) AND escalated_to = \(bind: fromUserID) AND completed_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    func escalatedToUnavailable(limit: Int) async throws -> [CaseTask] {
        try await db.raw(
            """
            \(unsafeRaw: Self.select) WHERE t.completed_at IS NULL AND e.id IS NOT NULL AND (e.available = \(bind: false) OR e.active = \(bind: false))
            ORDER BY t.due_at, t.id LIMIT \(unsafeRaw: String(max(1, limit)))
            """
        ).all().map(Self.task)
    }

    func bringForward(id: String, to dueAt: Date) async throws {
        try await db.raw("UPDATE tasks SET due_at = \(bind: dueAt.epoch) WHERE id = \(bind: id) AND completed_at IS NULL AND due_at > \(bind: dueAt.epoch)")
            .run()
    }

    static func task(_ row: any SQLRow) throws -> CaseTask {
        var escalatedTo: CaseUser?
        if let id = try row.optionalString("escalated_to") {
            escalatedTo = CaseUser(
                id: id, displayName: try row.optionalString("escalated_name") ?? "",
                role: try row.choice(Role.self, "escalated_role", in: "users (as escalated_role)"))
        }
        return CaseTask(
            id: try row.string("id"), caseID: try row.optionalString("case_id"), incidentID: try row.optionalString("incident_id"),
            kind: try row.choice(CaseTask.Kind.self, "kind", in: "tasks"), title: try row.string("title"),
            owner: CaseUser(
                id: try row.string("owner_user_id"), displayName: try row.string("owner_name"), role: try row.choice(Role.self, "owner_role", in: "tasks")),
            dueAt: try row.date("due_at"), createdAt: try row.date("created_at"), source: try row.string("source"),
            completedAt: try row.optionalDate("completed_at"), completedBy: try row.optionalString("completed_by"), outcome: try row.optionalString("outcome"),
            escalatedAt: try row.optionalDate("escalated_at"), escalatedTo: escalatedTo)
    }
}
