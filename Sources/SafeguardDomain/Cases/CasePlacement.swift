import Foundation

/// Where a case belongs: the area where she lives. Allocation starts there (rule 15) and an area's daily briefing
/// lists its high-risk cases from it (rule 24).
public enum CasePlacementRules {
    /// The area covering her current postcode; when none does (no address known, or one outside every area of the
    /// force) the case stays where it is — for a new case, where the call was taken.
    public static func area(victimPostcode: String?, current: String?, among areas: [Area]) -> String? {
        AreaRules.area(covering: victimPostcode, among: areas)?.id ?? current
    }
}

extension SafeguardService {
    /// The open cases no longer placed where their victims live (she moved, an area was drawn or redrawn, a case was
    /// imported before the force had areas), each with the area it belongs in now.
    func caseMoves(_ tx: any RepositoryTransaction, areas: [Area]) async throws -> [(caseID: String, areaID: String?)] {
        try await tx.cases.openCasePlaces().compactMap { place in
            let placed = CasePlacementRules.area(victimPostcode: place.victimPostcode, current: place.areaID, among: areas)
            return placed == place.areaID ? nil : (place.caseID, placed)
        }
    }

    /// Places every open case where its victim lives now; returns how many moved. Run when an area is drawn, after a
    /// history import, and by each run of the perpetrator lists (daily), which follows victims who moved.
    @discardableResult
    func placeOpenCases(_ tx: any RepositoryTransaction) async throws -> Int {
        let moves = try await caseMoves(tx, areas: try await tx.areas.all())
        try await tx.cases.place(moves)
        return moves.count
    }

    /// Places her open case (if she has one) where she lives now, when her address changes.
    func placeCase(_ tx: any RepositoryTransaction, of victim: Person) async throws {
        guard let open = try await tx.cases.openCase(forVictims: [victim.id]) else { return }
        let placed = CasePlacementRules.area(victimPostcode: victim.currentAddress?.postcode, current: open.areaID, among: try await tx.areas.all())
        if placed != open.areaID { try await tx.cases.place([(open.id, placed)]) }
    }
}
