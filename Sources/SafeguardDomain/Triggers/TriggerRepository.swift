import Foundation
import SafeguardMatching

/// Which triggers have fired on which cases. The key (source, case, kind) is held by the database, so an event
/// delivered twice, or seen by two clocks at once, fires once.
public protocol TriggerRepository: Sendable {
    /// Records that `source` fired `kind` on `caseID`; false if it already had (the caller then creates nothing).
    func recordFiring(source: String, caseID: String, kind: CaseTask.Kind, taskID: String, at: Date) async throws -> Bool
    /// Open cases of victims with at least `minIncidents` incidents whose last incident or contact in which she was
    /// reached was before `quietSince`, not yet checked on in this quiet period (`TriggerRules.source(quiet:…)`) —
    /// newest spells first.
    func quietCases(minIncidents: Int, quietSince: Date, now: Date, limit: Int) async throws -> [QuietCase]
}

/// A case that has heard nothing from its victim for a while.
public struct QuietCase: Sendable, Equatable {
    public var caseID: String
    public var incidentCount: Int
    public var lastContact: Date
    public init(caseID: String, incidentCount: Int, lastContact: Date) {
        self.caseID = caseID
        self.incidentCount = incidentCount
        self.lastContact = lastContact
    }
}
