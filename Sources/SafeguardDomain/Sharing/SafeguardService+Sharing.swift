import Foundation

extension SafeguardService {
    /// Shares her case with a partner agency (rule 23): which groups, with her consent or its override justified (who
    /// and why), until an end date. Audited.
    public func shareCase(_ actor: Actor, caseID: String, draft: CaseShareDraft) async throws -> CaseShare {
        try actor.require(.workCases)
        let now = clock.now()
        let checked = try SharingRules.check(draft, today: CalendarDate.string(now))
        return try await repositories.transaction { tx in
            guard let found = try await tx.cases.find(id: caseID) else { throw DomainError.notFound(kind: "case", id: caseID) }
            guard found.status == .open else { throw DomainError.invalid([FieldError("case", "This case is closed: nothing more is shared from it.")]) }
            let share = CaseShare(
                id: Self.newID(at: now), caseID: found.id, agency: checked.agency, fieldGroups: checked.groups, consent: checked.consent,
                overrideReason: checked.reason, endsOn: checked.endsOn, sharedBy: actor.user.username, sharedAt: now)
            try await tx.shares.create(share, byUserID: actor.user.id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .shareCase, recordType: "case", recordID: found.id,
                    detail:
                        "agency=\(checked.agency.rawValue); groups=\(checked.groups.map(\.rawValue).joined(separator: ",")); consent=\(checked.consent.rawValue); ends=\(checked.endsOn)"
                ))
            return share
        }
    }

    /// A partner's list: the cases shared with their agency today, each with the groups shared (audited).
    public func sharedCases(_ actor: Actor) async throws -> [SharedCaseSummary] {
        let now = clock.now()
        return try await recordingRefusal(actor, .viewSharedCases, recordType: nil, recordID: nil, reason: nil) {
            let agency = try SharingRules.partnerAgency(actor)
            let today = CalendarDate.string(now)
            return try await repositories.transaction { tx in
                var byCase: [String: SharedCaseSummary] = [:]
                var order: [String] = []
                for share in try await tx.shares.inForce(agency: agency, on: today, limit: 2_000) {
                    guard let found = try await tx.cases.find(id: share.caseID), found.status == .open else { continue }
                    if var known = byCase[share.caseID] {
                        known.fieldGroups = FieldGroup.allCases.filter { known.fieldGroups.contains($0) || share.fieldGroups.contains($0) }
                        known.endsOn = max(known.endsOn, share.endsOn)
                        byCase[share.caseID] = known
                    } else {
                        order.append(share.caseID)
                        byCase[share.caseID] = SharedCaseSummary(
                            caseID: found.id, reference: found.reference, victimName: found.victimName, fieldGroups: share.fieldGroups, endsOn: share.endsOn)
                    }
                }
                let list = order.compactMap { byCase[$0] }
                try await tx.audit.append(
                    AuditEntry(at: now, user: actor.user, action: .viewSharedCases, detail: "agency=\(agency.rawValue); cases=\(list.count)"))
                return list
            }
        }
    }

    /// One shared case as the partner sees it: only the groups shared with their agency and in force today; a case not
    /// shared with them is refused (and the refusal audited, as every view is).
    public func sharedCase(_ actor: Actor, caseID: String) async throws -> SharedCaseView {
        let now = clock.now()
        return try await recordingRefusal(actor, .viewSharedCase, recordType: "case", recordID: caseID, reason: nil) {
            let agency = try SharingRules.partnerAgency(actor)
            let today = CalendarDate.string(now)
            return try await repositories.transaction { tx in
                let (found, groups, endsOn) = try await self.sharedWith(tx, agency: agency, caseID: caseID, today: today)
                let records = try await self.recordsOfSamePerson(tx, found.victimPersonID)
                var view = SharedCaseView(
                    caseID: found.id, reference: found.reference, victimName: found.victimName, fieldGroups: groups, endsOn: endsOn)
                if groups.contains(.safeContact) { view.safeContact = try await tx.contacts.safeContact(forPeople: records) }
                if groups.contains(.risk) { view.riskLevel = found.riskLevel }
                if groups.contains(.safetyPlan) {
                    view.safetyPlan = try await tx.tasks.forCase(found.id).filter { $0.kind == .safetyAction }.map {
                        SharedCaseView.PlanItem(title: $0.title, owner: $0.owner.displayName, dueAt: $0.dueAt, done: $0.completedAt != nil)
                    }
                }
                if groups.contains(.marac) { view.maracReferrals = try await tx.marac.referrals(victimPersonIDs: records) }
                if groups.contains(.children) {
                    view.children = try await self.householdChildren(tx, adults: records, today: today, visibility: Visibility(actor.role), now: now).map {
                        SharedCaseView.Child(name: "\($0.person.firstName) \($0.person.surname)", age: $0.age)
                    }
                }
                if groups.contains(.incidents) {
                    // When and what, not where: an incident's postcode may be her refuge's.
                    view.incidents = try await tx.people.incidents(forPerson: found.victimPersonID).filter { found.incidentIDs.contains($0.id) }.map {
                        var summary = $0
                        summary.postcode = nil
                        summary.postcodeConfidential = false
                        return summary
                    }
                }
                if groups.contains(.addressNeeds) {
                    // A confidential address (a refuge) is never shared this way.
                    view.addresses =
                        (try await tx.people.find(id: found.victimPersonID))?.addresses.filter { !$0.address.confidential && $0.to == nil }
                        .map(\.address.singleLine) ?? []
                }
                try await tx.audit.append(
                    AuditEntry(
                        at: now, user: actor.user, action: .viewSharedCase, recordType: "case", recordID: found.id,
                        detail: "agency=\(agency.rawValue); groups=\(groups.map(\.rawValue).joined(separator: ","))"))
                return view
            }
        }
    }

    /// A partner records their own contact with her in her one contact log (rule 19), through a case shared with their
    /// agency, under their agency's team and within her safe route.
    public func logPartnerContact(_ actor: Actor, caseID: String, draft: ContactDraft) async throws -> ContactEntry {
        let now = clock.now()
        return try await recordingRefusal(actor, .logContact, recordType: "case", recordID: caseID, reason: nil) {
            let agency = try SharingRules.partnerAgency(actor)
            return try await repositories.transaction { tx in
                let (found, _, _) = try await self.sharedWith(tx, agency: agency, caseID: caseID, today: CalendarDate.string(now))
                let records = try await self.recordsOfSamePerson(tx, found.victimPersonID)
                var ours = draft
                ours.team = agency.contactTeam.rawValue
                let valid = try ours.validated(safe: try await tx.contacts.safeContact(forPeople: records), now: now)
                let entry = ContactEntry(
                    id: Self.newID(at: now), personID: found.victimPersonID, caseID: found.id, at: valid.at, team: valid.team, method: valid.method,
                    reached: valid.reached, summary: valid.summary, taskID: nil, madeBy: "\(actor.user.displayName) (\(agency.label))")
                try await tx.contacts.add(entry, byUserID: actor.user.id, at: now)
                try await tx.audit.append(
                    AuditEntry(at: now, user: actor.user, action: .logContact, recordType: "case", recordID: found.id, detail: valid.team.rawValue))
                return entry
            }
        }
    }

    /// The case and what is shared of it with `agency` today (every share in force, their groups together), or a refusal.
    private func sharedWith(_ tx: any RepositoryTransaction, agency: Agency, caseID: String, today: String) async throws -> (
        SafeguardingCase, [FieldGroup], String
    ) {
        let shares = try await tx.shares.forCase(caseID).filter { $0.agency == agency && $0.inForce(on: today) }
        guard !shares.isEmpty, let found = try await tx.cases.find(id: caseID), found.status == .open else {
            throw DomainError.forbidden("This case is not shared with your agency.")
        }
        let groups = FieldGroup.allCases.filter { group in shares.contains { $0.fieldGroups.contains(group) } }
        return (found, groups, shares.map(\.endsOn).max() ?? today)
    }
}
