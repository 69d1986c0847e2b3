import Foundation
import SafeguardDomain
import SafeguardSynthetic

extension TestStore {
    /// Does every task still open on the case, as its owner would, so the case may close. The sergeant's review is
    /// done by reviewing (rule 16), not by ticking its task; the specialist does the dip sample.
    public func finishOpenTasks(caseID: String, sergeant: Actor, specialist: Actor) async throws {
        for task in try await repositories.transaction({ tx in try await tx.tasks.forCase(caseID) }) where task.completedAt == nil {
            if task.kind == .reviewAssessment || task.kind == .dipSampleReview {
                _ = try await service.reviewRiskAssessment(
                    task.kind == .reviewAssessment ? sergeant : specialist, assessmentID: String(task.source.dropFirst("assessment:".count)),
                    draft: RiskReviewDraft(qualityNote: "Agreed"))
                continue
            }
            guard let owner = try await service.accounts().first(where: { $0.id == task.owner.id }) else { continue }
            _ = try await service.completeTask(Actor(owner), taskID: task.id, outcome: "Plan reviewed with her; nothing more needed.")
        }
    }

    /// A new victim's standard-risk case from a 101 call, every task done, her safe route recorded when given, closed by
    /// its owner: what sets the satisfaction survey (rule 28).
    public func closedCase(name: String, safe: SafeContactDraft?) async throws -> (victimID: String, caseID: String) {
        let key = name.lowercased()
        let handler = try await actor(.callHandler, username: "ch-\(key)")
        let officer = try await actor(.responseOfficer, username: "pc-\(key)")
        let sergeant = try await actor(.sergeant, username: "sgt-\(key)")
        let specialist = try await actor(.daSpecialist, username: "das-\(key)")
        let victim = try await service.createPerson(officer, draft: PersonDraft(firstName: name, surname: "Survey"))
        let incident = try await service.openIncident(
            handler,
            draft: CallDraft(
                channel: "101", relationship: "intimate_partner", parties: [CallPartyDraft(role: "victim", personID: victim.id)],
                immediateDanger: "no", suspectLocation: "left", injuries: "no", weapons: "no", childrenPresent: "no", fear: "quite")
        ).incident
        guard let opened = try await service.viewIncidentRecord(officer, id: incident.id).cases.first,
            let owner = try await service.accounts().first(where: { $0.id == opened.owner.id })
        else { throw DomainError.notFound(kind: "case", id: incident.id) }
        _ = try await service.recordRiskAssessment(officer, incidentID: incident.id, draft: try dashDraft(victimID: victim.id, yes: 2, level: "standard"))
        try await finishOpenTasks(caseID: opened.id, sergeant: sergeant, specialist: specialist)
        if let safe { _ = try await service.saveSafeContact(specialist, personID: victim.id, draft: safe) }
        _ = try await service.closeCase(Actor(owner), caseID: opened.id, reason: "She has moved away safely and is supported.")
        return (victim.id, opened.id)
    }
}
