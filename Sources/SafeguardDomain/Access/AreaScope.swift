import Foundation

/// Which policing areas a person or an incident belongs to, for the roles policy scopes to their own area (issue 24,
/// part 2; `ForcePolicy.areaScopedRoles`): a neighbourhood officer reads the people and incidents of their streets,
/// not the force's. A person belongs where she lives now, where each incident she is party to happened, and where
/// her case is placed; an incident where it happened and where its cases are placed. A record placed nowhere (no
/// postcode any area covers) belongs to no area, and an area-scoped role does not read it.
public enum AreaScope {
    /// The ids of the areas a person belongs to.
    public static func personAreas(currentPostcode: String?, incidentPostcodes: [String?], caseAreaIDs: [String?], among areas: [Area]) -> Set<String> {
        var found = Set(([currentPostcode] + incidentPostcodes).compactMap { AreaRules.area(covering: $0, among: areas)?.id })
        found.formUnion(caseAreaIDs.compactMap { $0 })
        return found
    }

    /// The ids of the areas an incident belongs to.
    public static func incidentAreas(postcode: String?, caseAreaIDs: [String?], among areas: [Area]) -> Set<String> {
        personAreas(currentPostcode: postcode, incidentPostcodes: [], caseAreaIDs: caseAreaIDs, among: areas)
    }

    /// Whether a place (by its postcode) lies in `user`'s own area: what an area-scoped role's searches find.
    public static func inOwnArea(_ user: User, postcode: String?, among areas: [Area]) -> Bool {
        guard let own = user.areaID else { return false }
        return AreaRules.area(covering: postcode, among: areas)?.id == own
    }

    /// Throws `forbidden` when `user`'s role sees only its own area and the record belongs to none of theirs.
    public static func check(_ user: User, recordAreas: Set<String>, policy: ForcePolicy, what: String) throws {
        guard policy.seesOwnAreaOnly(user.role) else { return }
        guard let own = user.areaID, recordAreas.contains(own) else {
            throw DomainError.forbidden("You see your own area's records: this \(what) belongs to another area, or to none.")
        }
    }
}

extension SafeguardService {
    /// Refuses an area-scoped role a person's record outside its area (nothing is read for a force-wide role).
    func requireInArea(_ tx: any RepositoryTransaction, _ actor: Actor, person: Person) async throws {
        guard policy.seesOwnAreaOnly(actor.role) else { return }
        let cases = [try await tx.cases.openCase(forVictims: [person.id]), try await tx.cases.latestClosedCase(forVictims: [person.id])]
        let areas = AreaScope.personAreas(
            currentPostcode: person.currentAddress?.postcode, incidentPostcodes: try await tx.people.incidents(forPerson: person.id).map(\.postcode),
            caseAreaIDs: cases.map { $0?.areaID }, among: try await tx.areas.all())
        try AreaScope.check(actor.user, recordAreas: areas, policy: policy, what: "person's record")
    }

    /// Refuses an area-scoped role a place outside its area.
    func requireInArea(_ tx: any RepositoryTransaction, _ actor: Actor, address: Address) async throws {
        guard policy.seesOwnAreaOnly(actor.role) else { return }
        let area = AreaRules.area(covering: address.postcode, among: try await tx.areas.all())
        try AreaScope.check(actor.user, recordAreas: Set([area?.id].compactMap { $0 }), policy: policy, what: "address")
    }

    /// Refuses an area-scoped role an incident (or its briefing) outside its area.
    func requireInArea(_ tx: any RepositoryTransaction, _ actor: Actor, incident: Incident) async throws {
        guard policy.seesOwnAreaOnly(actor.role) else { return }
        let areas = AreaScope.incidentAreas(
            postcode: incident.address?.postcode, caseAreaIDs: try await tx.cases.forIncident(incident.id).map(\.areaID), among: try await tx.areas.all())
        try AreaScope.check(actor.user, recordAreas: areas, policy: policy, what: "incident")
    }
}
