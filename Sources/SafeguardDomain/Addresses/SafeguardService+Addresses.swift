import Foundation

/// Everything the address page shows: the place, its warnings (ended ones too, for their history) and the incidents
/// recorded there, newest first.
public struct AddressRecordView: Sendable, Equatable, Codable {
    public var address: Address
    public var warnings: [Marker]
    public var incidents: [IncidentSummary]
}

/// One place found by `findAddresses`: the address, its warnings in force and how many incidents were recorded there.
public struct AddressSummary: Sendable, Equatable, Codable {
    public var address: Address
    public var incidentCount: Int
}

extension SafeguardService {
    /// Finds places by postcode and, optionally, line (issue 20 part 2): the line is compared as its `AddressKey`, so
    /// "flat 3, 12 high st" finds "Flat 3 12 High Street". With no line, every place at the postcode. Confidential
    /// (refuge) addresses are never found. The search is audited by its terms' kinds, not the address.
    public func findAddresses(_ actor: Actor, postcode: String?, line: String?) async throws -> [AddressSummary] {
        try actor.require(.viewIncident)
        let now = clock.now()
        guard let raw = trimmedNonEmpty(postcode) else { throw DomainError.invalid([FieldError("postcode", "Give the postcode to search at.")]) }
        guard Postcode.normalise(raw) != nil else { throw DomainError.invalid([FieldError("postcode", "\"\(raw)\" is not a UK postcode.")]) }
        let line = trimmedNonEmpty(line)
        let key = line.flatMap { AddressKey.key(line1: $0, town: "", postcode: raw) }
        if line != nil, key == nil { throw DomainError.invalid([FieldError("line", "Give the house number and street, or leave it empty.")]) }
        return try await repositories.transaction { tx in
            let places = try await tx.people.addresses(key: key ?? AddressKey.prefix(postcode: raw, town: ""), prefix: key == nil, limit: 100)
            // One grouped count: listing each place's incidents only to count them was capped at 500, and slow.
            let counts = try await tx.incidents.countsAtAddresses(places.map(\.id))
            var found = places.map { AddressSummary(address: $0, incidentCount: counts[$0.id] ?? 0) }
            if self.policy.seesOwnAreaOnly(actor.role) {
                // An area-scoped role finds the places of its own area.
                let areas = try await tx.areas.all()
                found = found.filter { AreaScope.inOwnArea(actor.user, postcode: $0.address.postcode, among: areas) }
            }
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .findAddresses, recordType: "address",
                    detail: "terms=postcode\(line == nil ? "" : "+line"); found=\(found.count)"))
            return found
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

    /// The other incidents at an incident's place, newest first, at most 50. Nothing for a confidential address: a
    /// refuge's other residents are not this incident's history, and listing them would tell who lives there.
    func atSamePlace(_ tx: any RepositoryTransaction, _ visible: Incident, visibility: Visibility) async throws -> [IncidentSummary] {
        guard let address = visible.address, !address.confidential else { return [] }
        return try await tx.incidents.atAddress(address.id, limit: 51).filter { $0.id != visible.id }.prefix(50).map(visibility.incidentSummary)
    }

    /// Marks a place confidential — a refuge — or lifts the mark (rules 24 and 33): only roles with restricted access
    /// may, with a reason. A confidential place is opened only by those roles, is never found by an address search,
    /// places nobody in an area's lists, and never appears on a briefing or anything that leaves the force. Audited.
    public func setAddressConfidential(_ actor: Actor, addressID: String, confidential asked: Bool?, reason: String?) async throws -> Address {
        guard actor.role.can(.viewRestricted) else {
            throw DomainError.forbidden("Only a DA specialist marks a place as a refuge (a confidential address).")
        }
        guard let confidential = asked else {
            throw DomainError.invalid([FieldError("confidential", "Say true (a refuge: confidential) or false (lift the mark).")])
        }
        guard let why = trimmedNonEmpty(reason), why.count >= 5 else {
            throw DomainError.invalid([FieldError("reason", "Say why (at least 5 characters): the next person will rely on it.")])
        }
        if let problem = TextInput.textProblem(why, limit: InputLimits.line) { throw DomainError.invalid([FieldError("reason", problem)]) }
        let now = clock.now()
        return try await repositories.transaction { tx in
            guard var address = try await tx.people.address(id: addressID) else { throw DomainError.notFound(kind: "address", id: addressID) }
            try await tx.people.setConfidential(addressID: addressID, confidential)
            try await tx.audit.append(
                AuditEntry(
                    at: now, user: actor.user, action: .setAddressConfidential, recordType: "address", recordID: addressID, reason: why,
                    detail: confidential ? "confidential" : "no longer confidential"))
            address.confidential = confidential
            return address
        }
    }

    /// The address, or `notFound`; a confidential (refuge) address is refused to roles without restricted access (rule 33).
    func visibleAddress(_ tx: any RepositoryTransaction, _ actor: Actor, _ id: String) async throws -> Address {
        guard let address = try await tx.people.address(id: id) else { throw DomainError.notFound(kind: "address", id: id) }
        if address.confidential && !actor.role.can(.viewRestricted) {
            throw DomainError.forbidden("This is a confidential address. Only named roles may open it; ask a DA specialist.")
        }
        try await requireInArea(tx, actor, address: address)
        return address
    }
}
