import Foundation

/// Everything the address page shows: the place, its warnings (ended ones too, for their history) and the incidents
/// recorded there, newest first.
public struct AddressRecordView: Sendable, Equatable, Codable {
    public var address: Address
    public var warnings: [Marker]
    public var incidents: [IncidentSummary]
}

extension SafeguardService {
    /// Adds an officer-safety warning to a person, an address or a phone (rule 3): a kind from the policy's list, a
    /// note, an optional last day; who and when are kept. A restricted person or a confidential address is refused to
    /// roles that may not open it. One transaction, audited.
    public func addWarning(_ actor: Actor, on subject: WarningSubjectKind, id: String, draft: WarningDraft) async throws -> Marker {
        try actor.require(.recordWarning)
        let now = clock.now()
        let checked = try WarningRules.check(draft, kinds: policy.warningKinds, today: CalendarDate.string(now))
        return try await repositories.transaction { tx in
            let subjectID = try await self.warningSubject(tx, actor, subject, id)
            let warning = Marker(
                id: Self.newID(at: now), subjectKind: subject, subjectID: subjectID, kind: checked.kind, detail: checked.note,
                addedBy: actor.user.username, addedAt: now, expiresOn: checked.expiresOn)
            try await tx.warnings.create(warning)
            // A phone number is personal data: the audit names the warning, not the number.
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .addWarning, recordType: subject == .phone ? "warning" : subject.rawValue,
                    recordID: subject == .phone ? warning.id : subjectID, detail: "warning=\(warning.id); kind=\(checked.kind)"))
            return warning
        }
    }

    /// Ends a warning with a reason (rule 34: never deleted; the ended warning stays in the history and leaves the
    /// briefing). Ending one already ended is refused, naming who ended it.
    public func endWarning(_ actor: Actor, warningID: String, reason: String?) async throws -> Marker {
        try actor.require(.recordWarning)
        let why = try WarningRules.checkEnd(reason)
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var warning = try await tx.warnings.find(id: warningID) else { throw DomainError.notFound(kind: "warning", id: warningID) }
            _ = try await self.warningSubject(tx, actor, warning.subjectKind, warning.subjectID)
            guard try await tx.warnings.end(id: warningID, at: now, by: actor.user.username, reason: why) else {
                throw DomainError.conflict("This warning was already ended by \(warning.endedBy ?? "someone else").")
            }
            warning.endedAt = now
            warning.endedBy = actor.user.username
            warning.endReason = why
            try await tx.audit.append(
                AuditEntry(at: now, user: actor.user, action: .endWarning, recordType: "warning", recordID: warningID, detail: "kind=\(warning.kind)"))
            return warning
        }
    }

    /// The address page: the place, every warning on it and the incidents there. Audited as a read of the address;
    /// a confidential (refuge) address is refused to roles without restricted access.
    public func viewAddress(_ actor: Actor, id: String) async throws -> AddressRecordView {
        try await recordingRefusal(actor, .viewAddress, recordType: "address", recordID: id, reason: nil) {
            try actor.require(.viewIncident)
            let now = clock.now()
            return try await readAudited(
                { tx in
                    let address = try await self.visibleAddress(tx, actor, id)
                    let incidents = try await tx.incidents.atAddress(id, limit: 200)
                    return AddressRecordView(
                        address: address, warnings: try await tx.warnings.on(.address, ids: [id]),
                        incidents: incidents.map(Visibility(actor.role).incidentSummary))
                },
                audit: { view in
                    AuditEntry(
                        at: now, user: actor.user, action: .viewAddress, recordType: "address", recordID: id,
                        detail: "warnings=\(view.warnings.count); incidents=\(view.incidents.count)")
                })
        }
    }

    /// Every warning on a person's record and on her phones, ended ones included, oldest first (the person page's
    /// history of them).
    func warningHistory(_ tx: any RepositoryTransaction, of person: Person) async throws -> [Marker] {
        let own = try await tx.warnings.on(.person, ids: [person.id])
        let phones = try await tx.warnings.on(.phone, ids: person.phones)
        return (own + phones).sorted { ($0.addedAt ?? .distantPast, $0.id) < ($1.addedAt ?? .distantPast, $1.id) }
    }

    /// The subject's stored id once it is known to exist and the actor may see it: the person, the address, or the phone
    /// number in its canonical form.
    private func warningSubject(_ tx: any RepositoryTransaction, _ actor: Actor, _ subject: WarningSubjectKind, _ id: String) async throws -> String {
        switch subject {
        case .person:
            return try await visiblePerson(tx, actor, id).id
        case .address:
            return try await visibleAddress(tx, actor, id).id
        case .phone:
            guard let number = PhoneNumber.normalise(id) else {
                throw DomainError.invalid([FieldError("phone", "\"\(id)\" is not a UK phone number.")])
            }
            return number
        }
    }

    /// The address, or `notFound`; a confidential (refuge) address is refused to roles without restricted access (rule 33).
    private func visibleAddress(_ tx: any RepositoryTransaction, _ actor: Actor, _ id: String) async throws -> Address {
        guard let address = try await tx.people.address(id: id) else { throw DomainError.notFound(kind: "address", id: id) }
        if address.confidential && !actor.role.can(.viewRestricted) {
            throw DomainError.forbidden("This is a confidential address. Only named roles may open it; ask a DA specialist.")
        }
        return address
    }
}
