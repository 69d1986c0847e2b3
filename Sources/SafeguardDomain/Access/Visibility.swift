import Foundation

/// What a role may see of a record it is allowed to open (rule 33): restricted records (police employees as
/// victims or perpetrators) and confidential addresses (refuges) are shown in full only to roles with
/// `viewRestricted`; everyone else learns that they exist, not what they say.
public struct Visibility: Sendable {
    public let role: Role

    public init(_ role: Role) { self.role = role }

    var seesRestricted: Bool { role.can(.viewRestricted) }

    /// A person's name as this role may see it: nil for a restricted record it may not see (still counted and ranked).
    public func name(_ summary: PersonSummary?) -> String? {
        guard let summary else { return nil }
        return name(firstName: summary.firstName, surname: summary.surname, restricted: summary.restricted)
    }

    public func name(firstName: String, surname: String, restricted: Bool) -> String? {
        seesRestricted || !restricted ? "\(firstName) \(surname)" : nil
    }

    public func summary(_ summary: PersonSummary) -> PersonSummary {
        guard !seesRestricted else { return summary }
        var visible = summary
        if summary.restricted {
            visible = PersonSummary(
                id: summary.id, firstName: "Restricted", surname: "record", dateOfBirth: nil, sex: .unknown,
                postcode: nil, restricted: true, incidentCount: summary.incidentCount)
        }
        if summary.postcodeConfidential { visible.postcode = nil }
        return visible
    }

    public func incidentSummary(_ summary: IncidentSummary) -> IncidentSummary {
        guard !seesRestricted, summary.postcodeConfidential else { return summary }
        var visible = summary
        visible.postcode = nil
        return visible
    }

    public func address(_ address: Address) -> Address {
        guard !seesRestricted, address.confidential else { return address }
        // Officer-safety markers stay (they protect whoever goes there); the refuge marker would reveal the refuge.
        return Address(
            id: address.id, line1: "Confidential address", town: "", postcode: "", confidential: true,
            markers: address.markers.filter { $0.kind != Marker.refuge })
    }

    public func person(_ person: Person) -> Person {
        var visible = person
        visible.addresses = person.addresses.map { AddressHistoryEntry(address: address($0.address), from: $0.from, to: $0.to) }
        if !role.seesEthnicity { visible.ethnicity = nil }
        return visible
    }

    /// A case as this role may see it. Whoever works the case sees its tasks, owners and incidents, but when her
    /// record is restricted only roles with restricted access see who she is, how to reach her safely, who spoke to
    /// her and which orders protect her (those would tell a colleague of the suspect where she is). Confidential
    /// (refuge) postcodes are hidden as everywhere else.
    public func caseView(_ view: CaseView) -> CaseView {
        guard !seesRestricted else { return view }
        var visible = view
        visible.incidents = view.incidents.map(incidentSummary)
        visible.safeguardingCase = safeguardingCase(view.safeguardingCase)
        visible.scenes = view.scenes.mapValues(scene)
        guard view.safeguardingCase.victimRestricted else { return visible }
        visible.contacts = ContactLog(safeContact: nil, entries: [])
        visible.orders = []
        visible.timeline = view.timeline.filter { $0.kind != .contact && $0.kind != .order }
        return visible
    }

    /// An order as this role may see it: where it binds or protects a restricted record, only its kind, dates and
    /// history's shape are shown to roles without restricted access — not its terms (they name streets), nor whom
    /// it protects.
    public func order(_ order: ProtectiveOrder, restricted: Bool) -> ProtectiveOrder {
        guard restricted, !seesRestricted else { return order }
        var visible = order
        visible.terms = "Restricted record: ask a DA specialist for the terms."
        visible.protectedPersonID = nil
        visible.history = order.history.map { event in
            var shown = event
            shown.terms = nil
            shown.note = nil
            return shown
        }
        return visible
    }

    /// A case in a list (my work, a queue): whose it is stays hidden when her record is restricted.
    public func safeguardingCase(_ safeguardingCase: SafeguardingCase) -> SafeguardingCase {
        guard safeguardingCase.victimRestricted, !seesRestricted else { return safeguardingCase }
        var visible = safeguardingCase
        visible.victimName = Self.restrictedName
        return visible
    }

    /// A party to an incident: a restricted record's name is shown only to roles with restricted access.
    public func party(_ party: IncidentParty) -> IncidentParty {
        guard party.restricted, !seesRestricted else { return party }
        var visible = party
        visible.displayName = Self.restrictedName
        return visible
    }

    /// What was recorded at the scene: a child whose record is restricted is not named.
    public func scene(_ scene: SceneRecord) -> SceneRecord {
        guard !seesRestricted else { return scene }
        var visible = scene
        visible.children = scene.children.map { child in
            var shown = child
            if child.restricted { shown.displayName = Self.restrictedName }
            return shown
        }
        return visible
    }

    /// What roles without restricted access see in place of a restricted record's name.
    public static let restrictedName = "Restricted record"

    public func incident(_ incident: Incident) -> Incident {
        var visible = incident
        visible.parties = incident.parties.map(party)
        visible.address = incident.address.map(address)
        return visible
    }
}
