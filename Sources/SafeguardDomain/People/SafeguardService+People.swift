import Foundation

extension SafeguardService {
    /// Searches people by any of name, date of birth, phone and postcode. The terms are audited.
    /// Restricted records appear (so a call handler knows there is history) but without their details
    /// unless the role may see restricted records.
    public func searchPeople(_ actor: Actor, query: PersonSearchQuery, limit: Int = 50, reason: String? = nil) async throws -> [PersonSummary] {
        try await findPeople(actor, query: query, limit: limit, reason: reason).results
    }

    /// A search with the details set aside because they could not be read (a partial postcode, a word with no
    /// letters). It reads from a snapshot, so it never waits for the writer; the terms are audited, with the reason
    /// that roles which look back must give (rule 33: a search is a look at people's records too).
    public func findPeople(_ actor: Actor, query: PersonSearchQuery, limit: Int = 50, reason: String? = nil) async throws -> PersonSearchResult {
        try await recordingRefusal(actor, .searchPeople, recordType: "person", recordID: nil, reason: reason) {
            try actor.require(.searchPeople)
            let why = try statedReason(actor, reason)
            guard (1...200).contains(limit) else { throw DomainError.invalid([FieldError("limit", "must be between 1 and 200.")]) }
            let valid = try query.validated()
            let now = clock.now()
            let scoped = policy.seesOwnAreaOnly(actor.role)
            let found = try await readAudited(
                { tx in
                    let found = try await tx.people.search(valid, limit: limit)
                    guard scoped else { return found }
                    // An area-scoped role finds the people who live in its area (the record itself says the rest).
                    let areas = try await tx.areas.all()
                    return found.filter { AreaScope.inOwnArea(actor.user, postcode: $0.postcode, among: areas) }
                },
                audit: { found in
                    AuditEntry(
                        at: now, user: actor.user, action: .searchPeople, recordType: "person", reason: why,
                        detail: "\(query.auditTerms); results=\(found.count)")
                })
            return PersonSearchResult(results: found.map(Visibility(actor.role).summary), setAside: valid.setAside)
        }
    }

    /// Opens a person's record with their incidents and linked people. Audited, with the reason where the role must
    /// give one and where the read came from (`via`, checked: she must be on that incident or case); a refused attempt
    /// is audited too.
    public func viewPerson(_ actor: Actor, id: String, reason: String? = nil, via: ReadContext? = nil) async throws -> PersonRecordView {
        try await recordingRefusal(actor, .viewPerson, recordType: "person", recordID: id, reason: reason) {
            try await openPerson(actor, id: id, reason: reason, via: via)
        }
    }

    private func openPerson(_ actor: Actor, id: String, reason: String?, via: ReadContext?) async throws -> PersonRecordView {
        try actor.require(.viewPerson)
        let why = try statedReason(actor, reason)
        let now = clock.now()
        return try await repositories.transaction { tx in
            let person = try await visiblePerson(tx, actor, id)
            let linkRows = try await tx.links.links(of: id)
            if let via {
                let confirmed = linkRows.filter { PersonHistory.isConfirmed($0.status) }.map(\.otherID)
                try await self.checkReadContext(tx, via, records: Set([id] + confirmed))
            }
            let summaries = try await tx.people.summaries(ids: linkRows.map(\.otherID))
            let links = linkRows.compactMap { row in
                summaries[row.otherID].map { RecordLink(otherPerson: $0, status: row.status, probability: row.probability, reasons: row.reasons) }
            }
            // A confirmed link makes the records one person for history: their incidents are shown together.
            let incidents = try await PersonHistory.gather(tx, personID: id, proposedAtLeast: nil, links: linkRows).incidents
            let linked = try await tx.people.linkedPeople(ofPerson: id)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .viewPerson, recordType: "person", recordID: id, reason: why ?? via?.purpose,
                    detail: why == nil ? nil : via?.purpose))
            let visibility = Visibility(actor.role)
            let dataQuality = try await tx.people.dataQuality(of: id)
            var view = PersonRecordView(
                person: visibility.person(person), incidents: incidents.map(visibility.incidentSummary),
                linkedPeople: linked.map { LinkedPerson(person: visibility.summary($0.person), relationship: $0.relationship) },
                links: links.map { link in
                    var visible = link
                    visible.otherPerson = visibility.summary(link.otherPerson)
                    if link.otherPerson.restricted && !actor.role.can(.viewRestricted) { visible.reasons = [] }
                    return visible
                })
            view.dataQuality = dataQuality
            view.warnings = try await warningHistory(tx, of: person)
            view.household = try await self.householdChildren(tx, adults: [id], today: CalendarDate.string(now), visibility: visibility, now: now)
            if actor.role.can(.viewRestricted) {
                if let born = person.dateOfBirth {
                    view.onStaffList = try await tx.staff.contains(
                        key: StaffListRules.key(firstName: person.firstName, surname: person.surname, dateOfBirth: born))
                } else {
                    view.onStaffList = false
                }
            }
            return view
        }
    }

    /// Creates a person record from a checked draft.
    public func createPerson(_ actor: Actor, draft: PersonDraft) async throws -> Person {
        try actor.require(.createPerson)
        let now = clock.now()
        var checked = try draft.validated(now: now)
        checked.restricted = draft.restricted ?? false
        let valid = checked
        if valid.restricted && !actor.role.can(.viewRestricted) {
            throw DomainError.invalid([FieldError("restricted", "Only a DA specialist may mark a record as restricted.")])
        }
        let id = Self.newID()
        return try await repositories.transaction { tx in
            let person = try await tx.people.create(try await self.restrictingStaff(tx, valid), id: id, at: now)
            try await tx.audit.append(AuditEntry(at: now, user: actor.user, action: .createPerson, recordType: "person", recordID: id))
            return person
        }
    }

    /// Creates a person record after the match check the call page makes the handler see (rule 1): unless the
    /// caller has confirmed the person is new, records that may be them refuse the creation with the candidates, so a
    /// program cannot fill the force with duplicates silently. Unusable match terms are left to the draft's own checks.
    public func createNewPerson(_ actor: Actor, draft: PersonDraft, confirmedNew: Bool) async throws -> Person {
        if !confirmedNew { try await refuseLikelyDuplicates(actor, draft, field: "person") }
        return try await createPerson(actor, draft: draft)
    }

    /// Throws `possibleDuplicates` when the match check finds anyone above the policy's show line for these details.
    func refuseLikelyDuplicates(_ actor: Actor, _ draft: PersonDraft, field: String) async throws {
        let query = PersonMatchQuery(
            firstName: draft.firstName, surname: draft.surname, dateOfBirth: draft.dateOfBirth, phone: draft.phones.first,
            postcode: draft.postcode, email: draft.emails.first)
        let found: [PersonMatchCandidate]
        do { found = try await matchPeople(actor, query: query) } catch DomainError.invalid { return }
        if !found.isEmpty { throw DomainError.possibleDuplicates(field: field, candidates: found) }
    }

    /// Corrects a person record. The edit must be made against the current version; the old version is kept.
    public func editPerson(_ actor: Actor, id: String, expectedVersion asked: Int?, draft: PersonDraft) async throws -> Person {
        try actor.require(.editPerson)
        guard let expectedVersion = asked else {
            throw DomainError.invalid([FieldError("version", "is required: send the version you read, so a later edit by someone else is not overwritten.")])
        }
        let now = clock.now()
        let checked = try draft.validated(now: now)
        return try await repositories.transaction { tx in
            guard let current = try await tx.people.find(id: id) else { throw DomainError.notFound(kind: "person", id: id) }
            if current.disposedAt != nil {
                throw DomainError.conflict("This record was disposed of under the retention policy: there is nothing of hers left to change.")
            }
            var valid = checked
            // Leaving `restricted` out keeps it as it is: an edit never lifts a restriction by omission.
            valid.restricted = draft.restricted ?? current.restricted
            if current.restricted && !actor.role.can(.viewRestricted) {
                throw DomainError.forbidden("This is a restricted record. Only named roles may change it.")
            }
            if valid.restricted != current.restricted && !actor.role.can(.viewRestricted) {
                throw DomainError.invalid([FieldError("restricted", "Only a DA specialist may change whether a record is restricted.")])
            }
            let updated = try await tx.people.update(id: id, expectedVersion: expectedVersion, with: valid, by: actor.user.id, at: now)
            // She moved: her open case follows her to the area she lives in now.
            try await self.placeCase(tx, of: updated)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .editPerson, recordType: "person", recordID: id, detail: "version \(expectedVersion)→\(updated.version)")
            )
            return updated
        }
    }

    /// The reason to record: required (and checked) for roles that must give one, optional otherwise.
    func statedReason(_ actor: Actor, _ reason: String?) throws -> String? {
        let text = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if actor.role.mustStateReasonToViewPeople {
            guard let text, text.count >= 5 else {
                throw DomainError.reasonRequired("As a \(actor.role.title.lowercased()) you must say why you are opening this record (at least 5 characters).")
            }
            return text
        }
        return (text?.isEmpty ?? true) ? nil : text
    }
}
