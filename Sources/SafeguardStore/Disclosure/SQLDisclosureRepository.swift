import Foundation
import SafeguardDomain
import SQLKit

/// Clare's Law applications in `dvds_applications`, their steps in `dvds_steps`.
struct SQLDisclosureRepository: DisclosureRepository {
    let db: any SQLDatabase

    func create(_ a: DisclosureApplication, byUserID: String) async throws {
        try await db.raw(
            """
            INSERT INTO dvds_applications (id, reference, route, applicant_name, applicant_relationship, applicant_contact, at_risk_person_id,
              subject_person_id, received_at, received_by, received_by_user_id, initial_checks_due_at, decision_due_at)
            VALUES (\(bind: a.id), \(bind: a.reference), \(bind: a.route.rawValue), \(bind: a.applicantName), \(bind: a.applicantRelationship),
              \(bind: a.applicantContact), \(bind: a.atRiskPersonID), \(bind: a.subjectPersonID), \(bind: a.receivedAt.epoch), \(bind: a.receivedBy),
              \(bind: byUserID), \(bind: a.initialChecksDueAt.epoch), \(bind: a.decisionDueAt.epoch))
            """
        ).run()
    }

    func find(id: String) async throws -> DisclosureApplication? {
        try await withSteps(try await db.raw("SELECT * FROM dvds_applications WHERE id = \(bind: id)").all().map(Self.application)).first
    }

    func addStep(_ s: DisclosureStep, applicationID: String, byUserID: String) async throws {
        let f = s.forum
        try await db.raw(
            """
            INSERT INTO dvds_steps (id, application_id, kind, at, by_username, by_user_id, note, immediate_risk, pressing_need, lawful, necessary,
              proportionate, disclose, reasons, method, safety_plan)
            VALUES (\(bind: s.id), \(bind: applicationID), \(bind: s.kind.rawValue), \(bind: s.at.epoch), \(bind: s.by), \(bind: byUserID), \(bind: s.note),
              \(bind: s.immediateRisk), \(bind: f?.pressingNeed), \(bind: f?.lawful), \(bind: f?.necessary), \(bind: f?.proportionate),
              \(bind: f?.disclose), \(bind: f?.reasons), \(bind: s.method?.rawValue), \(bind: s.safetyPlan))
            """
        ).run()
        if s.kind == .closed { try await db.raw("UPDATE dvds_applications SET closed = \(bind: true) WHERE id = \(bind: applicationID)").run() }
    }

    func list(limit: Int) async throws -> [DisclosureApplication] {
        try await withSteps(
            try await db.raw("SELECT * FROM dvds_applications ORDER BY closed, received_at DESC, id LIMIT \(bind: limit)").all().map(Self.application))
    }

    func received(from: Date, to: Date) async throws -> [DisclosureApplication] {
        try await withSteps(
            try await db.raw(
                "SELECT * FROM dvds_applications WHERE received_at >= \(bind: from.epoch) AND received_at < \(bind: to.epoch) ORDER BY received_at, id"
            ).all().map(Self.application))
    }

    private static func application(_ row: any SQLRow) throws -> DisclosureApplication {
        DisclosureApplication(
            id: try row.string("id"), reference: try row.string("reference"), route: try row.choice(DisclosureRoute.self, "route", in: "dvds_applications"),
            applicantName: try row.string("applicant_name"), applicantRelationship: try row.string("applicant_relationship"),
            applicantContact: try row.optionalString("applicant_contact"), atRiskPersonID: try row.optionalString("at_risk_person_id"),
            subjectPersonID: try row.string("subject_person_id"), receivedAt: try row.date("received_at"), receivedBy: try row.string("received_by"),
            initialChecksDueAt: try row.date("initial_checks_due_at"), decisionDueAt: try row.date("decision_due_at"), steps: [])
    }

    private func withSteps(_ applications: [DisclosureApplication]) async throws -> [DisclosureApplication] {
        guard !applications.isEmpty else { return [] }
        var steps: [String: [DisclosureStep]] = [:]
        for row in try await db.raw(
            "SELECT * FROM dvds_steps WHERE application_id IN (\(binds: applications.map(\.id))) ORDER BY at, id"
        ).all() {
            let kind = try row.choice(DisclosureStepKind.self, "kind", in: "dvds_steps")
            var forum: ForumDecision?
            if kind == .forumDecision {
                forum = ForumDecision(
                    pressingNeed: try row.bool("pressing_need"), lawful: try row.bool("lawful"), necessary: try row.bool("necessary"),
                    proportionate: try row.bool("proportionate"), disclose: try row.bool("disclose"), reasons: try row.string("reasons"))
            }
            let method = try row.optionalString("method") == nil ? nil : try row.choice(DisclosureMethod.self, "method", in: "dvds_steps")
            steps[try row.string("application_id"), default: []].append(
                DisclosureStep(
                    id: try row.string("id"), kind: kind, at: try row.date("at"), by: try row.string("by_username"), note: try row.optionalString("note"),
                    immediateRisk: try row.decode(column: "immediate_risk", as: Bool?.self), forum: forum, method: method,
                    safetyPlan: try row.optionalString("safety_plan")))
        }
        return applications.map {
            var a = $0
            a.steps = steps[a.id] ?? []
            return a
        }
    }
}
