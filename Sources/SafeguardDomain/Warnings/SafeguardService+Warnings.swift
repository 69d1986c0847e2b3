import Foundation

extension SafeguardService {
    /// Adds an officer-safety warning to a person, an address or a phone (rule 3): a kind from the policy's list, a
    /// note, an optional last day; who and when are kept. A restricted person or a confidential address is refused to
    /// roles that may not open it. One transaction, audited.
    public func addWarning(_ actor: Actor, on subject: WarningSubjectKind, id: String, draft: WarningDraft) async throws -> Marker {
        try await recordWarning(actor, on: subject, draft: draft) { tx in try await self.warningSubject(tx, actor, subject, id) }
    }

    /// Adds a warning to one of a person's phone numbers (the person page offers her numbers): the number must be on
    /// her record, so a typo cannot put a warning on a stranger's phone.
    public func addPhoneWarning(_ actor: Actor, personID: String, phone: String?, draft: WarningDraft) async throws -> Marker {
        try await recordWarning(actor, on: .phone, draft: draft) { tx in
            let person = try await self.visiblePerson(tx, actor, personID)
            guard let number = trimmedNonEmpty(phone).flatMap(PhoneNumber.normalise), person.phones.contains(number) else {
                throw DomainError.invalid([FieldError("phone", "Choose one of the phone numbers on \(person.fullName)'s record.")])
            }
            return number
        }
    }

    /// Checks the draft, finds the subject's stored id with `subject`, writes the warning and its audit line.
    private func recordWarning(
        _ actor: Actor, on kind: WarningSubjectKind, draft: WarningDraft, subject: @escaping @Sendable (any RepositoryTransaction) async throws -> String
    ) async throws -> Marker {
        try actor.require(.recordWarning)
        let now = clock.now()
        let checked = try WarningRules.check(draft, kinds: policy.warningKinds, today: CalendarDate.string(now))
        return try await repositories.transaction { tx in
            try await self.writeWarning(
                tx, actor,
                Marker(
                    id: Self.newID(at: now), subjectKind: kind, subjectID: try await subject(tx), kind: checked.kind, detail: checked.note,
                    addedBy: actor.user.username, addedAt: now, expiresOn: checked.expiresOn))
        }
    }

    /// Stores a warning and audits it. A phone number is personal data: the audit names the warning, not the number.
    private func writeWarning(_ tx: any RepositoryTransaction, _ actor: Actor, _ warning: Marker) async throws -> Marker {
        try await tx.warnings.create(warning)
        let phone = warning.subjectKind == .phone
        try await tx.audit.append(
            AuditEntry(
                at: warning.addedAt ?? clock.now(), user: actor.user, action: .addWarning, recordType: phone ? "warning" : warning.subjectKind.rawValue,
                recordID: phone ? warning.id : warning.subjectID, detail: "warning=\(warning.id); kind=\(warning.kind)"))
        return warning
    }

    /// The toolkit's warning marker (rule 12), set at the scene on the incident's address and every victim's phone
    /// numbers, each as the policy's `toolkitWarningKind` (one already in force is kept, not doubled). Returns how many
    /// of them now carry it.
    func setSceneWarnings(_ tx: any RepositoryTransaction, _ actor: Actor, incident: Incident, at now: Date) async throws -> Int {
        var subjects: [(WarningSubjectKind, String, String)] = []
        if let address = incident.address {
            subjects.append(
                (
                    .address, address.id,
                    "Set at the scene of \(incident.reference): a victim of domestic abuse lives here. Treat any call from this address as urgent."
                ))
        }
        for victim in incident.victims {
            guard let person = try await tx.people.find(id: victim.personID) else { continue }
            for phone in person.phones {
                subjects.append(
                    (
                        .phone, phone,
                        "Set at the scene of \(incident.reference): a victim of domestic abuse uses this number. A silent or dropped call from it is urgent."
                    ))
            }
        }
        // A subject already carrying this kind of warning in force keeps the one it has.
        let today = CalendarDate.string(now)
        var present = Set<String>()
        for kind in WarningSubjectKind.allCases {
            let ids = subjects.filter { $0.0 == kind }.map(\.1)
            guard !ids.isEmpty else { continue }
            for warning in try await tx.warnings.on(kind, ids: ids).active(on: today) where warning.kind == policy.toolkitWarningKind {
                present.insert("\(kind.rawValue):\(warning.subjectID)")
            }
        }
        let covered = subjects.count
        subjects.removeAll { present.contains("\($0.0.rawValue):\($0.1)") }
        for (kind, id, note) in subjects {
            _ = try await writeWarning(
                tx, actor,
                Marker(
                    id: Self.newID(at: now), subjectKind: kind, subjectID: id, kind: policy.toolkitWarningKind, detail: note,
                    addedBy: actor.user.username, addedAt: now))
        }
        return covered
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
}
