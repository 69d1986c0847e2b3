import Foundation

/// Her case's IDVA offers and who may be allocated (rule 22).
public struct IdvaCaseView: Sendable, Equatable, Codable {
    /// Newest first.
    public var offers: [IdvaOffer]
    /// IDVAs who are here (partner accounts of the IDVA agency), to allocate on acceptance.
    public var idvas: [CaseUser]
    /// She is at high risk and has not been offered one on this case.
    public var offerDue: Bool
}

extension SafeguardService {
    /// Records the offer of an IDVA (rule 22): accepted (with the IDVA allocated, if named), declined or not possible,
    /// and why. Completes the owner's "offer her an IDVA" task. An IDVA's load never stops an allocation (rule 16).
    public func recordIdvaOffer(_ actor: Actor, caseID: String, draft: IdvaOfferDraft) async throws -> IdvaOffer {
        try actor.require(.workCases)
        let checked = try IdvaRules.check(draft)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard let found = try await tx.cases.find(id: caseID) else { throw DomainError.notFound(kind: "case", id: caseID) }
            guard found.status == .open else { throw DomainError.invalid([FieldError("case", "This case is closed.")]) }
            var idva: CaseUser?
            if let id = trimmedNonEmpty(draft.idvaUserID) {
                guard checked.outcome == .accepted else {
                    throw DomainError.invalid([FieldError("idva_user_id", "An IDVA is allocated only when she accepts.")])
                }
                guard let user = try await tx.users.find(id: id), user.role == .partnerAgency, user.agency == .idva, user.active else {
                    throw DomainError.invalid([FieldError("idva_user_id", "No IDVA has the id \(id): choose one of the IDVA service's accounts.")])
                }
                idva = CaseUser(user)
            }
            let offer = IdvaOffer(
                id: Self.newID(at: now), caseID: found.id, outcome: checked.outcome, reason: checked.reason, idva: idva,
                recordedBy: actor.user.username, recordedAt: now)
            try await tx.idva.create(offer, byUserID: actor.user.id)
            for task in try await tx.tasks.open(source: Self.idvaTaskSource(caseID: found.id)) {
                _ = try await tx.tasks.complete(id: task.id, at: now, by: actor.user.username, outcome: "IDVA offered: \(checked.outcome.label.lowercased()).")
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .recordIdvaOffer, recordType: "case", recordID: found.id,
                    detail: "outcome=\(checked.outcome.rawValue)" + (idva.map { "; idva=\($0.id)" } ?? "")))
            return offer
        }
    }

    /// The IDVA service's page: each IDVA's caseload and referrals this year against capacity (policy), who is over,
    /// accepted offers still waiting for an IDVA, and the share of high-risk cases offered one.
    public func idvaService(_ actor: Actor) async throws -> IdvaService {
        guard IdvaRules.seesService(actor.user) else { throw DomainError.forbidden("The IDVA service's caseloads are for the IDVA service and the MARAC.") }
        let now = clock.now()
        let policy = policy
        return try await repositories.transaction { tx in
            let idvas = try await tx.users.all().filter { $0.role == .partnerAgency && $0.agency == .idva && $0.active }
            let loads = Dictionary(
                try await tx.idva.loads(since: now.addingTimeInterval(-365 * 86_400)).map { ($0.idvaUserID, $0) }, uniquingKeysWith: { first, _ in first })
            let rows = idvas.map { user -> IdvaLoad in
                let load = loads[user.id]
                let caseload = load?.caseload ?? 0, referrals = load?.referrals ?? 0
                return IdvaLoad(
                    idva: CaseUser(user), caseload: caseload, referralsThisYear: referrals, caseloadCapacity: policy.idvaCaseloadCapacity,
                    referralCapacity: policy.idvaReferralsPerYear, over: IdvaRules.isOver(caseload: caseload, referrals: referrals, policy: policy))
            }.sorted { ($0.caseload, $0.idva.displayName) > ($1.caseload, $1.idva.displayName) }
            let highRisk = try await tx.idva.highRiskOffered()
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .viewIdvaService, detail: "idvas=\(rows.count)"))
            return IdvaService(
                idvas: rows, waitingForAnIdva: try await tx.idva.waitingForAnIdva(), highRiskOpen: highRisk.open, highRiskOffered: highRisk.offered)
        }
    }

    func idvaView(_ tx: any RepositoryTransaction, _ c: SafeguardingCase, users: [User]) async throws -> IdvaCaseView {
        let offers = try await tx.idva.offers(caseID: c.id)
        let idvas = users.filter { $0.role == .partnerAgency && $0.agency == .idva && $0.canTakeWork }.map(CaseUser.init)
        return IdvaCaseView(offers: offers, idvas: idvas, offerDue: c.status == .open && c.riskLevel == .high && offers.isEmpty)
    }

    /// Rule 22: a high-risk victim not yet offered an IDVA on this case gets the offer made, as a task on her case's
    /// owner (once).
    func setIdvaTask(_ tx: any RepositoryTransaction, _ c: SafeguardingCase, actor: Actor?, at now: Date) async throws {
        guard c.status == .open, c.riskLevel == .high, try await tx.idva.offers(caseID: c.id).isEmpty else { return }
        let source = Self.idvaTaskSource(caseID: c.id)
        guard try await tx.tasks.open(source: source).isEmpty else { return }
        try await createTask(
            tx,
            CaseTask(
                id: Self.newID(at: now), caseID: c.id, incidentID: nil, kind: .offerIdva, title: "Offer an IDVA on case \(c.reference) (high risk)",
                owner: c.owner, dueAt: now.addingTimeInterval(Double(policy.idvaOfferTaskHours) * 3600), createdAt: now, source: source),
            actor: actor, at: now)
    }

    static func idvaTaskSource(caseID: String) -> String { "idva:\(caseID)" }

    /// The multi-agency asks a change on her case may raise: refer to MARAC (rule 21), offer an IDVA (rule 22).
    func setMultiAgencyTasks(_ tx: any RepositoryTransaction, caseID: String, actor: Actor?, at now: Date) async throws {
        guard let found = try await tx.cases.find(id: caseID), found.status == .open else { return }
        try await setMaracTask(tx, found, actor: actor, at: now)
        try await setIdvaTask(tx, found, actor: actor, at: now)
    }
}
